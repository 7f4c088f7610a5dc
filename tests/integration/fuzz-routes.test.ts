import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { catalogTrackId } from '../../lib/catalog/rocky-iv';
import * as montagesRoute from '../../app/api/montages/route';
import * as montageRoute from '../../app/api/montages/[id]/route';
import * as shareRoute from '../../app/api/montages/[id]/share/route';
import * as localRoute from '../../app/api/tracks/local/route';
import { Visitor } from './api-client';

/**
 * Property-based fuzzing of every route and method under app/api: malformed JSON, wrong types,
 * boundary numbers, NUL and control characters, huge and deep bodies, odd ids. Whatever comes in,
 * the answer is never a 5xx, and a 4xx leaves the database exactly as it was.
 */

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const API_ROOT = path.join(process.cwd(), 'app', 'api');

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === 'route.ts' ? [full] : [];
  });
}

interface Endpoint {
  name: string;
  method: (typeof METHODS)[number];
  handler: Handler;
  params: string[];
}

async function listEndpoints(): Promise<Endpoint[]> {
  const endpoints: Endpoint[] = [];
  for (const file of routeFiles(API_ROOT).sort()) {
    const rel = path.relative(API_ROOT, path.dirname(file));
    const params = [...rel.matchAll(/\[(?:\.\.\.)?([^\]]+)\]/g)].map((m) => m[1]!);
    const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
    for (const method of METHODS) {
      if (typeof mod[method] === 'function') endpoints.push({ name: `${method} /api/${rel}`, method, handler: mod[method] as Handler, params });
    }
  }
  return endpoints;
}

/** What a request could change: counts per table, plus montage versions and names, and live share links. */
async function snapshot(): Promise<string> {
  const db = await getDb();
  const result = await db.execute(
    sql.raw(`select
      (select count(*) from owners) as owners,
      (select count(*) from owner_sessions where revoked_at is null) as sessions,
      (select count(*) from montages) as montages,
      (select coalesce(sum(version), 0) from montages) as versions,
      (select md5(coalesce(string_agg(name, '|' order by id), '')) from montages) as names,
      (select count(*) from montage_entries) as entries,
      (select md5(coalesce(string_agg(entry_id::text || ':' || position || ':' || offset_ms || ':' || duration_ms || ':' || exercise || ':' || cue, '|' order by entry_id, position), '')) from intervals) as intervals,
      (select count(*) from share_links where revoked_at is null) as shares,
      (select count(*) from tracks) as tracks,
      (select count(*) from track_tempos) as tempos`),
  );
  return JSON.stringify((result as unknown as { rows: unknown[] }).rows[0]);
}

const controlText = fc.string({ unit: fc.constantFrom('\u0000', '\u0001', '\u001f', '\u007f', '\u0085', '\u200b', '\ufeff', 'a', ' ', '\u202e', '%00') });
const oddText = fc.oneof(
  fc.string(),
  controlText,
  fc.constantFrom('', ' ', '\u0000', '%00', 'null', '../..', '\ud800', 'x'.repeat(10_000), '<script>', "' or 1=1 --"),
);
const boundaryNumber = fc.oneof(
  fc.constantFrom(0, -1, 1, 0.5, -0, 2147483647, 2147483648, -2147483649, Number.MAX_SAFE_INTEGER, 1e308, -1e308, 1e-308),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  oddText,
  boundaryNumber,
  fc.constantFrom(null, true, false, [], {}),
  fc.array(oddText, { maxLength: 3 }),
  fc.dictionary(oddText, oddText, { maxKeys: 3 }),
);

interface Fixture {
  owner: Visitor;
  montageId: string;
  entryId: string;
  version: number;
  token: string;
  localTrackId: string;
}

/** Bodies shaped like what the routes expect, with any field swapped for an odd value. */
function shapedBodies(f: Fixture): fc.Arbitrary<unknown> {
  const interval = fc.record({
    offsetMs: fc.oneof(fc.constant(0), boundaryNumber),
    durationMs: fc.oneof(fc.constant(30_000), boundaryNumber),
    kind: fc.oneof(fc.constantFrom('work', 'rest'), oddText),
    exercise: fc.oneof(fc.constant('Log carry'), oddText),
    intensity: fc.oneof(fc.constantFrom('easy', 'hard'), oddText),
    cue: oddText,
  });
  const version = fc.oneof(fc.constant(f.version), boundaryNumber, oddValue);
  return fc.oneof(
    fc.record({ mode: fc.oneof(fc.constantFrom('circuit', 'run', 'hiit'), oddText), lengthMin: fc.oneof(fc.constant(20), boundaryNumber), cadenceSpm: boundaryNumber, name: oddText }, { requiredKeys: ['mode', 'lengthMin'] }),
    fc.record({ version, name: oddText }),
    fc.record({ version, entryIds: fc.oneof(fc.array(fc.oneof(fc.constant(f.entryId), fc.uuid(), oddText), { maxLength: 4 }), oddValue) }),
    fc.record({ version, intervals: fc.oneof(fc.array(interval, { maxLength: 4 }), oddValue) }),
    fc.record({ bpm: fc.oneof(fc.constant(120), boundaryNumber, oddValue), source: fc.oneof(fc.constantFrom('manual', 'tap'), oddText) }, { requiredKeys: ['bpm'] }),
    fc.record({
      tracks: fc.array(
        fc.record({ title: oddText, artist: oddText, durationMs: boundaryNumber, bpm: fc.oneof(boundaryNumber, fc.constant(null)), analysisNote: oddText, isrc: oddText, fileSha256: oddText }, { requiredKeys: ['title', 'artist', 'durationMs', 'bpm'] }),
        { maxLength: 3 },
      ),
    }),
    fc.record({ trackIds: fc.oneof(fc.array(fc.oneof(fc.constant(f.localTrackId), oddText), { maxLength: 4 }), oddValue) }),
  );
}

/** A body as raw text: malformed JSON, JSON of any shape, huge or deeply nested. */
function rawBodies(f: Fixture): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    { weight: 4, arbitrary: shapedBodies(f).map((b) => JSON.stringify(b)) },
    { weight: 2, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.constantFrom('', '{', '{"a":', 'nul', '[1,2', '\u0000', '{"version":1,"name":"x"}}', '{"__proto__":{"x":1}}', '\ufeff{}') },
    { weight: 1, arbitrary: fc.string() },
    { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 200_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)) },
    { weight: 1, arbitrary: fc.constantFrom(260 * 1024, 2 * 1024 * 1024).map((size) => `{"name":"${'x'.repeat(size)}"}`) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

function idFor(param: string, f: Fixture): fc.Arbitrary<string> {
  const valid = { id: f.montageId, entryId: f.entryId, token: f.token, trackId: f.localTrackId, nextauth: 'session' }[param] ?? 'x';
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(valid) },
    { weight: 1, arbitrary: fc.constant(valid.toUpperCase()) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.constant(catalogTrackId(1)) },
    { weight: 3, arbitrary: oddText },
  );
}

let endpoints: Endpoint[] = [];
let fixture: Fixture;
let requests = 0;
const statuses = new Map<number, number>();

/** An owner with a montage, a live share link and a local track: what valid ids point at. */
async function makeFixture(): Promise<Fixture> {
  const owner = new Visitor();
  const created = await owner.call(montagesRoute.POST, 'POST', { body: { mode: 'circuit', lengthMin: 20 } });
  const montage = (await owner.call(montageRoute.GET, 'GET', { params: { id: created.body.id } })).body.montage;
  const { token } = (await owner.call(shareRoute.POST, 'POST', { params: { id: montage.id } })).body;
  const local = await owner.call(localRoute.POST, 'POST', { body: { tracks: [{ title: 'Fuzz', artist: 'Me', durationMs: 200_000, bpm: 120 }] } });
  return { owner, montageId: montage.id, entryId: montage.entries[0].id, version: montage.version, token, localTrackId: local.body.tracks[0].id };
}

beforeAll(async () => {
  endpoints = await listEndpoints();
  fixture = await makeFixture();
});

afterAll(() => {
  console.log(JSON.stringify({ fuzz: 'routes', endpoints: endpoints.length, requests, statuses: Object.fromEntries([...statuses].sort()) }));
});

describe('every route and method, fuzzed', () => {
  it('lists every route file under app/api', () => {
    expect(routeFiles(API_ROOT).length).toBeGreaterThanOrEqual(15);
    expect(endpoints.length).toBeGreaterThanOrEqual(20);
  });

  it('never answers 5xx, and a 4xx writes nothing', async () => {
    const request = fc.record({
      endpoint: fc.constantFrom(...endpoints),
      withCookie: fc.boolean(),
      contentType: fc.oneof({ weight: 8, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/json; charset=utf-16', 'application/x-www-form-urlencoded') }),
      seed: fc.integer(),
    }).chain((r) =>
      fc.record({
        r: fc.constant(r),
        params: fc.tuple(...r.endpoint.params.map((p) => idFor(p, fixture))),
        body: r.endpoint.method === 'GET' ? fc.constant(undefined) : rawBodies(fixture),
      }),
    );
    await fc.assert(
      fc.asyncProperty(request, async ({ r, params, body }) => {
        const before = await snapshot();
        const headers = new Headers({ 'content-type': r.contentType, host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' });
        if (r.withCookie && fixture.owner.cookie) headers.set('cookie', fixture.owner.cookie);
        const req = new Request('http://127.0.0.1:3000/api/fuzz', { method: r.endpoint.method, headers, body });
        const response = await r.endpoint.handler(req, { params: Promise.resolve(Object.fromEntries(r.endpoint.params.map((p, i) => [p, params[i]!]))) });
        requests += 1;
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const text = await response.text();
        expect(response.status, `${r.endpoint.name} → ${text.slice(0, 300)}`).toBeLessThan(500);
        if (response.status >= 400) expect(await snapshot(), `${r.endpoint.name} ${response.status} wrote`).toBe(before);
        // A successful write moves the fixture on: later requests use the montage's current version,
        // and a deleted montage, revoked link or forgotten session is replaced by a fresh fixture.
        if (response.ok && /"version":\d+/.test(text) && r.endpoint.name.includes('/montages/')) {
          fixture.version = JSON.parse(text).version ?? fixture.version;
        }
        if (response.ok && r.endpoint.method === 'DELETE') fixture = await makeFixture();
      }),
      { numRuns: 1000 },
    );
  }, 180_000);
});
