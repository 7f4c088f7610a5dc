import type { TempoLookupRun } from '../../db/queries/tempo-lookup-runs';
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
