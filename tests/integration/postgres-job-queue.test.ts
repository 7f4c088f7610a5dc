import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeDeezer, type FakeDeezer } from '../fakes/deezer/server';
import { startFakeSpotify, type FakeSpotify } from '../fakes/spotify';
import { Visitor } from './api-client';
import { answeredLibraryPages, signInFakeUser, spotifyEnv } from './spotify-accounts';

/**
 * The job queue on PostgreSQL (pg-boss), with this process as one of the app's processes: its
 * workers started as `next start` starts them (startJobs), the work started through the routes,
 * done by the queue with no further request. What two processes and a killed one do is
 * tests/e2e/jobs-processes.test.ts; this is what one process's queue does, in reach of the
 * mutation run (lib/server/jobs/queue.ts).
 */
let spotify: FakeSpotify;
let deezer: FakeDeezer;
type Modules = Awaited<ReturnType<typeof loadApp>>;
let app: Modules;

async function loadApp() {
  return {
    db: await (await import('../../db/client')).getDb(),
    library: await import('../../db/queries/library'),
    spotify: await import('../../lib/server/spotify'),
    queue: await import('../../lib/server/jobs/queue'),
    importRoute: await import('../../app/api/spotify/import/route'),
    lookupRoute: await import('../../app/api/tempo/lookup/run/route'),
    localRoute: await import('../../app/api/tracks/local/route'),
  };
}

/** The JSON lines the app logged on stdout (info) since `spy` was set. */
const loggedLines = (spy: { mock: { calls: unknown[][] } }) =>
  spy.mock.calls
    .map(([chunk]) => String(chunk))
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

beforeAll(async () => {
  spotify = await startFakeSpotify({});
  deezer = await startFakeDeezer();
  Object.assign(process.env, spotifyEnv(spotify), { DEEZER_API_BASE_URL: deezer.baseUrl });
  app = await loadApp();
});

afterAll(async () => {
  await app?.queue.stopJobs();
  await spotify?.close();
  await deezer?.close();
});

const pageOffsets = (spotifyUserId: string) => answeredLibraryPages(spotify, spotifyUserId);

async function importProgress(visitor: Visitor) {
  return (await visitor.call(app.importRoute.GET, 'GET')).body as { status: string; imported: number; total: number | null };
}

describe('the job queue on PostgreSQL', () => {
  it('finds the soundtrack on Spotify as a job when the process starts, once, and logs each slice with its job', async () => {
    const stdout = vi.spyOn(process.stdout, 'write');
    try {
      await app.queue.startJobs();
      await vi.waitFor(async () => expect(await app.spotify.getSoundtrackResolution(app.db)).toEqual({ status: 'done', error: null }), { timeout: 20_000 });
      await vi.waitFor(() => expect(loggedLines(stdout).map((l) => l.message)).toContain('soundtrack resolved on Spotify'));
      const resolved = loggedLines(stdout).find((l) => l.message === 'soundtrack resolved on Spotify')!;
      expect(resolved.tracks).toBeGreaterThan(0);
      const searches = spotify.requests({ method: 'GET', path: '/v1/search' }).length;
      // Started again in this process: its workers are there already, and nothing is searched again.
      await app.queue.startJobs();
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(spotify.requests({ method: 'GET', path: '/v1/search' })).toHaveLength(searches);
    } finally {
      stdout.mockRestore();
    }
  });

  it('runs an import clicked twice as one job, to the end with no further click, each page fetched once', async () => {
    await app.queue.startJobs();
    const { seeded, visitor } = await signInFakeUser(spotify, { library: 180 });
    const stdout = vi.spyOn(process.stdout, 'write');
    try {
      const clicks = await Promise.all([0, 1].map(() => visitor.call(app.importRoute.POST, 'POST')));
      expect(clicks.map((c) => c.status)).toEqual([202, 202]);
      expect(clicks.map((c) => c.body.status)).toEqual(['running', 'running']);
      await vi.waitFor(async () => expect(await importProgress(visitor)).toMatchObject({ status: 'done', imported: 180, total: 180 }), { timeout: 20_000 });
      expect(pageOffsets(seeded.user.id)).toEqual([0, 50, 100, 150]);
      // One slice did it: started and ended (finished) once, under one job id, with how long it took.
      const slices = () => loggedLines(stdout).filter((l) => l.work === 'library-import');
      await vi.waitFor(() => expect(slices().map((l) => l.message)).toEqual(['job slice started', 'job slice ended']));
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(slices()).toHaveLength(2);
      const [started, ended] = slices();
      expect(started!.jobId).toEqual(expect.any(String));
      expect(ended).toMatchObject({ jobId: started!.jobId, outcome: 'finished' });
      expect(ended!.durationMs).toBeGreaterThanOrEqual(0);
      expect(ended!.durationMs).toBeLessThan(20_000);
    } finally {
      stdout.mockRestore();
    }
  });

  it('gives a run still marked running a job when the process starts (the process that ran it died), and runs none while stopped', async () => {
    const { seeded, user, visitor } = await signInFakeUser(spotify, { library: 120 });
    await app.queue.stopJobs();
    // As a process that died mid-import leaves it: a running import in the database, no job.
    expect((await app.library.beginImport(app.db, user.userId)).kind).toBe('started');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await importProgress(visitor)).toMatchObject({ status: 'running', imported: 0 });
    expect(pageOffsets(seeded.user.id)).toEqual([]);

    await app.queue.startJobs();
    await vi.waitFor(async () => expect(await importProgress(visitor)).toMatchObject({ status: 'done', imported: 120, total: 120 }), { timeout: 20_000 });
    expect(pageOffsets(seeded.user.id)).toEqual([0, 50, 100]);
  });

  it('runs a tempo lookup as jobs: after Deezer says its quota is spent, the next slice is queued for 5 s later, not sooner', async () => {
    await app.queue.startJobs();
    const visitor = new Visitor();
    const isrcs = Array.from({ length: 6 }, (_, i) => `QZJQU2600${String(i).padStart(3, '0')}`);
    isrcs.forEach((isrc, i) => deezer.addTrack(isrc, { id: 9900 + i, title: `Q${i}`, artist: 'T', bpm: 100 + i, durationSec: 200 }));
    const added = await visitor.call(app.localRoute.POST, 'POST', { body: { tracks: isrcs.map((isrc, i) => ({ title: `Q${i}`, artist: 'T', durationMs: 200_000, bpm: null, isrc })) } });
    expect(added.status).toBe(201);

    const stdout = vi.spyOn(process.stdout, 'write');
    try {
      deezer.setQuotaExceeded(true);
      const asked = deezer.requests.length;
      const started = Date.now();
      const start = await visitor.call(app.lookupRoute.POST, 'POST', { body: {} });
      expect(start.status).toBe(202);
      // The first batch meets the quota; the quota is free again at once, but the next slice must not come before its time.
      await vi.waitFor(() => expect(deezer.requests.length).toBeGreaterThan(asked), { timeout: 10_000 });
      deezer.setQuotaExceeded(false);
      await vi.waitFor(async () => expect((await visitor.call(app.lookupRoute.GET, 'GET')).body).toMatchObject({ status: 'done', found: 6 }), { timeout: 20_000 });
      expect(Date.now() - started).toBeGreaterThanOrEqual(5_000);
      // Two slices: the one that met the quota handed over, and the one queued for its time finished (none polled in between).
      const ended = () => loggedLines(stdout).filter((l) => l.work === 'tempo-lookup' && l.message === 'job slice ended');
      await vi.waitFor(() => expect(ended().map((l) => l.outcome)).toEqual(['more', 'finished']));
    } finally {
      stdout.mockRestore();
    }
  });
});
