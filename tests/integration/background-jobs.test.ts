import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDeezer, type FakeDeezer } from '../fakes/deezer/server';
import { startFakeSpotify, type FakeSpotify } from '../fakes/spotify';
import { SPOTIFY_MESSAGES, SpotifyError, type SpotifyAdapter } from '../../lib/spotify';
import { Visitor } from './api-client';
import { answeredLibraryPages, signInFakeUser, spotifyEnv } from './spotify-accounts';

/**
 * The job functions behind the library import and the tempo lookup, one slice at a time as the
 * job queue runs them: each slice goes on from the progress stored by the last one (as a process
 * that picks up a dead process's job does), and a runner that fell behind stores nothing.
 */
let spotify: FakeSpotify;
let deezer: FakeDeezer;
type Modules = Awaited<ReturnType<typeof loadApp>>;
let app: Modules;

async function loadApp() {
  return {
    db: await (await import('../../db/client')).getDb(),
    library: await import('../../db/queries/library'),
    tracks: await import('../../db/queries/tracks'),
    libraryTracks: await import('../../db/queries/library-tracks'),
    statistics: await import('../../db/queries/planner-statistics'),
    runs: await import('../../db/queries/tempo-lookup-runs'),
    owners: await import('../../db/schema'),
    importJob: await import('../../lib/server/jobs/library-import'),
    lookupJob: await import('../../lib/server/jobs/tempo-lookup'),
    deezerSource: await import('../../lib/tempo/deezer'),
    queue: await import('../../lib/server/jobs/queue'),
    runRoute: await import('../../app/api/tempo/lookup/run/route'),
    localRoute: await import('../../app/api/tracks/local/route'),
  };
}

beforeAll(async () => {
  spotify = await startFakeSpotify({});
  deezer = await startFakeDeezer();
  Object.assign(process.env, spotifyEnv(spotify), {
    DEEZER_API_BASE_URL: deezer.baseUrl,
  });
  app = await loadApp();
});

afterAll(async () => {
  await spotify?.close();
  await deezer?.close();
});

async function signedInUser(library: number) {
  const { seeded, user } = await signInFakeUser(spotify, { library });
  return { seeded, job: { userId: user.userId, ownerId: user.ownerId } };
}

const pageOffsets = (spotifyUserId: string) => answeredLibraryPages(spotify, spotifyUserId);

const importedRows = async (ownerId: string) => (await app.tracks.listPoolTracks(app.db, ownerId)).filter((t) => t.origin === 'spotify');

describe('the library import job', () => {
  it('goes on from the stored offset in each slice: every page fetched once, every song stored once', async () => {
    const { seeded, job } = await signedInUser(520);
    expect((await app.library.beginImport(app.db, job.userId)).kind).toBe('started');
    // Started again meanwhile (a second tab, another process): nothing is reset.
    expect((await app.library.beginImport(app.db, job.userId)).kind).toBe('running');

    // A slice with no time left stores the page it fetched and stops: the next one (here, as after a
    // process died between slices) starts from what is stored.
    const outcomes: string[] = [];
    for (let slice = 0; slice < 20; slice++) {
      const outcome = await app.importJob.runImportSlice(app.db, job, { budgetMs: 0 });
      outcomes.push(outcome);
      if (outcome === 'finished') break;
      const stored = await app.library.getImportProgress(app.db, job.userId);
      expect(stored).toMatchObject({ status: 'running', nextOffset: 50 * (slice + 1), imported: 50 * (slice + 1) });
    }
    expect(outcomes).toEqual([...Array<string>(10).fill('more'), 'finished']);
    expect(pageOffsets(seeded.user.id)).toEqual(Array.from({ length: 11 }, (_, i) => i * 50));
    expect(await app.library.getImportProgress(app.db, job.userId)).toMatchObject({ status: 'done', imported: 520, total: 520 });
    expect(await importedRows(job.ownerId)).toHaveLength(520);
    // A finished run: another slice (a duplicate job) does nothing.
    expect(await app.importJob.runImportSlice(app.db, job, { budgetMs: 0 })).toBe('finished');
    expect(pageOffsets(seeded.user.id)).toHaveLength(11);
  });

  it('a runner whose page the run has moved past stores nothing (no song twice, no count twice)', async () => {
    const { job } = await signedInUser(200);
    await app.library.beginImport(app.db, job.userId);
    await app.importJob.runImportSlice(app.db, job, { budgetMs: 0 }); // offset 0 stored, next 50
    await app.importJob.runImportSlice(app.db, job, { budgetMs: 0 }); // offset 50 stored, next 100
    const page = { spotifyId: 'x'.repeat(22), title: 'Late', artist: 'Runner', durationMs: 1000, isrc: null };
    const isStored = await app.library.storeImportPage(app.db, {
      userId: job.userId,
      ownerId: job.ownerId,
      phase: 'fetch',
      offset: 50,
      tracks: [page],
      entries: 50,
      total: 200,
      nextOffset: 100,
      newestAddedAt: null,
    });
    expect(isStored).toBe(false);
    expect(await app.library.getImportProgress(app.db, job.userId)).toMatchObject({ nextOffset: 100, imported: 100 });
    expect((await importedRows(job.ownerId)).map((t) => t.title)).not.toContain('Late');
    while ((await app.importJob.runImportSlice(app.db, job, { budgetMs: 60_000 })) === 'more');
    expect(await importedRows(job.ownerId)).toHaveLength(200);
  });

  it('starts no page once its budget is spent, even to the millisecond; with time left it goes on to the end', async () => {
    const { job } = await signedInUser(120);
    await app.library.beginImport(app.db, job.userId);
    const frozen = () => 1_000;
    expect(await app.importJob.runImportSlice(app.db, job, { budgetMs: 0, now: frozen })).toBe('more');
    expect(await app.library.getImportProgress(app.db, job.userId)).toMatchObject({ status: 'running', nextOffset: 50 });
    expect(await app.importJob.runImportSlice(app.db, job, { budgetMs: 1, now: frozen })).toBe('finished');
    expect(await app.library.getImportProgress(app.db, job.userId)).toMatchObject({ status: 'done', imported: 120 });
  });

  it('a failure that is not Spotify’s is thrown for the queue to retry, the run left running; Spotify’s stops the run in words', async () => {
    const { job } = await signedInUser(60);
    await app.library.beginImport(app.db, job.userId);
    const failing = (error: Error) =>
      ({
        async *importSavedTracks() {
          throw error;
        },
      }) as unknown as SpotifyAdapter;
    await expect(app.importJob.runImportSlice(app.db, job, { budgetMs: 0, adapter: failing(new Error('connection reset')) })).rejects.toThrow('connection reset');
    expect(await app.library.getImportProgress(app.db, job.userId)).toMatchObject({ status: 'running', error: null });
    const unavailable = new SpotifyError('unavailable', 'Spotify answered 503');
    expect(await app.importJob.runImportSlice(app.db, job, { budgetMs: 0, adapter: failing(unavailable) })).toBe('finished');
    expect(await app.library.getImportProgress(app.db, job.userId)).toMatchObject({ status: 'failed', error: SPOTIFY_MESSAGES.unavailable });
  });

  it('leaves the planner statistics fresh when a large import finishes: the library\'s "about" counts are in the right range at once', async () => {
    // 6,000 songs: a quarter of them start with "th" ("Thunder …" titles, "The Sprinters").
    const { job } = await signedInUser(6_000);
    await app.library.beginImport(app.db, job.userId);
    while ((await app.importJob.runImportSlice(app.db, job, { budgetMs: 60_000 })) === 'more');
    const criteria = { q: 'th', halfDouble: true };
    const page = await app.libraryTracks.listLibraryTracks(app.db, { ownerId: job.ownerId, criteria, sort: 'title', page: 1, pageSize: 50 });
    const {
      rows: [actual],
    } = (await app.db.execute(sql`select count(*)::int as n from ${app.libraryTracks.libraryView(job.ownerId)}
      where ${app.libraryTracks.criteriaCondition(criteria)}`)) as unknown as { rows: { n: number }[] };
    expect(actual!.n).toBeGreaterThan(1_400);
    expect(page.isTotalExact).toBe(false);
    expect(page.total).toBeGreaterThan(actual!.n * 0.7);
    expect(page.total).toBeLessThan(actual!.n * 1.3);
    // Fresh now: the next look finds nothing to do.
    expect(await app.statistics.analyzeTracksIfStale(app.db)).toBe(false);
  }, 120_000);
});

let isrcCounter = 0;
const newIsrc = () => `QZJOB26${String(++isrcCounter).padStart(5, '0')}`;
const localFile = (title: string, isrc: string) => ({ title, artist: 'Tester', durationMs: 180_000, bpm: null, analysisNote: null, isrc, fileSha256: null });

describe('the tempo lookup job', () => {
  it('asks only what the stored queue still holds when picked up again, each ISRC once', async () => {
    const [owner] = await app.db.insert(app.owners.owners).values({}).returning();
    const ownerId = owner!.id;
    const isrcs = Array.from({ length: 25 }, newIsrc);
    isrcs.forEach((isrc, i) => deezer.addTrack(isrc, { id: 9000 + i, title: `J${i}`, artist: 'T', bpm: 100 + i, durationSec: 200 }));
    await app.tracks.addLocalTracks(app.db, { ownerId, tracks: isrcs.map((isrc, i) => localFile(`Song ${i}`, isrc)) });
    const begun = await app.runs.beginTempoLookup(app.db, { ownerId });
    expect(begun).toMatchObject({ kind: 'started', run: { status: 'running', total: 25, finishedAt: null } });
    expect((await app.runs.beginTempoLookup(app.db, { ownerId })).kind).toBe('running');

    const source = app.deezerSource.createDeezerTempoSource({ baseUrl: deezer.baseUrl });
    const before = deezer.requests.length;
    let clock = Date.now();
    const options = { budgetMs: 0, source, now: () => clock, sleep: async (ms: number) => void (clock += ms) };
    // One batch (10 requests) per slice; the pacing wait is left to the next slice.
    const first = await app.lookupJob.runLookupSlice(app.db, { ownerId }, options);
    expect(first.outcome).toBe('more');
    expect(await app.runs.getTempoLookupRun(app.db, ownerId)).toMatchObject({ status: 'running', found: 10, batches: 1, finishedAt: null });
    expect((await app.runs.getTempoLookupRun(app.db, ownerId))!.queue).toHaveLength(15);
    // The next slice's job starts when the pacing allows (pg-boss startAfter): here the clock moves there.
    for (let result = first; result.outcome === 'more'; result = await app.lookupJob.runLookupSlice(app.db, { ownerId }, options)) {
      clock = Math.max(clock, result.notBefore?.getTime() ?? 0);
    }
    expect(await app.runs.getTempoLookupRun(app.db, ownerId)).toMatchObject({ status: 'done', total: 25, found: 25, unknown: 0, failed: 0, queue: [], finishedAt: expect.any(Date) });
    const asked = deezer.requests.slice(before);
    expect(asked).toHaveLength(25);
    expect(new Set(asked).size).toBe(25);
  });

  it('a batch stored by another runner meanwhile makes this one store nothing', async () => {
    const [owner] = await app.db.insert(app.owners.owners).values({}).returning();
    const ownerId = owner!.id;
    await app.tracks.addLocalTracks(app.db, { ownerId, tracks: [localFile('One', newIsrc())] });
    const { run } = await app.runs.beginTempoLookup(app.db, { ownerId });
    const progress = { status: 'done' as const, queue: [], total: 1, found: 1, unknown: 0, failed: 0, quotaStopsInARow: 0, nextBatchAt: null, error: null };
    expect(await app.runs.storeLookupBatch(app.db, { ownerId, afterBatch: run.batches, ...progress })).toBe(true);
    expect(await app.runs.storeLookupBatch(app.db, { ownerId, afterBatch: run.batches, ...progress, found: 2 })).toBe(false);
    expect(await app.runs.getTempoLookupRun(app.db, ownerId)).toMatchObject({ status: 'done', found: 1, finishedAt: expect.any(Date) });
  });

  it('a run with nothing to look up is done at once; a new start replaces a finished run', async () => {
    const [owner] = await app.db.insert(app.owners.owners).values({}).returning();
    const ownerId = owner!.id;
    const nothing = await app.runs.beginTempoLookup(app.db, { ownerId });
    expect(nothing).toMatchObject({ kind: 'started', run: { status: 'done', total: 0, queue: [], finishedAt: expect.any(Date) } });
    await app.tracks.addLocalTracks(app.db, { ownerId, tracks: [localFile('Late', newIsrc())] });
    expect(await app.runs.beginTempoLookup(app.db, { ownerId })).toMatchObject({ kind: 'started', run: { status: 'running', total: 1, finishedAt: null } });
  });
});

describe('work started in this process (no job queue running)', () => {
  it('runs two users’ imports and two others’ tempo lookups side by side, each to the end', async () => {
    const [first, second] = [await signedInUser(120), await signedInUser(70)];
    const owners = await app.db.insert(app.owners.owners).values([{}, {}]).returning();
    for (const [n, owner] of owners.entries()) {
      const isrcs = Array.from({ length: 3 }, newIsrc);
      isrcs.forEach((isrc, i) => deezer.addTrack(isrc, { id: 9800 + 10 * n + i, title: `W${i}`, artist: 'T', bpm: 100 + i, durationSec: 200 }));
      await app.tracks.addLocalTracks(app.db, { ownerId: owner.id, tracks: isrcs.map((isrc, i) => localFile(`W${i}`, isrc)) });
    }
    await Promise.all([
      app.queue.startLibraryImport(app.db, first.job),
      app.queue.startLibraryImport(app.db, second.job),
      ...owners.map((owner) => app.queue.startTempoLookup(app.db, { ownerId: owner.id })),
    ]);
    await app.queue.awaitInProcessWork();
    expect(await app.library.getImportProgress(app.db, first.job.userId)).toMatchObject({ status: 'done', imported: 120 });
    expect(await app.library.getImportProgress(app.db, second.job.userId)).toMatchObject({ status: 'done', imported: 70 });
    for (const owner of owners) expect(await app.runs.getTempoLookupRun(app.db, owner.id)).toMatchObject({ status: 'done', found: 3 });
  });
});

describe('POST/GET/DELETE /api/tempo/lookup/run', () => {
  it('starts one run however often it is asked, reports it, and stops it on request', async () => {
    const visitor = new Visitor();
    const isrcs = Array.from({ length: 12 }, newIsrc);
    isrcs.forEach((isrc, i) => deezer.addTrack(isrc, { id: 9500 + i, title: `R${i}`, artist: 'T', bpm: 90 + i, durationSec: 200 }));
    const added = await visitor.call(app.localRoute.POST, 'POST', { body: { tracks: isrcs.map((isrc, i) => ({ title: `R${i}`, artist: 'T', durationMs: 200_000, bpm: null, isrc })) } });
    expect(added.status).toBe(201);
    const trackIds = added.body.tracks.map((t: { id: string }) => t.id);
    const before = deezer.requests.length;

    const [first, second] = await Promise.all([0, 1].map(() => visitor.call(app.runRoute.POST, 'POST', { body: { trackIds } })));
    expect([first!.status, second!.status]).toEqual([202, 202]);
    expect([first!.body.total, second!.body.total]).toEqual([12, 12]);
    await app.queue.awaitInProcessWork();
    const done = await visitor.call(app.runRoute.GET, 'GET');
    expect(done.body).toEqual({ status: 'done', total: 12, answered: 12, found: 12, unknown: 0, failed: 0, notAsked: 0, error: null });
    expect(deezer.requests.length - before).toBe(12);

    // Stopping a run: it ends after the batch in flight, and what was found stays.
    const more = Array.from({ length: 30 }, newIsrc);
    more.forEach((isrc, i) => deezer.addTrack(isrc, { id: 9600 + i, title: `S${i}`, artist: 'T', bpm: 120, durationSec: 200 }));
    await visitor.call(app.localRoute.POST, 'POST', { body: { tracks: more.map((isrc, i) => ({ title: `S${i}`, artist: 'T', durationMs: 200_000, bpm: null, isrc })) } });
    const started = await visitor.call(app.runRoute.POST, 'POST', { body: {} });
    expect(started.body).toMatchObject({ status: 'running', total: 30 });
    const stopped = await visitor.call(app.runRoute.DELETE, 'DELETE');
    expect(stopped.body.status).toBe('stopped');
    await app.queue.awaitInProcessWork();
    const after = await visitor.call(app.runRoute.GET, 'GET');
    expect(after.body.status).toBe('stopped');
    expect(after.body.notAsked).toBeGreaterThan(0);
  });
});
