import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as montagesRoute from '../../app/api/montages/route';
import * as montageRoute from '../../app/api/montages/[id]/route';
import * as orderRoute from '../../app/api/montages/[id]/order/route';
import * as intervalsRoute from '../../app/api/montages/[id]/entries/[entryId]/intervals/route';
import * as shareRoute from '../../app/api/montages/[id]/share/route';
import * as sharedRoute from '../../app/api/share/[token]/route';
import * as copyRoute from '../../app/api/share/[token]/copy/route';
import * as localRoute from '../../app/api/tracks/local/route';
import * as localTrackRoute from '../../app/api/tracks/local/[trackId]/route';
import * as tempoRoute from '../../app/api/tracks/[trackId]/tempo/route';
import { getDb } from '../../db/client';
import { Visitor } from './api-client';

type Route = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Rows in the tables a request could write: a refused request must leave every count as it was. */
async function rowCounts(): Promise<Record<string, number>> {
  const db = await getDb();
  const counts: Record<string, number> = {};
  for (const table of ['owners', 'montages', 'montage_entries', 'intervals', 'share_links', 'tracks', 'track_tempos']) {
    const result = await db.execute(sql.raw(`select count(*)::int as n from ${table}`));
    counts[table] = Number((result as unknown as { rows: { n: number }[] }).rows[0]!.n);
  }
  return counts;
}

/** Sends a request as a browser on another site would (or with the headers given). */
async function send(route: unknown, method: string, options: { params?: Record<string, string>; body?: BodyInit; headers?: Record<string, string>; cookie?: string | null }) {
  const headers = new Headers(options.headers);
  if (options.cookie) headers.set('cookie', options.cookie);
  const request = new Request('http://127.0.0.1:3000/api/test', { method, headers, body: options.body, duplex: 'half' } as RequestInit);
  const response = await (route as Route)(request, { params: Promise.resolve(options.params ?? {}) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

async function ownMontage() {
  const owner = new Visitor();
  const created = await owner.call(montagesRoute.POST, 'POST', { body: { mode: 'circuit', lengthMin: 20 } });
  expect(created.status).toBe(201);
  const montage = (await owner.call(montageRoute.GET, 'GET', { params: { id: created.body.id } })).body.montage;
  return { owner, montage };
}

describe('cross-site requests', () => {
  it('refuses a state-changing request from another site with 403 and writes nothing', async () => {
    const { owner, montage } = await ownMontage();
    const { token } = (await owner.call(shareRoute.POST, 'POST', { params: { id: montage.id } })).body;
    const before = await rowCounts();
    const evil = { origin: 'http://evil.example', 'content-type': 'text/plain' };
    const sibling = { origin: 'http://127.0.0.1:4000', 'sec-fetch-site': 'same-site', 'content-type': 'application/json' };
    const crossSite = { 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' };
    const attempts: [unknown, string, Record<string, string>, Record<string, string>, string | undefined][] = [
      [montagesRoute.POST, 'POST', {}, evil, JSON.stringify({ mode: 'circuit', lengthMin: 20 })],
      [montagesRoute.POST, 'POST', {}, sibling, JSON.stringify({ mode: 'circuit', lengthMin: 20 })],
      [montagesRoute.POST, 'POST', {}, crossSite, JSON.stringify({ mode: 'circuit', lengthMin: 20 })],
      [montageRoute.PATCH, 'PATCH', { id: montage.id }, evil, JSON.stringify({ version: montage.version, name: 'Pwned' })],
      [montageRoute.DELETE, 'DELETE', { id: montage.id }, evil, undefined],
      [shareRoute.POST, 'POST', { id: montage.id }, evil, undefined],
      [shareRoute.DELETE, 'DELETE', { id: montage.id }, crossSite, undefined],
      [copyRoute.POST, 'POST', { token }, { origin: 'null' }, undefined],
    ];
    for (const [route, method, params, headers, body] of attempts) {
      const answer = await send(route, method, { params, headers, body, cookie: owner.cookie });
      expect(answer.status, `${method} with ${JSON.stringify(headers)}`).toBe(403);
    }
    expect(await rowCounts()).toEqual(before);
    const still = await owner.call(montageRoute.GET, 'GET', { params: { id: montage.id } });
    expect(still.body.montage.name).toBe(montage.name);
    expect((await send(sharedRoute.GET, 'GET', { params: { token } })).status).toBe(200);
  });

  it('accepts the same request from our own pages, and from a program with no browser headers', async () => {
    const { owner, montage } = await ownMontage();
    const sameOrigin = { origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin', 'content-type': 'application/json', host: '127.0.0.1:3000' };
    const renamed = await send(montageRoute.PATCH, 'PATCH', {
      params: { id: montage.id },
      headers: sameOrigin,
      body: JSON.stringify({ version: montage.version, name: 'Ours' }),
      cookie: owner.cookie,
    });
    expect(renamed.status).toBe(200);
    const plain = await send(montageRoute.PATCH, 'PATCH', {
      params: { id: montage.id },
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ version: renamed.body.version, name: 'Ours again' }),
      cookie: owner.cookie,
    });
    expect(plain.status).toBe(200);
  });

  it('refuses a JSON body sent as text/plain or a form with 415, even from our own origin', async () => {
    const { owner, montage } = await ownMontage();
    const before = await rowCounts();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const answer = await send(montagesRoute.POST, 'POST', {
        headers: { 'content-type': type, origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' },
        body: JSON.stringify({ mode: 'circuit', lengthMin: 20 }),
        cookie: owner.cookie,
      });
      expect(answer.status, type).toBe(415);
    }
    expect(await rowCounts()).toEqual(before);
    expect(montage.id).toBeTruthy();
  });
});

describe('input that used to answer 500', () => {
  it('refuses a version beyond a database integer with 422 naming the field', async () => {
    const { owner, montage } = await ownMontage();
    const entry = montage.entries[0];
    for (const [route, params, body] of [
      [montageRoute.PATCH, { id: montage.id }, { version: 2147483648, name: 'x' }],
      [orderRoute.PUT, { id: montage.id }, { version: 2147483648, entryIds: montage.entries.map((e: any) => e.id) }],
      [intervalsRoute.PUT, { id: montage.id, entryId: entry.id }, { version: 2147483648, intervals: entry.intervals.map(({ offsetMs, durationMs, kind, exercise, intensity, cue }: any) => ({ offsetMs, durationMs, kind, exercise, intensity, cue })) }],
    ] as const) {
      const answer = await owner.call(route, route === montageRoute.PATCH ? 'PATCH' : 'PUT', { params, body });
      expect(answer.status).toBe(422);
      expect(answer.body.error.problems[0].field).toBe('version');
    }
  });

  it('refuses NUL and other control characters in any text field with 422, writing nothing', async () => {
    const { owner, montage } = await ownMontage();
    const entry = montage.entries[0];
    const intervals = entry.intervals.map(({ offsetMs, durationMs, kind, exercise, intensity, cue }: any) => ({ offsetMs, durationMs, kind, exercise, intensity, cue }));
    const before = await rowCounts();
    const track = { title: 'Song', artist: 'Me', durationMs: 200_000, bpm: 120, analysisNote: null };
    const cases: [unknown, string, Record<string, string>, unknown, string][] = [
      [montagesRoute.POST, 'POST', {}, { mode: 'circuit', lengthMin: 20, name: 'a\u0000b' }, 'name'],
      [montageRoute.PATCH, 'PATCH', { id: montage.id }, { version: montage.version, name: 'Rocky\u0000' }, 'name'],
      [intervalsRoute.PUT, 'PUT', { id: montage.id, entryId: entry.id }, { version: montage.version, intervals: [{ ...intervals[0], exercise: 'Log\u0000' }, ...intervals.slice(1)] }, 'intervals.0.exercise'],
      [intervalsRoute.PUT, 'PUT', { id: montage.id, entryId: entry.id }, { version: montage.version, intervals: [{ ...intervals[0], cue: 'Go\u0007' }, ...intervals.slice(1)] }, 'intervals.0.cue'],
      [localRoute.POST, 'POST', {}, { tracks: [{ ...track, title: 'T\u0000' }] }, 'tracks.0.title'],
      [localRoute.POST, 'POST', {}, { tracks: [{ ...track, artist: '\u0000' }] }, 'tracks.0.artist'],
      [localRoute.POST, 'POST', {}, { tracks: [{ ...track, analysisNote: 'bass\u0000' }] }, 'tracks.0.analysisNote'],
      [orderRoute.PUT, 'PUT', { id: montage.id }, { version: montage.version, entryIds: ['\u0000'] }, 'entryIds.0'],
    ];
    for (const [route, method, params, body, field] of cases) {
      const answer = await owner.call(route, method, { params, body });
      expect(answer.status, field).toBe(422);
      expect(answer.body.error.problems.map((p: any) => p.field)).toContain(field);
    }
    const lookup = await import('../../app/api/tempo/lookup/route');
    expect((await owner.call(lookup.POST, 'POST', { body: { trackIds: ['local-\u0000'] } })).status).toBe(422);
    expect(await rowCounts()).toEqual(before);
  });

  it('answers 404 for %00 and other odd tokens and ids, and writes nothing', async () => {
    const visitor = new Visitor();
    const before = await rowCounts();
    for (const odd of ['\u0000', 'a\u0000b', '%00', 'x'.repeat(5000), '../../etc', '\u202e']) {
      expect((await visitor.call(sharedRoute.GET, 'GET', { params: { token: odd } })).status).toBe(404);
      expect((await visitor.call(copyRoute.POST, 'POST', { params: { token: odd } })).status).toBe(404);
      expect((await visitor.call(localTrackRoute.DELETE, 'DELETE', { params: { trackId: odd } })).status).toBe(404);
      expect((await visitor.call(tempoRoute.PUT, 'PUT', { params: { trackId: odd }, body: { bpm: 120, previousBpm: null } })).status).toBe(404);
    }
    expect(await rowCounts()).toEqual(before);
    expect(visitor.cookie).toBeNull();
  });

  it('answers 404 for an upper-case montage id: ids are matched exactly as issued', async () => {
    const { owner, montage } = await ownMontage();
    const upper = String(montage.id).toUpperCase();
    expect((await owner.call(montageRoute.GET, 'GET', { params: { id: upper } })).status).toBe(404);
    expect((await owner.call(montageRoute.DELETE, 'DELETE', { params: { id: upper } })).status).toBe(404);
    expect((await owner.call(montageRoute.GET, 'GET', { params: { id: montage.id } })).status).toBe(200);
  });

  it('refuses names made only of zero-width or invisible characters', async () => {
    const { owner, montage } = await ownMontage();
    for (const name of ['\u200b', '\u200b\u200c\u200d\ufeff', ' \u2060 ', '\u3164']) {
      const answer = await owner.call(montageRoute.PATCH, 'PATCH', { params: { id: montage.id }, body: { version: montage.version, name } });
      expect(answer.status, JSON.stringify(name)).toBe(422);
      expect(answer.body.error.problems[0].field).toBe('name');
    }
    const local = await owner.call(localRoute.POST, 'POST', { body: { tracks: [{ title: '\u200b', artist: 'Me', durationMs: 200_000, bpm: null }] } });
    expect(local.status).toBe(422);
    expect((await owner.call(montageRoute.PATCH, 'PATCH', { params: { id: montage.id }, body: { version: montage.version, name: 'Ива\u200bн' } })).status).toBe(200);
  });
});

describe('404s write nothing', () => {
  it('a cookieless copy of an unknown link, removal of an unknown local track and a tempo for an unknown track make no owner', async () => {
    const before = await rowCounts();
    const visitor = new Visitor();
    expect((await visitor.call(copyRoute.POST, 'POST', { params: { token: 'nopenopenopenopenopenope' } })).status).toBe(404);
    expect((await visitor.call(localTrackRoute.DELETE, 'DELETE', { params: { trackId: 'x' } })).status).toBe(404);
    expect((await visitor.call(tempoRoute.PUT, 'PUT', { params: { trackId: 'x' }, body: { bpm: 120, previousBpm: null } })).status).toBe(404);
    expect(await rowCounts()).toEqual(before);
    expect(visitor.cookie).toBeNull();
  });
});

describe('request bodies over the limit', () => {
  it('are refused with 413 while streaming, without reading the rest', async () => {
    const visitor = new Visitor();
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    let pulled = 0;
    const hundredMegabytes = 100 * 1024 * 1024;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= hundredMegabytes) return controller.close();
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const before = await rowCounts();
    const answer = await send(localRoute.POST, 'POST', { headers: { 'content-type': 'application/json' }, body, cookie: visitor.cookie });
    expect(answer.status).toBe(413);
    expect(pulled).toBeLessThan(2 * 1024 * 1024);
    const declared = await send(localRoute.POST, 'POST', {
      headers: { 'content-type': 'application/json', 'content-length': String(hundredMegabytes) },
      body: new ReadableStream({ start: (c) => c.close() }),
    });
    expect(declared.status).toBe(413);
    expect(await rowCounts()).toEqual(before);
  });
});

describe('a track removed while a montage is built from it', () => {
  it('gives a montage or a clear 409 (or the track stays, in use), never a 500', async () => {
    const rounds = 8;
    for (let round = 0; round < rounds; round++) {
      const visitor = new Visitor();
      const added = await visitor.call(localRoute.POST, 'POST', {
        body: { tracks: [{ title: `Race ${round}`, artist: 'Me', durationMs: 240_000, bpm: 170, analysisNote: null }] },
      });
      const trackId = added.body.tracks[0].id;
      const [created, removed] = await Promise.all([
        visitor.call(montagesRoute.POST, 'POST', { body: { mode: 'run', lengthMin: 45, cadenceSpm: 170 } }),
        visitor.call(localTrackRoute.DELETE, 'DELETE', { params: { trackId } }),
      ]);
      expect([201, 409]).toContain(created.status);
      expect([200, 409]).toContain(removed.status);
      if (created.status === 201) {
        const montage = (await visitor.call(montageRoute.GET, 'GET', { params: { id: created.body.id } })).body.montage;
        const usesIt = montage.entries.some((e: any) => e.track.id === trackId);
        // The montage holds the track only if the removal was refused as "in use".
        if (usesIt) expect(removed.status).toBe(409);
      }
    }
  });
});
