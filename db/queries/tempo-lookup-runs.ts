import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { tempoLookupRuns } from '../schema';
import { listTracksMissingTempo } from './tracks';

export type TempoLookupRun = typeof tempoLookupRuns.$inferSelect;

export async function getTempoLookupRun(db: Database, ownerId: string): Promise<TempoLookupRun | null> {
  const [row] = await db.select().from(tempoLookupRuns).where(eq(tempoLookupRuns.ownerId, ownerId));
  return row ?? null;
}

export type BeginTempoLookupResult = { kind: 'started' | 'running'; run: TempoLookupRun };

/**
 * Starts a lookup run over these tracks (or all of the owner's with an ISRC and no tempo) unless
 * one is running, in one transaction under a per-owner lock: two requests at once (two tabs, two
 * processes) start one run, and the second is told about it. The queue is fixed here: the run
 * asks only these tracks, in this order.
 */
export async function beginTempoLookup(db: Database, params: { ownerId: string; trackIds?: readonly string[] }): Promise<BeginTempoLookupResult> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`tempo-lookup:${params.ownerId}`}))`);
    const [existing] = await tx.select().from(tempoLookupRuns).where(eq(tempoLookupRuns.ownerId, params.ownerId)).for('update');
    if (existing?.status === 'running') return { kind: 'running', run: existing };
    const missing = await listTracksMissingTempo(tx, params.ownerId, params.trackIds);
    const queue = missing.map((t) => t.id);
    const fresh = {
      status: queue.length === 0 ? ('done' as const) : ('running' as const),
      queue,
      total: queue.length,
      found: 0,
      unknown: 0,
      failed: 0,
      quotaStopsInARow: 0,
      batches: 0,
      nextBatchAt: null,
      error: null,
      startedAt: new Date(),
      finishedAt: queue.length === 0 ? new Date() : null,
    };
    const [run] = await tx
      .insert(tempoLookupRuns)
      .values({ ownerId: params.ownerId, ...fresh })
      .onConflictDoUpdate({ target: tempoLookupRuns.ownerId, set: fresh })
      .returning();
    return { kind: 'started', run: run! };
  });
}

export interface StoreLookupBatchParams {
  ownerId: string;
  /** The run's `batches` when this batch was read: stored only if no other batch was stored since. */
  afterBatch: number;
  status: TempoLookupRun['status'];
  queue: string[];
  total: number;
  found: number;
  unknown: number;
  failed: number;
  quotaStopsInARow: number;
  nextBatchAt: Date | null;
  error: string | null;
}

/** Stores a batch's progress (counts and what is left) in one statement; false when the run moved on (stopped, or another runner's batch). */
export async function storeLookupBatch(db: Database, params: StoreLookupBatchParams): Promise<boolean> {
  const { ownerId, afterBatch, ...progress } = params;
  const isOver = progress.status !== 'running';
  const stored = await db
    .update(tempoLookupRuns)
    .set({ ...progress, batches: afterBatch + 1, finishedAt: isOver ? new Date() : null })
    .where(and(eq(tempoLookupRuns.ownerId, ownerId), eq(tempoLookupRuns.status, 'running'), eq(tempoLookupRuns.batches, afterBatch)))
    .returning({ ownerId: tempoLookupRuns.ownerId });
  return stored.length > 0;
}

/** The owner asked to stop: the run ends after the batch in flight (which is not stored). */
export async function stopTempoLookup(db: Database, ownerId: string): Promise<void> {
  await db
    .update(tempoLookupRuns)
    .set({ status: 'stopped', finishedAt: new Date() })
    .where(and(eq(tempoLookupRuns.ownerId, ownerId), eq(tempoLookupRuns.status, 'running')));
}

/** Owners whose lookup is running: a job picks each up (at start, after a process died). */
export async function listRunningTempoLookups(db: Database): Promise<{ ownerId: string }[]> {
  return db.select({ ownerId: tempoLookupRuns.ownerId }).from(tempoLookupRuns).where(eq(tempoLookupRuns.status, 'running'));
}
