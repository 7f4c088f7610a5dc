import { describe, expect, it } from 'vitest';
import type { TempoLookupRun } from '../../db/queries/tempo-lookup-runs';
import { lookupRunView } from './tempo-lookup-view';

describe('lookupRunView: a lookup run as the progress bar sees it', () => {
  it('counts every answer, found or not, and what is not asked yet; never the track ids', () => {
    const run = {
      ownerId: '0b6f1a8e-3c2d-4e5f-8a9b-0c1d2e3f4a5b',
      status: 'running',
      queue: ['t7', 't8', 't9', 't10'],
      total: 10,
      found: 3,
      unknown: 2,
      failed: 1,
      quotaStopsInARow: 0,
      batches: 1,
      nextBatchAt: null,
      error: null,
      startedAt: new Date(0),
      finishedAt: null,
    } as TempoLookupRun;
    expect(lookupRunView(run)).toEqual({ status: 'running', total: 10, answered: 6, found: 3, unknown: 2, failed: 1, notAsked: 4, error: null });
    expect(lookupRunView({ ...run, status: 'gave_up', error: 'Deezer did not answer.' })).toMatchObject({ status: 'gave_up', error: 'Deezer did not answer.' });
  });

  it('shows no run as nothing to do', () => {
    expect(lookupRunView(null)).toEqual({ status: 'none', total: 0, answered: 0, found: 0, unknown: 0, failed: 0, notAsked: 0, error: null });
  });
});
