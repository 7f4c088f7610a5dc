import { setTimeout as sleepFor } from 'node:timers/promises';
import type { Database } from '../../../db/client';
import { analyzeTracksIfStale } from '../../../db/queries/planner-statistics';
import { listActiveShareTokens } from '../../../db/queries/shares';
import { getTempoLookupRun, storeLookupBatch, type TempoLookupRun } from '../../../db/queries/tempo-lookup-runs';
import type { DeezerTempoSource } from '../../tempo/deezer';
import { lookUpMissingTempos } from '../../tempo/look-up-missing-tempos';
import { advanceLookup, MAX_TRACK_IDS_PER_BATCH, type LookupProgress } from '../../tempo/lookup-progress';
import { expireSharedPages } from '../shared-cache';

export interface LookupJobData {
  ownerId: string;
}

/** Requests a batch of the job sends: short batches keep a slice well inside its job's expiry. */
export const JOB_REQUESTS_PER_BATCH = 10;

export interface LookupSliceOptions {
  budgetMs: number;
  source: DeezerTempoSource;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export type LookupSliceResult = { outcome: 'finished' } | { outcome: 'more'; notBefore: Date | null };

const progressOf = (run: TempoLookupRun): LookupProgress => ({
  total: run.total,
  found: run.found,
  unknown: run.unknown,
  failed: run.failed,
  queue: run.queue,
  quotaStopsInARow: run.quotaStopsInARow,
});

/**
 * One slice of an owner's tempo lookup, continued from the stored run (`tempo_lookup_runs`):
 * batches from the stored queue, paced under Deezer's quota (lookup-progress), each batch's counts
 * and the rest of the queue stored together, until the run ends or `budgetMs` has passed (then
 * `more`, with the time the next batch may start). Picked up again after its process died, it asks
 * only what the stored queue still holds; the batch in flight is asked again, from the cache
 * where it had been answered.
 */
export async function runLookupSlice(db: Database, job: LookupJobData, options: LookupSliceOptions): Promise<LookupSliceResult> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? sleepFor;
  const deadline = now() + options.budgetMs;
  let run = await getTempoLookupRun(db, job.ownerId);
  while (run?.status === 'running') {
    const waitMs = run.nextBatchAt ? run.nextBatchAt.getTime() - now() : 0;
    if (waitMs > 0) {
      if (now() + waitMs >= deadline) return { outcome: 'more', notBefore: run.nextBatchAt };
      await sleep(waitMs);
    }
    const sent = run.queue.slice(0, MAX_TRACK_IDS_PER_BATCH);
    const batchStartedAt = now();
    const report = await lookUpMissingTempos(db, { ownerId: job.ownerId, trackIds: sent, source: options.source, maxRequests: JOB_REQUESTS_PER_BATCH });
    // Tracks that gained a tempo elsewhere meanwhile are not in the report: they count as found.
    const answered = new Set([...report.tracks, ...report.failed, ...report.notAsked].map((t) => t.trackId));
    const gainedElsewhere = sent.filter((id) => !answered.has(id)).map((trackId) => ({ trackId, bpm: 0 }));
    const { progress, step } = advanceLookup(progressOf(run), sent, { ...report, tracks: [...report.tracks, ...gainedElsewhere] });
    const status = step.kind === 'ask' ? 'running' : step.kind === 'done' ? 'done' : 'gave_up';
    // The run's own pace counts from the batch's start (its requests may have waited for their turn in the
    // app's shared Deezer budget meanwhile); after a quota stop, from now.
    const nextBatchAt = step.kind === 'ask' && step.waitMs > 0 ? new Date((report.stopped ? now() : batchStartedAt) + step.waitMs) : null;
    const isStored = await storeLookupBatch(db, {
      ownerId: job.ownerId,
      afterBatch: run.batches,
      status,
      queue: progress.queue,
      total: progress.total,
      found: progress.found,
      unknown: progress.unknown,
      failed: progress.failed,
      quotaStopsInARow: progress.quotaStopsInARow,
      nextBatchAt,
      error: step.kind === 'gave_up' ? step.message : null,
    });
    // A looked-up tempo is shared by everyone whose montages hold that track.
    if (report.tracks.some((t) => t.bpm !== null)) await expireSharedPages(await listActiveShareTokens(db, 'all'));
    if (!isStored || status !== 'running') {
      // Many tracks may have gained a tempo: the tempo filters' estimates follow (PGlite has no autovacuum).
      if (isStored) await analyzeTracksIfStale(db);
      return { outcome: 'finished' };
    }
    if (now() >= deadline) return { outcome: 'more', notBefore: nextBatchAt };
    run = await getTempoLookupRun(db, job.ownerId);
  }
  return { outcome: 'finished' };
}
