import { describe, expect, it, vi } from 'vitest';
import type { Database } from '../../db/client';
import type { TempoLookupRun } from '../../db/queries/tempo-lookup-runs';
import { expireSharedPagesAfterLookup, lookupRunView } from './tempo-lookup-view';

// The database and Next's cache stood in: which links' pages are expired, and when.
const activeTokens = vi.hoisted(() => ['token-a', 'token-b']);
vi.mock('../../db/queries/shares', () => ({ listActiveShareTokens: vi.fn(async () => activeTokens) }));
vi.mock('./shared-cache', () => ({ expireSharedPages: vi.fn(async () => undefined) }));
const { expireSharedPages } = await import('./shared-cache');
const { listActiveShareTokens } = await import('../../db/queries/shares');

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

describe('expireSharedPagesAfterLookup: a finished lookup that found tempos refreshes every shared page, once', () => {
  const db = {} as Database;
  const finished = {
    ownerId: '1b6f1a8e-3c2d-4e5f-8a9b-0c1d2e3f4a5b',
    status: 'done',
    queue: [],
    total: 4,
    found: 2,
    unknown: 2,
    failed: 0,
    quotaStopsInARow: 0,
    batches: 1,
    nextBatchAt: null,
    error: null,
    startedAt: new Date('2026-11-30T07:00:00Z'),
    finishedAt: new Date('2026-11-30T07:00:05Z'),
  } as TempoLookupRun;

  it('expires the pages of every active link when the run has ended with tempos found, and not again for the same run', async () => {
    await expireSharedPagesAfterLookup(db, finished);
    expect(listActiveShareTokens).toHaveBeenCalledWith(db, 'all');
    expect(expireSharedPages).toHaveBeenCalledTimes(1);
    expect(expireSharedPages).toHaveBeenCalledWith(activeTokens);
    await expireSharedPagesAfterLookup(db, { ...finished });
    expect(expireSharedPages).toHaveBeenCalledTimes(1);
    // Another run of the same owner (a later start) is another run.
    await expireSharedPagesAfterLookup(db, { ...finished, startedAt: new Date('2026-11-30T08:00:00Z') });
    expect(expireSharedPages).toHaveBeenCalledTimes(2);
    // The same start by another owner too.
    await expireSharedPagesAfterLookup(db, { ...finished, ownerId: '2b6f1a8e-3c2d-4e5f-8a9b-0c1d2e3f4a5b' });
    expect(expireSharedPages).toHaveBeenCalledTimes(3);
  });

  it('expires nothing for no run, a run still going, or one that found nothing', async () => {
    vi.mocked(expireSharedPages).mockClear();
    const other = { ...finished, ownerId: '3b6f1a8e-3c2d-4e5f-8a9b-0c1d2e3f4a5b' };
    await expireSharedPagesAfterLookup(db, null);
    await expireSharedPagesAfterLookup(db, { ...other, status: 'running' });
    await expireSharedPagesAfterLookup(db, { ...other, found: 0, status: 'stopped' });
    expect(expireSharedPages).not.toHaveBeenCalled();
    // Stopped after finding some: those count.
    await expireSharedPagesAfterLookup(db, { ...other, status: 'stopped' });
    expect(expireSharedPages).toHaveBeenCalledTimes(1);
  });
});
