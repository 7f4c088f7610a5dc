import type { Database } from '../../db/client';
import { listActiveShareTokens } from '../../db/queries/shares';
import type { TempoLookupRun } from '../../db/queries/tempo-lookup-runs';
import { expireSharedPages } from './shared-cache';
import type { TempoLookupRunView } from '../tempo/lookup-progress';

export type { TempoLookupRunView };

/** A lookup run as the browser sees it (no track ids). */
export function lookupRunView(run: TempoLookupRun | null): TempoLookupRunView {
  if (!run) return { status: 'none', total: 0, answered: 0, found: 0, unknown: 0, failed: 0, notAsked: 0, error: null };
  return {
    status: run.status,
    total: run.total,
    answered: run.found + run.unknown + run.failed,
    found: run.found,
    unknown: run.unknown,
    failed: run.failed,
    notAsked: run.queue.length,
    error: run.error,
  };
}

const globalForLookups = globalThis as unknown as { montageLookupsExpired?: Set<string> };
const expiredRuns = (globalForLookups.montageLookupsExpired ??= new Set());

/**
 * Once per finished run that found tempos, expires this process's shared pages from inside a
 * request. The job expires them as it goes, but outside a request Next can expire only the shared
 * (Redis) cache, not a process's own: without REDIS_URL (the embedded default) the owner's polling
 * of the finished run is what reaches it.
 */
export async function expireSharedPagesAfterLookup(db: Database, run: TempoLookupRun | null): Promise<void> {
  if (!run || run.status === 'running' || run.found === 0) return;
  const key = `${run.ownerId}:${run.startedAt.toISOString()}`;
  if (expiredRuns.has(key)) return;
  expiredRuns.add(key);
  await expireSharedPages(await listActiveShareTokens(db, 'all'));
}
