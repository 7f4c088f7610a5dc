import { describe, expect, it } from 'vitest';
import { advanceLookup, answeredCount, DEEZER_QUOTA, MAX_QUOTA_STOPS_IN_A_ROW, MAX_TRACK_IDS_PER_BATCH, startLookup, type LookupBatchAnswer, type LookupProgress, type LookupStep } from './lookup-progress';

/** The route, as progress sees it: asks at most 40 tracks a batch; `answerFor` decides each one. */
function fakeServer(allMissing: string[], answerFor: (trackId: string) => 'found' | 'unknown' | 'failed' | 'quota') {
  const done = new Set<string>();
  return (trackIds: readonly string[]): LookupBatchAnswer => {
    const asked = (trackIds.length > 0 ? trackIds : allMissing).filter((id) => !done.has(id));
    const answer: LookupBatchAnswer = { tracks: [], failed: [], notAsked: [], requests: 0, stopped: null };
    for (const trackId of asked) {
      if (answer.stopped || answer.requests >= 40) {
        answer.notAsked.push({ trackId });
        continue;
      }
      answer.requests += 1;
      const kind = answerFor(trackId);
      if (kind === 'quota') {
        answer.stopped = { message: 'quota used up' };
        answer.notAsked.push({ trackId });
      } else if (kind === 'failed') answer.failed.push({ trackId });
      else {
        done.add(trackId);
        answer.tracks.push({ trackId, bpm: kind === 'found' ? 120 : null });
      }
    }
    return answer;
  };
}

/** Runs a lookup to its end; returns the final progress, the batches sent and the total wait. */
function runLookup(server: (ids: readonly string[]) => LookupBatchAnswer, trackIds?: string[]) {
  let { progress, step }: { progress: LookupProgress; step: LookupStep } = startLookup(trackIds);
  const batches: string[][] = [];
  let waitedMs = 0;
  while (step.kind === 'ask') {
    waitedMs += step.waitMs;
    batches.push(step.trackIds);
    ({ progress, step } = advanceLookup(progress, step.trackIds, server(step.trackIds)));
    if (batches.length > 1000) throw new Error('the run never ends');
  }
  return { progress, step, batches, waitedMs };
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => `t${i}`);

describe('a whole tempo lookup, batch by batch', () => {
  it('looks up all 1,000 tracks of a fresh import in 25 batches, every one answered, paced under the quota', () => {
    const all = ids(1000);
    const { progress, step, batches, waitedMs } = runLookup(fakeServer(all, (id) => (Number(id.slice(1)) % 4 === 0 ? 'unknown' : 'found')));
    expect(step).toEqual({ kind: 'done' });
    expect(batches).toHaveLength(25);
    expect(progress).toMatchObject({ total: 1000, found: 750, unknown: 250, failed: 0, queue: [] });
    expect(answeredCount(progress)).toBe(1000);
    // 40 requests, then 4 s: 50 per 5 s is never exceeded.
    expect(waitedMs).toBe(24 * Math.ceil((40 * DEEZER_QUOTA.windowMs) / DEEZER_QUOTA.requests));
  });

  it('names at most 200 tracks a batch when given a long list, and asks every one exactly once', () => {
    const all = ids(450);
    const { progress, batches } = runLookup(fakeServer(all, () => 'found'), all);
    expect(batches.every((b) => b.length <= MAX_TRACK_IDS_PER_BATCH)).toBe(true);
    expect(progress).toMatchObject({ total: 450, found: 450 });
    expect(new Set(batches.flatMap((b) => b.slice(0, 40))).size).toBe(450);
  });

  it('counts failed tracks and does not ask them again in the same run', () => {
    const all = ids(60);
    const { progress, step } = runLookup(fakeServer(all, (id) => (id === 't3' || id === 't59' ? 'failed' : 'found')));
    expect(step.kind).toBe('done');
    expect(progress).toMatchObject({ total: 60, found: 58, failed: 2 });
  });

  it('waits a whole quota window after a quota stop, then carries on', () => {
    let quotaLeft = 1;
    const all = ids(30);
    const server = fakeServer(all, (id) => {
      if (id === 't10' && quotaLeft > 0) {
        quotaLeft -= 1;
        return 'quota';
      }
      return 'found';
    });
    let { progress, step } = startLookup();
    ({ progress, step } = advanceLookup(progress, (step as { trackIds: string[] }).trackIds, server([])));
    expect(progress).toMatchObject({ total: 30, found: 10 });
    expect(step).toEqual({ kind: 'ask', trackIds: ids(30).slice(10), waitMs: DEEZER_QUOTA.windowMs });
    ({ progress, step } = advanceLookup(progress, (step as { trackIds: string[] }).trackIds, server((step as { trackIds: string[] }).trackIds)));
    expect(step).toEqual({ kind: 'done' });
    expect(progress.found).toBe(30);
  });

  it('counts only the quota stops that found nothing, in a row: a batch that found a tempo, or failed without a stop, starts the count again', () => {
    const { progress: start } = startLookup(ids(10));
    const stopped = { message: 'quota used up' };
    const none = { tracks: [], failed: [], requests: 1 };
    const afterStop = advanceLookup(start, ids(10), { ...none, notAsked: ids(10).map((trackId) => ({ trackId })), stopped }).progress;
    expect(afterStop.quotaStopsInARow).toBe(1);
    const foundThenStopped = advanceLookup(afterStop, ids(10), { ...none, tracks: [{ trackId: 't0', bpm: 120 }], notAsked: ids(10).slice(1).map((trackId) => ({ trackId })), stopped });
    expect(foundThenStopped.progress.quotaStopsInARow).toBe(0);
    const failedNoStop = advanceLookup(afterStop, ids(10), { ...none, failed: [{ trackId: 't0' }], notAsked: ids(10).slice(1).map((trackId) => ({ trackId })), stopped: null });
    expect(failedNoStop.progress.quotaStopsInARow).toBe(0);
    // The progress bar counts the failed track as answered.
    expect(answeredCount(failedNoStop.progress)).toBe(1);
  });

  it('gives up with the quota message after quota stops in a row with nothing found', () => {
    const all = ids(20);
    const { progress, step, batches } = runLookup(fakeServer(all, () => 'quota'));
    expect(step).toEqual({ kind: 'gave_up', message: 'quota used up' });
    expect(batches).toHaveLength(MAX_QUOTA_STOPS_IN_A_ROW);
    expect(progress).toMatchObject({ total: 20, found: 0 });
    expect(progress.queue).toHaveLength(20);
  });
});
