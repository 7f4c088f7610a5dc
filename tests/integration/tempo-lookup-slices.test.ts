import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as montagesRoute from '../../app/api/montages/route';
import * as shareRoute from '../../app/api/montages/[id]/share/route';
import { startFakeDeezer, type FakeDeezer } from '../fakes/deezer/server';
import { Visitor } from './api-client';

/**
 * One slice of a tempo lookup as the job queue runs it (lib/server/jobs/tempo-lookup.ts), on a clock
 * the test moves: how batches are paced under Deezer's quota (a second per 10 requests, 5 s after a
 * quota stop), when a slice hands over to the next one, what it stores, and which shared pages a
 * found tempo expires.
 */
const expired = vi.hoisted(() => ({ tags: [] as string[] }));
vi.mock('next/cache', () => ({
  revalidatePath: () => undefined,
  revalidateTag: (tag: string) => void expired.tags.push(tag),
  unstable_cache: (read: () => Promise<unknown>) => read,
}));

let deezer: FakeDeezer;
type Modules = Awaited<ReturnType<typeof loadModules>>;
let app: Modules;

async function loadModules() {
  return {
    db: await (await import('../../db/client')).getDb(),
    schema: await import('../../db/schema'),
    tracks: await import('../../db/queries/tracks'),
    runs: await import('../../db/queries/tempo-lookup-runs'),
    lookupJob: await import('../../lib/server/jobs/tempo-lookup'),
    deezerSource: await import('../../lib/tempo/deezer'),
  };
}

beforeAll(async () => {
  deezer = await startFakeDeezer();
  // The fake counts its quota in real time, and these slices send their batches on a test clock, back to back.
  deezer.setQuota(100_000, 5000);
  app = await loadModules();
}, 120_000);

afterAll(async () => {
  await deezer?.close();
});

let isrcCounter = 0;
const newIsrc = () => `QZSLC26${String(++isrcCounter).padStart(5, '0')}`;

/** An owner with `count` local songs Deezer knows (all, none, or those `known(i)` picks), and their lookup begun. */
async function ownerWithSongs(count: number, options: { known?: boolean | ((i: number) => boolean) } = {}) {
  const [owner] = await app.db.insert(app.schema.owners).values({}).returning();
  const ownerId = owner!.id;
  const isrcs = Array.from({ length: count }, newIsrc);
  const isKnown = (i: number) => (typeof options.known === 'function' ? options.known(i) : options.known !== false);
  isrcs.forEach((isrc, i) => {
    if (isKnown(i)) deezer.addTrack(isrc, { id: 70_000 + isrcCounter * 10 + i, title: `L${i}`, artist: 'T', bpm: 100 + i, durationSec: 200 });
  });
  const trackIds = await app.tracks.addLocalTracks(app.db, {
    ownerId,
    tracks: isrcs.map((isrc, i) => ({ title: `Song ${i}`, artist: 'Tester', durationMs: 180_000, bpm: null, analysisNote: null, isrc, fileSha256: null })),
  });
  const begun = await app.runs.beginTempoLookup(app.db, { ownerId });
  expect(begun.kind).toBe('started');
  return { ownerId, trackIds, isrcs };
}

/** A clock that moves only when the slice sleeps (or a request takes `requestMs`), and the sleeps it was asked for. */
function clockedOptions(budgetMs: number, requestMs = 0) {
  const start = Date.UTC(2026, 10, 30, 5, 0, 0);
  const state = { now: start, sleeps: [] as number[], asked: 0 };
  const source = app.deezerSource.createDeezerTempoSource({ baseUrl: deezer.baseUrl });
  return {
    start,
    state,
    options: {
      budgetMs,
      now: () => state.now,
      sleep: async (ms: number) => {
        state.sleeps.push(ms);
        state.now += ms;
      },
      source: {
        async lookupByIsrc(isrc: string) {
          state.asked += 1;
          state.now += requestMs;
          return source.lookupByIsrc(isrc);
        },
      },
    },
  };
}

describe('a slice of the tempo lookup', () => {
  it('with time to spare, paces its batches a second apart (10 requests each) and finishes the run', async () => {
    const { ownerId } = await ownerWithSongs(25);
    const { options, state } = clockedOptions(60_000);
    expect(await app.lookupJob.runLookupSlice(app.db, { ownerId }, options)).toEqual({ outcome: 'finished' });
    expect(state.sleeps).toEqual([1000, 1000]);
    expect(state.asked).toBe(25);
    expect(await app.runs.getTempoLookupRun(app.db, ownerId)).toMatchObject({ status: 'done', found: 25, batches: 3, queue: [], nextBatchAt: null });
  });

  it('hands over when the next batch may start only at or after its budget’s end, asking nothing more', async () => {
    for (const budgetMs of [999, 1000]) {
      const { ownerId } = await ownerWithSongs(15);
      const { options, state, start } = clockedOptions(budgetMs);
      expect(await app.lookupJob.runLookupSlice(app.db, { ownerId }, options)).toEqual({ outcome: 'more', notBefore: new Date(start + 1000) });
      expect(state).toMatchObject({ asked: 10, sleeps: [] });
      expect(await app.runs.getTempoLookupRun(app.db, ownerId)).toMatchObject({ status: 'running', found: 10, batches: 1, nextBatchAt: new Date(start + 1000) });
    }
    const { ownerId } = await ownerWithSongs(15);
    const { options, state } = clockedOptions(1001);
    expect(await app.lookupJob.runLookupSlice(app.db, { ownerId }, options)).toEqual({ outcome: 'finished' });
    expect(state).toMatchObject({ asked: 15, sleeps: [1000] });
  });

  it('hands over once its budget has passed, the next batch paced from the start of the last one', async () => {
    // Each request takes 100 ms here: a batch of 10 ends exactly at a 1,000 ms budget.
    const { ownerId } = await ownerWithSongs(15);
    const { options, state, start } = clockedOptions(1000, 100);
    expect(await app.lookupJob.runLookupSlice(app.db, { ownerId }, options)).toEqual({ outcome: 'more', notBefore: new Date(start + 1000) });
    expect(state.asked).toBe(10);
  });

  it('waits 5 s after each quota stop and gives up, saying so, after three in a row', async () => {
    const { ownerId } = await ownerWithSongs(5);
    deezer.setQuotaExceeded(true);
    try {
      const { options, state } = clockedOptions(60_000);
      expect(await app.lookupJob.runLookupSlice(app.db, { ownerId }, options)).toEqual({ outcome: 'finished' });
      expect(state.sleeps).toEqual([5000, 5000]);
      const run = await app.runs.getTempoLookupRun(app.db, ownerId);
      expect(run).toMatchObject({ status: 'gave_up', found: 0, nextBatchAt: null, error: expect.stringMatching(/Deezer/) });
      expect(run!.queue).toHaveLength(5);
    } finally {
      deezer.setQuotaExceeded(false);
    }
  });

  it('counts a song that gained a tempo elsewhere meanwhile as found, without asking Deezer', async () => {
    const { ownerId, trackIds } = await ownerWithSongs(3);
    await app.tracks.setOwnTempo(app.db, { trackId: trackIds[0]!, ownerId, bpm: 128, source: 'tap', previousBpm: null });
    const { options, state } = clockedOptions(60_000);
    expect(await app.lookupJob.runLookupSlice(app.db, { ownerId }, options)).toEqual({ outcome: 'finished' });
    expect(state.asked).toBe(2);
    expect(await app.runs.getTempoLookupRun(app.db, ownerId)).toMatchObject({ status: 'done', total: 3, found: 3, unknown: 0 });
  });

  it('expires every shared page when a batch found a tempo (it may be in anyone’s montage), and none when it found nothing', async () => {
    const sharer = new Visitor();
    const created = await sharer.call(montagesRoute.POST, 'POST', { body: { mode: 'circuit', lengthMin: 20 } });
    const shared = await sharer.call(shareRoute.POST, 'POST', { params: { id: created.body.id } });
    expect(shared.status).toBe(201);

    const unknown = await ownerWithSongs(3, { known: false });
    expired.tags.length = 0;
    expect(await app.lookupJob.runLookupSlice(app.db, { ownerId: unknown.ownerId }, clockedOptions(60_000).options)).toEqual({ outcome: 'finished' });
    expect(await app.runs.getTempoLookupRun(app.db, unknown.ownerId)).toMatchObject({ status: 'done', unknown: 3 });
    expect(expired.tags).toEqual([]);

    // One song Deezer knows among two it does not: that one tempo is enough.
    const mixed = await ownerWithSongs(3, { known: (i) => i === 1 });
    expect(await app.lookupJob.runLookupSlice(app.db, { ownerId: mixed.ownerId }, clockedOptions(60_000).options)).toEqual({ outcome: 'finished' });
    expect(await app.runs.getTempoLookupRun(app.db, mixed.ownerId)).toMatchObject({ status: 'done', found: 1, unknown: 2 });
    expect(expired.tags).toContain(`share:${shared.body.token}`);
  });
});
