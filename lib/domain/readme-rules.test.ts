import { describe, expect, it } from 'vitest';
import { findCoverageProblems, INTERVAL_LIMITS } from './intervals';
import { bestMultiplier } from './tempo';

/** Rules the README states about tempos and interval plans, each on the edge where a slip shows. */
describe('half or double time: ties prefer 1×', () => {
  it.each([
    // bpm, target: ½× and 1× equally far
    [120, 90],
    [100, 75],
    [130.2, 97.65],
    // 1× and 2× equally far
    [60, 90],
    [80, 120],
    [90.6, 135.9],
  ])('%d BPM for a target of %d plays at 1×', (bpm, target) => {
    expect(bestMultiplier(bpm, target)).toBe(1);
  });

  it('still halves or doubles when that is strictly closer', () => {
    expect(bestMultiplier(120, 89)).toBe(0.5);
    expect(bestMultiplier(60, 91)).toBe(2);
  });
});

describe('intervals cover the track exactly: neither short nor past its end', () => {
  it('refuses intervals that run past the end of the track, naming the plan', () => {
    const problems = findCoverageProblems([{ offsetMs: 0, durationMs: 200_000 }, { offsetMs: 200_000, durationMs: 31_001 }], 231_000);
    expect(problems).toEqual([{ index: null, field: 'intervals', message: 'the intervals end at 3:51 but the track lasts 3:51: 1 ms too long; they must cover it exactly' }]);
  });

  it('refuses a single interval longer than the track', () => {
    expect(findCoverageProblems([{ offsetMs: 0, durationMs: 240_000 }], 231_000)).toHaveLength(1);
  });

  it(`accepts ${INTERVAL_LIMITS.maxIntervalsPerTrack} intervals and refuses one more`, () => {
    const spans = (count: number) => Array.from({ length: count }, (_, i) => ({ offsetMs: i * 2_000, durationMs: 2_000 }));
    expect(INTERVAL_LIMITS.maxIntervalsPerTrack).toBe(60);
    expect(findCoverageProblems(spans(60), 120_000)).toEqual([]);
    expect(findCoverageProblems(spans(61), 122_000)).toEqual([
      { index: null, field: 'intervals', message: 'at most 60 intervals per track (got 61)' },
    ]);
  });
});
