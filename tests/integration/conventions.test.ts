import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as montagesRoute from '../../app/api/montages/route';
import * as montageRoute from '../../app/api/montages/[id]/route';
import * as orderRoute from '../../app/api/montages/[id]/order/route';
import * as intervalsRoute from '../../app/api/montages/[id]/entries/[entryId]/intervals/route';
import * as swapRoute from '../../app/api/montages/[id]/entries/[entryId]/swap/route';
import * as alternativesRoute from '../../app/api/montages/[id]/entries/[entryId]/alternatives/route';
import * as montageFitRoute from '../../app/api/montages/[id]/fit/route';
import * as sharedFitRoute from '../../app/api/share/[token]/fit/route';
import * as sessionsRoute from '../../app/api/sessions/route';
import * as sessionRoute from '../../app/api/sessions/[id]/route';
import * as sessionsExportRoute from '../../app/api/sessions/export/route';
import * as forgetRoute from '../../app/api/session/route';
import * as libraryRoute from '../../app/api/library/route';
import * as playerRoute from '../../app/api/spotify/connect/player/route';
import * as shareRoute from '../../app/api/montages/[id]/share/route';
import * as spotifySaveRoute from '../../app/api/montages/[id]/spotify/route';
import * as sharedRoute from '../../app/api/share/[token]/route';
import * as copyRoute from '../../app/api/share/[token]/copy/route';
import * as libraryFiltersRoute from '../../app/api/library/filters/route';
import * as libraryFilterRoute from '../../app/api/library/filters/[id]/route';
import * as libraryRemoveRoute from '../../app/api/library/remove/route';
import * as lookupRoute from '../../app/api/tempo/lookup/route';
import * as lookupRunRoute from '../../app/api/tempo/lookup/run/route';
import * as tempoRoute from '../../app/api/tracks/[trackId]/tempo/route';
import * as localRoute from '../../app/api/tracks/local/route';
import * as localTrackRoute from '../../app/api/tracks/local/[trackId]/route';
import MontagePage from '../../app/m/[id]/page';
import TrainPage from '../../app/m/[id]/train/page';
import CardPage from '../../app/m/[id]/card/page';
import SharedCardPage from '../../app/s/[token]/card/page';
import SharedMontagePage from '../../app/s/[token]/page';
import SharedTrainPage from '../../app/s/[token]/train/page';
import { getDb } from '../../db/client';
import { signInSpotifyUser } from '../../db/queries/users';
import { intervals, libraryFilters, montageEntries, montages, owners, ownerSessions, shareLinks, tracks, trackTempos } from '../../db/schema';
import { sessionIntervals, workoutSessions } from '../../db/schema-sessions';
import { spotifyPlaylists } from '../../db/schema-spotify';
import { ownerOf } from '../../lib/server/request-owner';
import { Visitor } from './api-client';

/**
 * The README's conventions, route by route (every app/api/**\/route.ts they apply to):
 * 400 for malformed JSON, 422 naming the field, 404 for unknown or another owner's ids (routes
 * and pages), 409 for a save on an older version, and one transaction per write — each refusal
 * leaving the database exactly as it was.
 */

const pageCookie = vi.hoisted(() => ({ value: null as string | null }));
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ host: '127.0.0.1:3000' }),
  cookies: async () => ({
    get: (name: string) => {
      const [cookieName, value] = (pageCookie.value ?? '').split('=');
      return cookieName === name && value ? { name, value } : undefined;
    },
  }),
}));

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** Everything a write could touch, in a stable order. */
async function snapshot() {
  const db = await getDb();
  const all = async (table: any) => (await db.select().from(table)).map((row: any) => JSON.stringify(row)).sort();
  return {
    owners: await all(owners),
    montages: await all(montages),
    entries: await all(montageEntries),
    intervals: await all(intervals),
    shareLinks: await all(shareLinks),
    tracks: await all(tracks),
    trackTempos: await all(trackTempos),
    libraryFilters: await all(libraryFilters),
    workoutSessions: await all(workoutSessions),
    sessionIntervals: await all(sessionIntervals),
    spotifyPlaylists: await all(spotifyPlaylists),
    // Only which sessions exist: a request may slide a session's expiry.
    ownerSessions: (await db.select({ id: ownerSessions.id, revokedAt: ownerSessions.revokedAt }).from(ownerSessions)).map((r: any) => JSON.stringify(r)).sort(),
  };
}

async function build(visitor: Visitor) {
  const created = await visitor.call(montagesRoute.POST, 'POST', { body: { mode: 'circuit', lengthMin: 20 } });
  expect(created.status).toBe(201);
  return (await visitor.call(montageRoute.GET, 'GET', { params: { id: created.body.id } })).body.montage;
}

async function current(visitor: Visitor, id: string) {
  return (await visitor.call(montageRoute.GET, 'GET', { params: { id } })).body.montage;
}

function coverWith(durationMs: number, exercise = 'Sled pull') {
  return [
    { offsetMs: 0, durationMs: durationMs - 30_000, kind: 'work', exercise, intensity: 'max', cue: '' },
    { offsetMs: durationMs - 30_000, durationMs: 30_000, kind: 'rest', exercise: 'Rest', intensity: 'rest', cue: '' },
  ];
}

/** A workout session as the follow-along page sends it, for `montage` (or none). */
function workoutSession(montage: any, id = randomUUID()) {
  const startedAt = '2026-11-20T07:00:00.000Z';
  return {
    id,
    montage: { id: montage?.id ?? null, name: montage?.name ?? 'Gone', mode: 'circuit', version: montage?.version ?? 1 },
    status: 'abandoned',
    startedAt,
    endedAt: '2026-11-20T07:01:00.000Z',
    plannedMs: 60_000,
    activeMs: 60_000,
    pausedMs: 0,
    pauseCount: 0,
    revision: 1,
    intervals: [
      { position: 0, entryIndex: 0, trackTitle: 'Training Montage', kind: 'work', exercise: 'Sled pull', intensity: 'max', plannedMs: 60_000, activeMs: 60_000, status: 'done' },
    ],
  };
}

/** A track of the owner's pool the montage does not use yet (what a swap asks for). */
async function unusedTrack(visitor: Visitor, montage: any, entryId = montage.entries[0].id): Promise<string> {
  const result = await visitor.call(alternativesRoute.GET, 'GET', { params: { id: montage.id, entryId } });
  expect(result.status).toBe(200);
  return result.body.alternatives[0].trackId;
}

const localFile = (n: number, bpm: number | null = 150) => ({
  title: `Conventions ${n}`,
  artist: 'Me',
  durationMs: 180_000 + n,
  bpm,
  fileSha256: n.toString(16).padStart(64, 'c'),
});

// One owner with a montage, a second montage, a share link and a local track; a stranger with
// their own montage, local track and Spotify account (so Spotify's 401 cannot hide a missing 404).
const owner = new Visitor();
const stranger = new Visitor();
let mine: any;
let mySecond: any;
let myToken: string;
let myLocalTrackId: string;
let theirs: any;
let theirLocalTrackId: string;
let theirFilterId: string;
let theirSessionId: string;
let mySwapTrackId: string;

beforeAll(async () => {
  mine = await build(owner);
  mySecond = await build(owner);
  myToken = (await owner.call(shareRoute.POST, 'POST', { params: { id: mine.id } })).body.token;
  myLocalTrackId = (await owner.call(localRoute.POST, 'POST', { body: { tracks: [localFile(1)] } })).body.tracks[0].id;
  theirs = await build(stranger);
  theirLocalTrackId = (await stranger.call(localRoute.POST, 'POST', { body: { tracks: [localFile(2)] } })).body.tracks[0].id;
  const theirFilter = await stranger.call(libraryFiltersRoute.POST, 'POST', { body: { kind: 'tracks', name: 'Theirs', trackIds: [theirLocalTrackId] } });
  expect(theirFilter.status).toBe(201);
  theirFilterId = theirFilter.body.filter.id;
  const theirSession = await stranger.call(sessionsRoute.POST, 'POST', { body: workoutSession(theirs) });
  expect(theirSession.status).toBe(201);
  theirSessionId = theirSession.body.id;
  mySwapTrackId = await unusedTrack(owner, mine);
  const db = await getDb();
  const strangerOwnerId = await ownerOf(db, new Request('http://127.0.0.1/', { headers: { cookie: stranger.cookie! } }));
  await signInSpotifyUser(db, {
    spotifyId: 'conventions-stranger',
    displayName: 'Stranger',
    anonymousOwnerId: strangerOwnerId,
    tokens: { accessToken: 'a', refreshToken: 'r', scope: 'playlist-modify-private', expiresAt: new Date(Date.now() + 3_600_000) },
  });
});

interface BodyRoute {
  route: string;
  handler: unknown;
  method: string;
  params: () => Record<string, string>;
  /** A body breaking one rule, and the field the answer must name. */
  invalid: () => [unknown, string][];
  /** Who asks (the owner unless the route needs a Spotify account). */
  asker?: () => Visitor;
}

// Every route that reads a JSON body.
const bodyRoutes: BodyRoute[] = [
  {
    route: 'POST /api/montages',
    handler: montagesRoute.POST,
    method: 'POST',
    params: () => ({}),
    invalid: () => [
      [{ mode: 'run', lengthMin: '30' }, 'lengthMin'],
      [{ mode: 'yoga', lengthMin: 30 }, 'mode'],
    ],
  },
  {
    route: 'PATCH /api/montages/:id',
    handler: montageRoute.PATCH,
    method: 'PATCH',
    params: () => ({ id: mine.id }),
    invalid: () => [
      [{ version: mine.version, name: '  ' }, 'name'],
      [{ version: 'one', name: 'Siberia' }, 'version'],
    ],
  },
  {
    route: 'PUT /api/montages/:id/order',
    handler: orderRoute.PUT,
    method: 'PUT',
    params: () => ({ id: mine.id }),
    invalid: () => [
      [{ version: mine.version, entryIds: ['not-an-id'] }, 'entryIds.0'],
      [{ entryIds: mine.entries.map((e: any) => e.id) }, 'version'],
    ],
  },
  {
    route: 'PUT /api/montages/:id/entries/:entryId/intervals',
    handler: intervalsRoute.PUT,
    method: 'PUT',
    params: () => ({ id: mine.id, entryId: mine.entries[0].id }),
    invalid: () => [
      [{ version: mine.version, intervals: [{ ...coverWith(mine.entries[0].track.durationMs)[0], durationMs: 500 }] }, 'intervals.0.durationMs'],
      [{ version: mine.version, intervals: [] }, 'intervals'],
    ],
  },
  {
    route: 'POST /api/tempo/lookup',
    handler: lookupRoute.POST,
    method: 'POST',
    params: () => ({}),
    invalid: () => [
      [{ trackIds: 'all' }, 'trackIds'],
      [{ trackIds: [''] }, 'trackIds.0'],
    ],
  },
  {
    route: 'POST /api/tempo/lookup/run',
    handler: lookupRunRoute.POST,
    method: 'POST',
    params: () => ({}),
    invalid: () => [
      [{ trackIds: 'all' }, 'trackIds'],
      [{ trackIds: [''] }, 'trackIds.0'],
    ],
  },
  {
    route: 'PUT /api/tracks/:trackId/tempo',
    handler: tempoRoute.PUT,
    method: 'PUT',
    params: () => ({ trackId: myLocalTrackId }),
    invalid: () => [
      [{ bpm: 'fast', previousBpm: 150 }, 'bpm'],
      [{ bpm: 120, source: 'guess', previousBpm: 150 }, 'source'],
      // The tempo the visitor saw is what makes a stale save a 409: it must be sent.
      [{ bpm: 120 }, 'previousBpm'],
    ],
  },
  {
    route: 'POST /api/tracks/local',
    handler: localRoute.POST,
    method: 'POST',
    params: () => ({}),
    invalid: () => [
      [{ tracks: [] }, 'tracks'],
      [{ tracks: [{ ...localFile(3), durationMs: 10 }] }, 'tracks.0.durationMs'],
    ],
  },
  {
    route: 'POST /api/library/filters',
    handler: libraryFiltersRoute.POST,
    method: 'POST',
    params: () => ({}),
    invalid: () => [
      [{ kind: 'tracks', name: ' ', trackIds: [myLocalTrackId] }, 'name'],
      [{ kind: 'tracks', name: 'Picked', trackIds: [] }, 'trackIds'],
      [{ kind: 'tracks', name: 'Picked', trackIds: [myLocalTrackId, theirLocalTrackId] }, 'trackIds.1'],
    ],
  },
  {
    route: 'POST /api/library/remove',
    handler: libraryRemoveRoute.POST,
    method: 'POST',
    params: () => ({}),
    invalid: () => [
      [{ trackIds: [] }, 'trackIds'],
      [{ trackIds: [''] }, 'trackIds.0'],
    ],
  },
  {
    route: 'POST /api/montages/:id/entries/:entryId/swap',
    handler: swapRoute.POST,
    method: 'POST',
    params: () => ({ id: mine.id, entryId: mine.entries[0].id }),
    invalid: () => [
      [{ version: mine.version, trackId: ' ' }, 'trackId'],
      [{ version: 0, trackId: mySwapTrackId }, 'version'],
      // Another owner's track, one already in the montage, and an unknown one are not in the visitor's pool to swap in.
      [{ version: mine.version, trackId: theirLocalTrackId }, 'trackId'],
      [{ version: mine.version, trackId: mine.entries[1].track.id }, 'trackId'],
      [{ version: mine.version, trackId: 'local-00000000-0000-4000-8000-000000000000' }, 'trackId'],
    ],
  },
  {
    route: 'POST /api/sessions',
    handler: sessionsRoute.POST,
    method: 'POST',
    params: () => ({}),
    invalid: () => [
      [{ ...workoutSession(mine), id: 'session-1' }, 'id'],
      [{ ...workoutSession(mine), endedAt: '2026-11-20T06:00:00.000Z' }, 'endedAt'],
      [{ ...workoutSession(mine), intervals: [{ ...workoutSession(mine).intervals[0], status: 'skipped-ish' }] }, 'intervals.0.status'],
    ],
  },
  {
    route: 'POST /api/spotify/connect/player',
    handler: playerRoute.POST,
    method: 'POST',
    params: () => ({}),
    asker: () => stranger,
    invalid: () => [
      [{ action: 'pause', deviceId: ' ' }, 'deviceId'],
      [{ action: 'start', deviceId: 'phone', spotifyIds: ['not-a-spotify-id'], offsetPosition: 0, positionMs: 0 }, 'spotifyIds.0'],
      [{ action: 'start', deviceId: 'phone', spotifyIds: ['4uLU6hMCjMI75M1A2tKUQC'], offsetPosition: 1, positionMs: 0 }, 'offsetPosition'],
      [{ action: 'rewind', deviceId: 'phone' }, 'action'],
    ],
  },
];

describe.each(bodyRoutes)('$route', ({ handler, method, params, invalid, asker = () => owner }) => {
  it('answers 400 to malformed JSON, naming the body, and writes nothing', async () => {
    const before = await snapshot();
    const result = await asker().call(handler, method, { params: params(), rawBody: '{"version": 1,' });
    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe('malformed_request');
    expect(result.body.error.problems.map((p: any) => p.field)).toEqual(['body']);
    expect(await snapshot()).toEqual(before);
  });

  it('answers 422 naming the field that breaks a rule, and writes nothing', async () => {
    for (const [body, field] of invalid()) {
      const before = await snapshot();
      const result = await asker().call(handler, method, { params: params(), body });
      expect(result.status, JSON.stringify(body)).toBe(422);
      expect(result.body.error.problems.map((p: any) => p.field)).toContain(field);
      expect(result.body.error.message).toContain(field);
      expect(await snapshot()).toEqual(before);
    }
  });
});

// Routes that read their input from the query string: 422 naming the parameter.
const queryRoutes: { route: string; handler: unknown; search: string; field: string }[] = [
  { route: 'GET /api/library', handler: libraryRoute.GET, search: 'min=fast', field: 'min' },
  { route: 'GET /api/library', handler: libraryRoute.GET, search: 'sort=loudness', field: 'sort' },
  { route: 'GET /api/library', handler: libraryRoute.GET, search: 'colour=red', field: 'query' },
  { route: 'GET /api/sessions/export', handler: sessionsExportRoute.GET, search: 'format=xlsx', field: 'format' },
];

describe.each(queryRoutes)('$route?$search', ({ handler, search, field }) => {
  it(`answers 422 naming ${field}, and writes nothing`, async () => {
    const before = await snapshot();
    const request = new Request(`http://127.0.0.1:3000/api/test?${search}`, { headers: { cookie: owner.cookie! } });
    const response = await (handler as (r: Request) => Promise<Response>)(request);
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.error.problems.map((p: any) => p.field)).toContain(field);
    expect(body.error.message).toContain(field);
    expect(await snapshot()).toEqual(before);
  });
});

interface IdCase {
  route: string;
  handler: unknown;
  method: string;
  /** Params naming an unknown id, and params naming the stranger's. */
  unknown: () => Record<string, string>;
  foreign: () => Record<string, string>;
  body?: (params: Record<string, string>) => unknown;
}

// Every route that takes an id, each with a valid body so only the id can be at fault.
const idRoutes: IdCase[] = [
  { route: 'GET /api/montages/:id', handler: montageRoute.GET, method: 'GET', unknown: () => ({ id: UNKNOWN_ID }), foreign: () => ({ id: theirs.id }) },
  {
    route: 'PATCH /api/montages/:id',
    handler: montageRoute.PATCH,
    method: 'PATCH',
    unknown: () => ({ id: UNKNOWN_ID }),
    foreign: () => ({ id: theirs.id }),
    body: () => ({ version: theirs.version, name: 'Mine now' }),
  },
  { route: 'DELETE /api/montages/:id', handler: montageRoute.DELETE, method: 'DELETE', unknown: () => ({ id: UNKNOWN_ID }), foreign: () => ({ id: theirs.id }) },
  { route: 'POST /api/montages/:id/share', handler: shareRoute.POST, method: 'POST', unknown: () => ({ id: UNKNOWN_ID }), foreign: () => ({ id: theirs.id }) },
  { route: 'DELETE /api/montages/:id/share', handler: shareRoute.DELETE, method: 'DELETE', unknown: () => ({ id: UNKNOWN_ID }), foreign: () => ({ id: theirs.id }) },
  {
    route: 'PUT /api/montages/:id/order',
    handler: orderRoute.PUT,
    method: 'PUT',
    unknown: () => ({ id: UNKNOWN_ID }),
    foreign: () => ({ id: theirs.id }),
    body: () => ({ version: theirs.version, entryIds: theirs.entries.map((e: any) => e.id).reverse() }),
  },
  {
    route: 'PUT /api/montages/:id/entries/:entryId/intervals (montage)',
    handler: intervalsRoute.PUT,
    method: 'PUT',
    unknown: () => ({ id: UNKNOWN_ID, entryId: theirs.entries[0].id }),
    foreign: () => ({ id: theirs.id, entryId: theirs.entries[0].id }),
    body: () => ({ version: theirs.version, intervals: coverWith(theirs.entries[0].track.durationMs) }),
  },
  {
    route: 'PUT /api/montages/:id/entries/:entryId/intervals (entry)',
    handler: intervalsRoute.PUT,
    method: 'PUT',
    unknown: () => ({ id: mine.id, entryId: UNKNOWN_ID }),
    // The stranger's entry under the visitor's own montage.
    foreign: () => ({ id: mine.id, entryId: theirs.entries[0].id }),
    body: () => ({ version: mine.version, intervals: coverWith(theirs.entries[0].track.durationMs) }),
  },
  {
    route: 'POST /api/montages/:id/spotify',
    handler: spotifySaveRoute.POST,
    method: 'POST',
    unknown: () => ({ id: UNKNOWN_ID }),
    // Here the stranger (signed in to Spotify) asks for the owner's montage.
    foreign: () => ({ id: mine.id }),
  },
  { route: 'GET /api/share/:token', handler: sharedRoute.GET, method: 'GET', unknown: () => ({ token: 'A'.repeat(43) }), foreign: () => ({ token: `${myToken.slice(0, -1)}x` }) },
  { route: 'POST /api/share/:token/copy', handler: copyRoute.POST, method: 'POST', unknown: () => ({ token: 'A'.repeat(43) }), foreign: () => ({ token: 'x'.repeat(101) }) },
  {
    route: 'PUT /api/tracks/:trackId/tempo',
    handler: tempoRoute.PUT,
    method: 'PUT',
    unknown: () => ({ trackId: 'local-00000000-0000-4000-8000-000000000000' }),
    foreign: () => ({ trackId: theirLocalTrackId }),
    body: () => ({ bpm: 128, previousBpm: null }),
  },
  {
    route: 'DELETE /api/tracks/local/:trackId',
    handler: localTrackRoute.DELETE,
    method: 'DELETE',
    unknown: () => ({ trackId: 'local-00000000-0000-4000-8000-000000000000' }),
    foreign: () => ({ trackId: theirLocalTrackId }),
  },
  {
    route: 'GET /api/montages/:id/entries/:entryId/alternatives (montage)',
    handler: alternativesRoute.GET,
    method: 'GET',
    unknown: () => ({ id: UNKNOWN_ID, entryId: theirs.entries[0].id }),
    foreign: () => ({ id: theirs.id, entryId: theirs.entries[0].id }),
  },
  {
    route: 'GET /api/montages/:id/entries/:entryId/alternatives (entry)',
    handler: alternativesRoute.GET,
    method: 'GET',
    unknown: () => ({ id: mine.id, entryId: UNKNOWN_ID }),
    foreign: () => ({ id: mine.id, entryId: theirs.entries[0].id }),
  },
  {
    route: 'POST /api/montages/:id/entries/:entryId/swap (montage)',
    handler: swapRoute.POST,
    method: 'POST',
    unknown: () => ({ id: UNKNOWN_ID, entryId: theirs.entries[0].id }),
    foreign: () => ({ id: theirs.id, entryId: theirs.entries[0].id }),
    body: () => ({ version: theirs.version, trackId: mySwapTrackId }),
  },
  {
    route: 'POST /api/montages/:id/entries/:entryId/swap (entry)',
    handler: swapRoute.POST,
    method: 'POST',
    unknown: () => ({ id: mine.id, entryId: UNKNOWN_ID }),
    foreign: () => ({ id: mine.id, entryId: theirs.entries[0].id }),
    body: () => ({ version: mine.version, trackId: mySwapTrackId }),
  },
  { route: 'GET /api/montages/:id/fit', handler: montageFitRoute.GET, method: 'GET', unknown: () => ({ id: UNKNOWN_ID }), foreign: () => ({ id: theirs.id }) },
  { route: 'GET /api/share/:token/fit', handler: sharedFitRoute.GET, method: 'GET', unknown: () => ({ token: 'A'.repeat(43) }), foreign: () => ({ token: `${myToken.slice(0, -1)}x` }) },
  {
    route: 'POST /api/montages (saved filter)',
    handler: montagesRoute.POST,
    method: 'POST',
    unknown: () => ({ filterId: UNKNOWN_ID }),
    foreign: () => ({ filterId: theirFilterId }),
    body: ({ filterId }) => ({ mode: 'circuit', lengthMin: 20, filterId }),
  },
  { route: 'DELETE /api/sessions/:id', handler: sessionRoute.DELETE, method: 'DELETE', unknown: () => ({ id: UNKNOWN_ID }), foreign: () => ({ id: theirSessionId }) },
  {
    route: 'DELETE /api/library/filters/:id',
    handler: libraryFilterRoute.DELETE,
    method: 'DELETE',
    unknown: () => ({ id: UNKNOWN_ID }),
    foreign: () => ({ id: theirFilterId }),
  },
];

describe.each(idRoutes)('$route', ({ route, handler, method, unknown, foreign, body }) => {
  // The Spotify save is asked by the stranger for the owner's montage; every other route by the owner for the stranger's.
  const asker = () => (route.includes('/spotify') ? stranger : owner);

  it.each([
    ['an unknown id', unknown],
    ["another owner's id", foreign],
  ])('answers 404 for %s and writes nothing', async (_label, params) => {
    const before = await snapshot();
    const result = await asker().call(handler, method, { params: params(), body: body?.(params()) });
    expect(result.status).toBe(404);
    expect(result.body.error.code).toBe('not_found');
    expect(await snapshot()).toEqual(before);
  });

  it('answers 404 to a visitor with no cookie at all', async () => {
    const before = await snapshot();
    const result = await new Visitor().call(handler, method, { params: unknown(), body: body?.(unknown()) });
    expect(result.status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });
});

/** A page as Next runs it for a visitor: 200 with its element tree, or 404 (notFound()). */
async function openPage(render: () => Promise<unknown>, cookie: string | null): Promise<number> {
  pageCookie.value = cookie;
  try {
    await render();
    return 200;
  } catch (error) {
    if ((error as { digest?: string }).digest === 'NEXT_HTTP_ERROR_FALLBACK;404') return 404;
    throw error;
  } finally {
    pageCookie.value = null;
  }
}

describe('pages answer 404 for unknown or another owner’s ids', () => {
  const byId = [
    ['/m/:id', MontagePage],
    ['/m/:id/train', TrainPage],
    ['/m/:id/card', CardPage],
  ] as const;
  it.each(byId)('%s', async (_path, Page) => {
    const page = (id: string) => () => Page({ params: Promise.resolve({ id }) });
    expect(await openPage(page(mine.id), owner.cookie)).toBe(200);
    expect(await openPage(page(mine.id), stranger.cookie)).toBe(404);
    expect(await openPage(page(mine.id), null)).toBe(404);
    expect(await openPage(page(UNKNOWN_ID), owner.cookie)).toBe(404);
    expect(await openPage(page('not-a-uuid'), owner.cookie)).toBe(404);
  });

  const byToken = [
    ['/s/:token', SharedMontagePage],
    ['/s/:token/train', SharedTrainPage],
    ['/s/:token/card', SharedCardPage],
  ] as const;
  it.each(byToken)('%s', async (_path, Page) => {
    const page = (token: string) => () => Page({ params: Promise.resolve({ token }) });
    expect(await openPage(page(myToken), null)).toBe(200);
    expect(await openPage(page('A'.repeat(43)), null)).toBe(404);
    expect(await openPage(page('x'.repeat(101)), null)).toBe(404);
  });
});

describe('a save on an older version is refused with 409 and writes nothing', () => {
  const saves = [
    ['rename', (m: any) => [montageRoute.PATCH, 'PATCH', { id: m.id }, { version: m.version, name: 'Stale tab' }]],
    ['reorder', (m: any) => [orderRoute.PUT, 'PUT', { id: m.id }, { version: m.version, entryIds: m.entries.map((e: any) => e.id).reverse() }]],
    [
      'interval edit',
      (m: any) => [intervalsRoute.PUT, 'PUT', { id: m.id, entryId: m.entries[0].id }, { version: m.version, intervals: coverWith(m.entries[0].track.durationMs, 'Stale') }],
    ],
    ['swap', async (m: any) => [swapRoute.POST, 'POST', { id: m.id, entryId: m.entries[0].id }, { version: m.version, trackId: await unusedTrack(owner, m) }]],
  ] as const;
  // Each save is refused after each other kind of change: whichever came first, the second tab loses.
  const firstChanges = [
    ['a rename', (m: any) => owner.call(montageRoute.PATCH, 'PATCH', { params: { id: m.id }, body: { version: m.version, name: 'Fresh tab' } })],
    ['a reorder', (m: any) => owner.call(orderRoute.PUT, 'PUT', { params: { id: m.id }, body: { version: m.version, entryIds: [...m.entries.map((e: any) => e.id).slice(1), m.entries[0].id] } })],
    [
      'an interval edit',
      (m: any) => owner.call(intervalsRoute.PUT, 'PUT', { params: { id: m.id, entryId: m.entries[0].id }, body: { version: m.version, intervals: coverWith(m.entries[0].track.durationMs, 'Fresh') } }),
    ],
    [
      'a swap',
      async (m: any) =>
        owner.call(swapRoute.POST, 'POST', { params: { id: m.id, entryId: m.entries[1].id }, body: { version: m.version, trackId: await unusedTrack(owner, m, m.entries[1].id) } }),
    ],
  ] as const;
  const cases = saves.flatMap(([save, request]) => firstChanges.map(([first, change]) => [save, first, request, change] as const));

  it.each(cases)('%s after %s', async (_save, _first, request, change) => {
    const montage = await build(owner);
    expect((await change(montage)).status).toBe(200);
    const before = await snapshot();
    const [handler, method, params, body] = (await request(montage)) as [unknown, string, Record<string, string>, unknown];
    const result = await owner.call(handler, method, { params, body });
    expect(result.status).toBe(409);
    expect(result.body.error.code).toBe('stale_version');
    expect(await snapshot()).toEqual(before);
  });
});

describe('a tempo set on an older view of the track is refused with 409 and writes nothing', () => {
  const setTempo = (visitor: Visitor, trackId: string, body: Record<string, unknown>) => visitor.call(tempoRoute.PUT, 'PUT', { params: { trackId }, body });

  it('after another tab set a tempo of its own', async () => {
    const visitor = new Visitor();
    const trackId = (await visitor.call(localRoute.POST, 'POST', { body: { tracks: [localFile(20, 150)] } })).body.tracks[0].id;
    // Two tabs show 150 BPM (the file's analysis); the first sets 160.
    expect((await setTempo(visitor, trackId, { bpm: 160, previousBpm: 150 })).status).toBe(200);
    const before = await snapshot();
    const stale = await setTempo(visitor, trackId, { bpm: 140, source: 'tap', previousBpm: 150 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    expect(stale.body.error.message).toContain('now 160 BPM');
    expect(await snapshot()).toEqual(before);
    // Made again on what the page now shows, it is saved.
    expect((await setTempo(visitor, trackId, { bpm: 140, source: 'tap', previousBpm: 160 })).status).toBe(200);
  });

  it('a track of unknown tempo that was given one in another tab', async () => {
    const visitor = new Visitor();
    const trackId = (await visitor.call(localRoute.POST, 'POST', { body: { tracks: [localFile(21, null)] } })).body.tracks[0].id;
    expect((await setTempo(visitor, trackId, { bpm: 120, previousBpm: null })).status).toBe(200);
    const before = await snapshot();
    const stale = await setTempo(visitor, trackId, { bpm: 90, previousBpm: null });
    expect(stale.status).toBe(409);
    expect(await snapshot()).toEqual(before);
  });

  it('a new visitor whose page shows a tempo the soundtrack track no longer has: no owner is made', async () => {
    const track = mine.entries.map((e: any) => e.track).find((t: any) => t.origin === 'catalog' && t.bpm !== null);
    const before = await snapshot();
    const visitor = new Visitor();
    const stale = await setTempo(visitor, track.id, { bpm: 100, previousBpm: track.bpm + 7 });
    expect(stale.status).toBe(409);
    expect(visitor.cookie).toBeNull();
    expect(await snapshot()).toEqual(before);
  });
});

describe('DELETE /api/session (forget this device)', () => {
  it('with no cookie or a forged one, answers 200, clears the cookie and writes nothing', async () => {
    const before = await snapshot();
    for (const cookie of [null, 'montage_owner=forged.value']) {
      const headers = new Headers(cookie ? { cookie } : {});
      const response = await forgetRoute.DELETE(new Request('http://127.0.0.1:3000/api/session', { method: 'DELETE', headers }));
      expect(response.status).toBe(200);
      expect(response.headers.get('set-cookie')).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('every multi-row write is one transaction: a failure midway leaves nothing half-written', () => {
  // A database failure planted on one statement in the middle of the write (a trigger that raises).
  const planted: string[] = [];
  async function failOn(table: string, event: 'insert' | 'update' | 'delete', when = 'true') {
    const db = await getDb();
    await db.execute(sql.raw(`create or replace function conventions_planted_failure() returns trigger language plpgsql as $$ begin raise exception 'planted failure'; end $$`));
    const name = `conventions_fail_${planted.length}`;
    await db.execute(sql.raw(`create trigger ${name} before ${event} on ${table} for each row when (${when}) execute function conventions_planted_failure()`));
    planted.push(`drop trigger ${name} on ${table}`);
  }
  afterEach(async () => {
    const db = await getDb();
    for (const drop of planted.splice(0)) await db.execute(sql.raw(drop));
  });

  async function expectNothingWritten(write: () => Promise<{ status: number; body: any }>) {
    const before = await snapshot();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const result = await write();
    errors.mockRestore();
    expect(result.status).toBe(500);
    expect(result.body.error.message).toMatch(/Nothing was saved/);
    expect(await snapshot()).toEqual(before);
  }

  it('building a montage: the intervals fail after the montage and its tracks were inserted', async () => {
    await failOn('intervals', 'insert');
    await expectNothingWritten(() => owner.call(montagesRoute.POST, 'POST', { body: { mode: 'circuit', lengthMin: 20 } }));
  });

  it('renaming: the name fails after the version was bumped', async () => {
    const montage = await current(owner, mySecond.id);
    await failOn('montages', 'update', `new.name = 'Planted failure'`);
    await expectNothingWritten(() => owner.call(montageRoute.PATCH, 'PATCH', { params: { id: montage.id }, body: { version: montage.version, name: 'Planted failure' } }));
  });

  it('reordering: the second track fails after the version and the first track moved', async () => {
    const montage = await current(owner, mySecond.id);
    await failOn('montage_entries', 'update', 'new.position = 1');
    const entryIds = montage.entries.map((e: any) => e.id).reverse();
    await expectNothingWritten(() => owner.call(orderRoute.PUT, 'PUT', { params: { id: montage.id }, body: { version: montage.version, entryIds } }));
  });

  it('editing intervals: the new intervals fail after the old ones were deleted', async () => {
    const montage = await current(owner, mySecond.id);
    const entry = montage.entries[0];
    await failOn('intervals', 'insert');
    await expectNothingWritten(() =>
      owner.call(intervalsRoute.PUT, 'PUT', {
        params: { id: montage.id, entryId: entry.id },
        body: { version: montage.version, intervals: coverWith(entry.track.durationMs) },
      }),
    );
  });

  it('copying a shared montage: the intervals fail after the copy and its tracks were inserted', async () => {
    await failOn('intervals', 'insert');
    await expectNothingWritten(() => owner.call(copyRoute.POST, 'POST', { params: { token: myToken } }));
  });

  it('adding local files: the second file fails after the first was stored', async () => {
    await failOn('tracks', 'insert', `new.title = 'Conventions 5'`);
    await expectNothingWritten(() => owner.call(localRoute.POST, 'POST', { body: { tracks: [localFile(4), localFile(5)] } }));
  });

  it('swapping a track: its new intervals fail after the entry and the later start times changed', async () => {
    const montage = await current(owner, mySecond.id);
    const trackId = await unusedTrack(owner, montage);
    await failOn('intervals', 'insert');
    await expectNothingWritten(() => owner.call(swapRoute.POST, 'POST', { params: { id: montage.id, entryId: montage.entries[0].id }, body: { version: montage.version, trackId } }));
  });

  it('recording a workout session: its intervals fail after the session was stored', async () => {
    await failOn('session_intervals', 'insert');
    await expectNothingWritten(() => owner.call(sessionsRoute.POST, 'POST', { body: workoutSession(mySecond) }));
  });

  it('adding a local file: its tempo fails after its track was stored', async () => {
    await failOn('track_tempos', 'insert');
    await expectNothingWritten(() => owner.call(localRoute.POST, 'POST', { body: { tracks: [localFile(6)] } }));
  });
});
