import { afterAll, describe, expect, it, vi } from 'vitest';
import { startFakeDeezer, type FakeDeezer } from '../fakes/deezer/server';
import { Visitor } from './api-client';

// The app reaches the fake by configuration only: the base URL is set before any app module loads.
const fake: FakeDeezer = await startFakeDeezer();
process.env.DEEZER_API_BASE_URL = fake.baseUrl;
const lookupRoute = await import('../../app/api/tempo/lookup/route');
const localRoute = await import('../../app/api/tracks/local/route');
const tempoRoute = await import('../../app/api/tracks/[trackId]/tempo/route');
const { getDb } = await import('../../db/client');
const { getTracksByIds } = await import('../../db/queries/tracks');
const { tempoLookups } = await import('../../db/schema');
const { createDeezerTempoSource } = await import('../../lib/tempo/deezer');
const { lookUpMissingTempos, MAX_REQUESTS_PER_BATCH, UNKNOWN_TEMPO_RECHECK_MS } = await import('../../lib/tempo/look-up-missing-tempos');
const { eq } = await import('drizzle-orm');

afterAll(() => fake.close());

let isrcCounter = 0;
/** A fresh, valid ISRC for each test so the shared cache never leaks between tests. */
const newIsrc = () => `QZTST26${String(++isrcCounter).padStart(5, '0')}`;

/** Adds local files (no tempo detected) carrying these ISRCs; returns their track ids. */
async function addFilesWithIsrc(visitor: Visitor, isrcs: string[]): Promise<string[]> {
  const result = await visitor.call(localRoute.POST, 'POST', {
    body: { tracks: isrcs.map((isrc, i) => ({ title: `Song ${isrc}`, artist: 'Tester', durationMs: 180_000 + i, bpm: null, isrc })) },
  });
  expect(result.status).toBe(201);
  return result.body.tracks.map((t: any) => t.id);
}

async function tempoOf(trackId: string, visitor: Visitor) {
  const db = await getDb();
  const [view] = await getTracksByIds(db, [trackId], await ownerIdOf(visitor));
  return { bpm: view!.bpm, source: view!.tempoSource, note: view!.tempoSourceNote };
}

async function ownerIdOf(visitor: Visitor): Promise<string> {
  const { ownerOf } = await import('../../lib/server/request-owner');
  const request = new Request('http://127.0.0.1/', { headers: { cookie: visitor.cookie ?? '' } });
  return (await ownerOf(await getDb(), request))!;
}

const lookUp = (visitor: Visitor, body: unknown = {}) => visitor.call(lookupRoute.POST, 'POST', { body });

describe('the Deezer adapter against its fake', () => {
  // The default timeout where an answer is expected (a loaded, instrumented run may take over 300 ms);
  // a short one where the fake fails on purpose, so its hung request ends soon.
  const source = createDeezerTempoSource({ baseUrl: fake.baseUrl });
  const impatientSource = createDeezerTempoSource({ baseUrl: fake.baseUrl, timeoutMs: 300 });

  it('reads a bpm, a bpm of 0 as unknown, and "no data" as an unknown ISRC', async () => {
    const [known, zero, missing] = [newIsrc(), newIsrc(), newIsrc()];
    fake.addTrack(known, { id: 101, title: 'Hearts on Fire', artist: 'John Cafferty', bpm: 136.6, durationSec: 254 });
    fake.addTrack(zero, { id: 102, title: 'War', artist: 'Vince DiCola', bpm: 0, durationSec: 353 });
    expect(await source.lookupByIsrc(known)).toEqual({ kind: 'track', isrc: known, bpm: 136.6, providerTrackId: '101' });
    expect(await source.lookupByIsrc(zero)).toEqual({ kind: 'track', isrc: zero, bpm: null, providerTrackId: '102' });
    expect(await source.lookupByIsrc(missing)).toEqual({ kind: 'unknown_isrc', isrc: missing });
    expect(fake.requests.slice(-3)).toEqual([`/track/isrc:${known}`, `/track/isrc:${zero}`, `/track/isrc:${missing}`]);
  });

  it('knows the quota error that comes with HTTP 200', async () => {
    fake.setQuotaExceeded(true);
    try {
      expect(await source.lookupByIsrc(newIsrc())).toMatchObject({ kind: 'quota_exceeded', detail: 'Exception 4: Quota limit exceeded' });
    } finally {
      fake.setQuotaExceeded(false);
    }
  });

  it('turns busy answers, HTTP 500, non-JSON and a hung request into failures', async () => {
    const isrc = newIsrc();
    for (const failure of ['busy', 'http_500', 'not_json', 'hang'] as const) {
      fake.failFor(isrc, failure);
      expect(await impatientSource.lookupByIsrc(isrc), failure).toMatchObject({ kind: 'failed', isrc });
    }
    fake.failFor(isrc, null);
  });
});

describe('POST /api/tempo/lookup', () => {
  it('gives tracks with an ISRC and no tempo the public tempo, marked as a lookup', async () => {
    const visitor = new Visitor();
    const isrc = newIsrc();
    fake.addTrack(isrc, { id: 201, title: 'Song', artist: 'Tester', bpm: 126.2, durationSec: 272 });
    const [trackId] = await addFilesWithIsrc(visitor, [isrc]);
    const before = fake.requests.length;
    const result = await lookUp(visitor);
    expect(result.status).toBe(200);
    expect(result.body).toEqual({
      tracks: [{ trackId, isrc, bpm: 126.2, isFromCache: false }],
      failed: [],
      notAsked: [],
      requests: 1,
      stopped: null,
    });
    expect(fake.requests.length).toBe(before + 1);
    expect(await tempoOf(trackId!, visitor)).toEqual({ bpm: 126.2, source: 'lookup', note: 'Deezer track 201, bpm by ISRC' });

    // It now has a tempo: a second lookup asks nothing.
    const again = await lookUp(visitor);
    expect(again.body.tracks).toEqual([]);
    expect(fake.requests.length).toBe(before + 1);
  });

  it('caches per ISRC, unknowns included: a second owner with the same recordings makes no request', async () => {
    const [known, zero, missing] = [newIsrc(), newIsrc(), newIsrc()];
    fake.addTrack(known, { id: 301, title: 'A', artist: 'T', bpm: 98.1, durationSec: 231 });
    fake.addTrack(zero, { id: 302, title: 'B', artist: 'T', bpm: 0, durationSec: 200 });
    const first = new Visitor();
    await addFilesWithIsrc(first, [known, zero, missing]);
    const firstResult = await lookUp(first);
    expect(firstResult.body.requests).toBe(3);
    expect(firstResult.body.tracks.map((t: any) => [t.isrc, t.bpm, t.isFromCache])).toEqual([
      [known, 98.1, false],
      [zero, null, false],
      [missing, null, false],
    ]);
    const db = await getDb();
    const cached = (await db.select().from(tempoLookups)).filter((r) => [known, zero, missing].includes(r.isrc));
    expect(cached.map((r) => [r.isrc, r.bpm]).sort()).toEqual([[known, 98.1], [missing, null], [zero, null]].sort());

    // The unknowns stay unknown for the first owner without asking again.
    const before = fake.requests.length;
    const repeat = await lookUp(first);
    expect(repeat.body.requests).toBe(0);
    expect(repeat.body.tracks.map((t: any) => [t.isrc, t.bpm, t.isFromCache])).toEqual([
      [zero, null, true],
      [missing, null, true],
    ]);

    const second = new Visitor();
    const [secondKnown] = await addFilesWithIsrc(second, [known, zero]);
    const secondResult = await lookUp(second);
    expect(secondResult.body.requests).toBe(0);
    expect(secondResult.body.tracks.map((t: any) => [t.isrc, t.bpm, t.isFromCache])).toEqual([
      [known, 98.1, true],
      [zero, null, true],
    ]);
    expect(fake.requests.length).toBe(before);
    expect(await tempoOf(secondKnown!, second)).toMatchObject({ bpm: 98.1, source: 'lookup' });
  });

  it('stops the batch at a quota error, caches nothing for it, and finishes the rest later', async () => {
    const isrcs = [newIsrc(), newIsrc(), newIsrc(), newIsrc()];
    isrcs.forEach((isrc, i) => fake.addTrack(isrc, { id: 400 + i, title: `Q${i}`, artist: 'T', bpm: 120 + i, durationSec: 200 }));
    const visitor = new Visitor();
    const ids = await addFilesWithIsrc(visitor, isrcs);
    fake.setQuota(2, 60_000);
    try {
      const result = await lookUp(visitor);
      expect(result.status).toBe(200);
      expect(result.body.stopped).toEqual({ reason: 'quota_exceeded', message: expect.stringMatching(/quota is used up.*try again/) });
      expect(result.body.tracks.map((t: any) => t.bpm)).toEqual([120, 121]);
      expect(result.body.notAsked.map((t: any) => t.isrc)).toEqual([isrcs[2], isrcs[3]]);
      expect(result.body.requests).toBe(3); // two answers, then the quota error; the fourth is not asked
      const db = await getDb();
      const cachedIsrcs = (await db.select().from(tempoLookups)).map((r) => r.isrc);
      expect(cachedIsrcs).not.toContain(isrcs[2]);
      expect(await tempoOf(ids[2]!, visitor)).toMatchObject({ bpm: null });
    } finally {
      fake.setQuota(50, 5000);
    }
    const rest = await lookUp(visitor);
    expect(rest.body.stopped).toBeNull();
    expect(rest.body.requests).toBe(2);
    expect(rest.body.tracks.map((t: any) => [t.isrc, t.bpm])).toEqual([
      [isrcs[2], 122],
      [isrcs[3], 123],
    ]);
  });

  it('sends at most a batch of requests per call, leaving the rest for the next call', async () => {
    const isrcs = [newIsrc(), newIsrc(), newIsrc()];
    isrcs.forEach((isrc, i) => fake.addTrack(isrc, { id: 700 + i, title: `B${i}`, artist: 'T', bpm: 100 + i, durationSec: 200 }));
    const visitor = new Visitor();
    await addFilesWithIsrc(visitor, isrcs);
    const source = createDeezerTempoSource({ baseUrl: fake.baseUrl });
    const ownerId = await ownerIdOf(visitor);
    const first = await lookUpMissingTempos(await getDb(), { ownerId, source, maxRequests: 2 });
    expect([first.requests, first.tracks.length, first.notAsked.map((t) => t.isrc), first.stopped]).toEqual([2, 2, [isrcs[2]], null]);
    const second = await lookUpMissingTempos(await getDb(), { ownerId, source, maxRequests: 2 });
    expect(second.tracks.map((t) => [t.isrc, t.bpm])).toEqual([[isrcs[2], 102]]);
  });

  it('asks at most 40 ISRCs a call (under Deezer’s 50 per 5 s), leaving the rest not asked', async () => {
    const isrcs = Array.from({ length: MAX_REQUESTS_PER_BATCH + 1 }, () => newIsrc());
    isrcs.forEach((isrc, i) => fake.addTrack(isrc, { id: 800 + i, title: `M${i}`, artist: 'T', bpm: 100 + i, durationSec: 200 }));
    const visitor = new Visitor();
    await addFilesWithIsrc(visitor, isrcs);
    fake.setQuota(1_000, 5_000); // the fake's own quota (shared with the other tests) is not what is tested here
    try {
      const result = await lookUp(visitor);
      expect(MAX_REQUESTS_PER_BATCH).toBe(40);
      expect(result.body.requests).toBe(40);
      expect(result.body.tracks).toHaveLength(40);
      expect(result.body.notAsked.map((t: any) => t.isrc)).toEqual([isrcs[40]]);
      expect(result.body.stopped).toBeNull();
    } finally {
      fake.setQuota(50, 5_000);
    }
  });

  it('asks once for files sharing an ISRC and gives all of them the tempo', async () => {
    const isrc = newIsrc();
    fake.addTrack(isrc, { id: 901, title: 'Twice', artist: 'T', bpm: 132.5, durationSec: 200 });
    const visitor = new Visitor();
    const ids = await addFilesWithIsrc(visitor, [isrc, isrc]);
    const before = fake.requests.length;
    const result = await lookUp(visitor);
    expect(result.body.requests).toBe(1);
    expect(fake.requests.length).toBe(before + 1);
    expect(result.body.tracks.map((t: any) => [t.trackId, t.bpm]).sort()).toEqual(ids.map((id) => [id, 132.5]).sort());
    for (const id of ids) expect(await tempoOf(id, visitor)).toMatchObject({ bpm: 132.5, source: 'lookup' });
  });

  it('keeps a tempo outside 30–300 BPM out of the library, from Deezer and from the cache alike', async () => {
    const [tooFast, tooSlow] = [newIsrc(), newIsrc()];
    fake.addTrack(tooFast, { id: 902, title: 'Gabber', artist: 'T', bpm: 400, durationSec: 200 });
    fake.addTrack(tooSlow, { id: 903, title: 'Drone', artist: 'T', bpm: 12, durationSec: 200 });
    const first = new Visitor();
    const [fastId, slowId] = await addFilesWithIsrc(first, [tooFast, tooSlow]);
    const asked = await lookUp(first);
    expect(asked.body.tracks.map((t: any) => [t.isrc, t.bpm, t.isFromCache])).toEqual([
      [tooFast, null, false],
      [tooSlow, null, false],
    ]);
    expect(await tempoOf(fastId!, first)).toMatchObject({ bpm: null });
    expect(await tempoOf(slowId!, first)).toMatchObject({ bpm: null });

    const second = new Visitor();
    const [secondFast] = await addFilesWithIsrc(second, [tooFast]);
    const cached = await lookUp(second);
    expect(cached.body.requests).toBe(0);
    expect(cached.body.tracks.map((t: any) => [t.isrc, t.bpm, t.isFromCache])).toEqual([[tooFast, null, true]]);
    expect(await tempoOf(secondFast!, second)).toMatchObject({ bpm: null });
  });

  it('takes a tempo of exactly 30 or 300 BPM, the ends of what the library holds', async () => {
    const [slowest, fastest] = [newIsrc(), newIsrc()];
    fake.addTrack(slowest, { id: 904, title: 'Dirge', artist: 'T', bpm: 30, durationSec: 200 });
    fake.addTrack(fastest, { id: 905, title: 'Speedcore', artist: 'T', bpm: 300, durationSec: 200 });
    const visitor = new Visitor();
    const [slowId, fastId] = await addFilesWithIsrc(visitor, [slowest, fastest]);
    await lookUp(visitor);
    expect(await tempoOf(slowId!, visitor)).toMatchObject({ bpm: 30, source: 'lookup' });
    expect(await tempoOf(fastId!, visitor)).toMatchObject({ bpm: 300, source: 'lookup' });
  });

  it('asks again about an ISRC Deezer did not know once 30 days have passed, never about a known tempo', async () => {
    const [unknown, known] = [newIsrc(), newIsrc()];
    fake.addTrack(known, { id: 904, title: 'Known', artist: 'T', bpm: 118, durationSec: 200 });
    const first = new Visitor();
    await addFilesWithIsrc(first, [unknown, known]);
    expect((await lookUp(first)).body.requests).toBe(2);
    const db = await getDb();
    const [row] = await db.select().from(tempoLookups).where(eq(tempoLookups.isrc, unknown));
    const fetchedAtMs = row!.fetchedAt.getTime();
    expect(UNKNOWN_TEMPO_RECHECK_MS).toBe(30 * 24 * 3600 * 1000);

    // Someone else's file with the known ISRC, long after: the cached tempo is still used.
    const second = new Visitor();
    const [knownId] = await addFilesWithIsrc(second, [known]);
    const source = createDeezerTempoSource({ baseUrl: fake.baseUrl });
    const later = new Date(fetchedAtMs + 10 * UNKNOWN_TEMPO_RECHECK_MS);
    const knownLater = await lookUpMissingTempos(db, { ownerId: await ownerIdOf(second), source, now: later });
    expect([knownLater.requests, knownLater.tracks.map((t) => [t.bpm, t.isFromCache])]).toEqual([0, [[118, true]]]);
    expect(await tempoOf(knownId!, second)).toMatchObject({ bpm: 118, source: 'lookup' });

    const ownerId = await ownerIdOf(first);
    const justBefore = await lookUpMissingTempos(db, { ownerId, source, now: new Date(fetchedAtMs + UNKNOWN_TEMPO_RECHECK_MS - 1) });
    expect([justBefore.requests, justBefore.tracks.map((t) => [t.isrc, t.isFromCache])]).toEqual([0, [[unknown, true]]]);
    fake.addTrack(unknown, { id: 905, title: 'Now known', artist: 'T', bpm: 124, durationSec: 200 });
    const due = await lookUpMissingTempos(db, { ownerId, source, now: new Date(fetchedAtMs + UNKNOWN_TEMPO_RECHECK_MS) });
    expect([due.requests, due.tracks.map((t) => [t.isrc, t.bpm, t.isFromCache])]).toEqual([1, [[unknown, 124, false]]]);
  });

  it('does not cache a failed lookup, and asks again next time', async () => {
    const isrc = newIsrc();
    fake.addTrack(isrc, { id: 501, title: 'F', artist: 'T', bpm: 140, durationSec: 200 });
    fake.failFor(isrc, 'http_500');
    const visitor = new Visitor();
    await addFilesWithIsrc(visitor, [isrc]);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const failed = await lookUp(visitor);
    // The operator's log names the ISRC and what went wrong.
    expect(warn.mock.calls.map(([line]) => String(line))).toContainEqual(expect.stringMatching(new RegExp(`Tempo lookup for ISRC ${isrc} failed: .*500`)));
    warn.mockRestore();
    expect(failed.body.failed.map((t: any) => t.isrc)).toEqual([isrc]);
    expect(failed.body.tracks).toEqual([]);
    fake.failFor(isrc, null);
    const retried = await lookUp(visitor);
    expect(retried.body.tracks).toEqual([expect.objectContaining({ isrc, bpm: 140, isFromCache: false })]);
  });

  it('never overrides a tempo the owner trusts more, and skips other owners’ tracks', async () => {
    const isrc = newIsrc();
    fake.addTrack(isrc, { id: 601, title: 'T', artist: 'T', bpm: 90, durationSec: 200 });
    const visitor = new Visitor();
    const [trackId] = await addFilesWithIsrc(visitor, [isrc]);
    expect((await visitor.call(tempoRoute.PUT, 'PUT', { params: { trackId: trackId! }, body: { bpm: 180, source: 'tap', previousBpm: null } })).status).toBe(200);
    const before = fake.requests.length;
    expect((await lookUp(visitor)).body.tracks).toEqual([]);

    const stranger = new Visitor();
    const result = await lookUp(stranger, { trackIds: [trackId] });
    expect(result.status).toBe(200);
    expect(result.body.tracks).toEqual([]);
    expect(fake.requests.length).toBe(before);
    expect(await tempoOf(trackId!, visitor)).toMatchObject({ bpm: 180, source: 'tap' });
  });

  it('refuses malformed input, naming the field', async () => {
    const visitor = new Visitor();
    const bad = await lookUp(visitor, { trackIds: 'all' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.problems[0].field).toBe('trackIds');
    const notJson = await visitor.call(lookupRoute.POST, 'POST', { rawBody: '{' });
    expect(notJson.status).toBe(400);
  });
});
