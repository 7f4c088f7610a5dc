import { describe, expect, it } from 'vitest';
import { rampCurve, steadyCurve } from '../domain/curves';
import type { PoolTrack, WorkoutSpec } from '../domain/types';
import { sequenceCost } from './cost';
import { toProblem } from './problem';
import { compareScores, copyScore, emptyScore, isSettled, scoreOrder, shortfallSeconds, weightedError, type Score } from './score';
import { toSequencedTracks } from './sequenced-tracks';

const track = (id: string, bpm: number | null, durationMs: number, artist = id, isAnchor = false): PoolTrack => ({ id, title: id, artist, durationMs, bpm, isAnchor });

const score = (fields: Partial<Score>): Score => ({ ...emptyScore(), ...fields });

describe('compareScores', () => {
  // Each rule, worse by one, against every later rule better by a lot: the earlier rule decides.
  const rules: Partial<Score>[] = [{ overMs: 1 }, { anchorsMissing: 1 }, { shortfallMs: 1_000 }, { fillers: 1 }, { sameArtistPairs: 1 }, { cost: 1 }];
  const much: Partial<Score> = { overMs: 0, anchorsMissing: 0, shortfallMs: 0, fillers: 0, sameArtistPairs: 0, cost: 0 };
  const lots: Partial<Score> = { overMs: 100, anchorsMissing: 5, shortfallMs: 600_000, fillers: 9, sameArtistPairs: 9, cost: 1e6 };

  it('ranks by length over, anchors left out, whole seconds short, fillers, same-artist pairs, then cost', () => {
    rules.forEach((rule, k) => {
      const later = Object.fromEntries(Object.keys(lots).slice(k + 1).map((field) => [field, lots[field as keyof Score]]));
      const worse = score({ ...much, ...rule });
      const better = score({ ...much, ...later });
      expect(compareScores(worse, better), Object.keys(rule)[0]).toBeGreaterThan(0);
      expect(compareScores(better, worse), Object.keys(rule)[0]).toBeLessThan(0);
    });
    expect(compareScores(score({ cost: 2 }), score({ cost: 3 }))).toBe(-1);
    expect(compareScores(score({ sameArtistPairs: 3 }), score({ sameArtistPairs: 1 }))).toBe(2);
  });

  it('counts the shortfall in whole seconds, rounded up, so a millisecond never outranks tempo fit', () => {
    expect(compareScores(score({ shortfallMs: 1, cost: 5 }), score({ shortfallMs: 999, cost: 1 }))).toBeGreaterThan(0);
    expect(compareScores(score({ shortfallMs: 1_000, cost: 1 }), score({ shortfallMs: 1_001, cost: 5 }))).toBeLessThan(0);
    expect(compareScores(score({ shortfallMs: 0, cost: 5 }), score({ shortfallMs: 1, cost: 1 }))).toBeLessThan(0);
    expect([0, 1, 999, 1_000, 1_001].map((shortfallMs) => shortfallSeconds({ shortfallMs }))).toEqual([0, 1, 1, 1, 2]);
  });

  it('calls costs equal within a relative 1e-12 (1e-12 included), and only then', () => {
    expect(compareScores(score({ cost: 1e6 }), score({ cost: 1e6 * (1 + 1e-13) }))).toBe(0);
    expect(compareScores(score({ cost: 1e6 * (1 + 1e-10) }), score({ cost: 1e6 }))).toBeGreaterThan(0);
    expect(compareScores(score({ cost: 0 }), score({ cost: 5e-13 }))).toBe(0);
    expect(compareScores(score({ cost: 1e-12 }), score({ cost: 0 }))).toBe(0);
    expect(compareScores(score({ cost: 0 }), score({ cost: 2e-12 }))).toBeLessThan(0);
    expect(compareScores(score({ cost: 3 }), score({ cost: 3 }))).toBe(0);
  });
});

describe('scoreOrder', () => {
  const workout: WorkoutSpec = { mode: 'circuit', lengthMs: 600_000, toleranceMs: 60_000, curve: rampCurve(100, 160) };
  const pool = [
    track('anchor', 120, 200_000, 'Survivor', true),
    track('left-out', 130, 100_000, 'Vince', true),
    track('filler', null, 150_000, 'Touch'),
    track('same-a', 75, 100_000, 'Go West'),
    track('same-b', 150, 100_000, ' go west '),
  ];
  const p = toProblem(pool, workout);

  it('counts each rule of an order and its cost at the best multipliers', () => {
    const order = [0, 2, 3, 4];
    const result = scoreOrder(p, order);
    expect(result).toMatchObject({ overMs: 0, anchorsMissing: 1, shortfallMs: 0, fillers: 1, sameArtistPairs: 1, totalMs: 550_000 });
    expect(result.cost).toBeCloseTo(sequenceCost(toSequencedTracks(p, order), workout), 9);
    expect(result.cost).toBeGreaterThan(0);
  });

  it('measures the length past the window and short of it', () => {
    expect(scoreOrder(p, [0, 1, 2, 3, 4])).toMatchObject({ overMs: 0, shortfallMs: 0, anchorsMissing: 0 });
    const long = toProblem(pool, { ...workout, lengthMs: 500_000, toleranceMs: 60_000 });
    expect(scoreOrder(long, [0, 1, 2, 3, 4])).toMatchObject({ overMs: 90_000, shortfallMs: 0 });
    expect(scoreOrder(p, [3])).toMatchObject({ overMs: 0, shortfallMs: 440_000, anchorsMissing: 2, totalMs: 100_000 });
  });

  it('scores only the first `length` of the order, into the score it is given', () => {
    const out = emptyScore();
    const result = scoreOrder(p, [3, 4, 0], 2, out);
    expect(result).toBe(out);
    expect(out).toMatchObject({ totalMs: 200_000, sameArtistPairs: 1, anchorsMissing: 2 });
    expect(scoreOrder(p, [3, 4], 0)).toMatchObject({ totalMs: 0, cost: 0, sameArtistPairs: 0, anchorsMissing: 2, shortfallMs: 540_000 });
  });

  it('sums the weighted error of a run of the order laid from where it starts', () => {
    const order = [0, 3, 4, 2];
    const totalMs = 550_000;
    const whole = weightedError(p, order, 0, 4, 0, totalMs);
    const parts = weightedError(p, order, 0, 2, 0, totalMs) + weightedError(p, order, 2, 4, 300_000, totalMs);
    expect(parts).toBeCloseTo(whole, 6);
    expect(whole / totalMs).toBeCloseTo(scoreOrder(p, order).cost, 9);
    // A run that starts later sees the curve later: on a ramp, a different error.
    expect(weightedError(p, order, 1, 2, 200_000, totalMs)).not.toBeCloseTo(weightedError(p, order, 1, 2, 0, totalMs), 3);
  });

  it('costs nothing on a steady curve matched at ½× or 2×', () => {
    const steady = toProblem([track('half', 240, 60_000), track('double', 60, 60_000)], { ...workout, curve: steadyCurve(120) });
    expect(scoreOrder(steady, [0, 1]).cost).toBe(0);
  });
});

describe('copyScore', () => {
  it('copies every field', () => {
    const from = score({ overMs: 1, anchorsMissing: 2, shortfallMs: 3, fillers: 4, sameArtistPairs: 5, cost: 6, totalMs: 7 });
    expect(copyScore(from)).toEqual(from);
    const into = emptyScore();
    expect(copyScore(from, into)).toBe(into);
    expect(into).toEqual(from);
  });
});

describe('isSettled', () => {
  const met: Partial<Score> = { overMs: 0, anchorsMissing: 0, shortfallMs: 0, fillers: 0, sameArtistPairs: 0, totalMs: 1_800_000 };

  it('is a montage that meets every rule with a cost of at most 0.01 (0.1 BPM root-mean-square)', () => {
    expect(isSettled(score({ ...met, cost: 0 }))).toBe(true);
    expect(isSettled(score({ ...met, cost: 0.01 }))).toBe(true);
    expect(isSettled(score({ ...met, cost: 0.010001 }))).toBe(false);
  });

  it('is never a montage that breaks a rule, however good its tempo fit', () => {
    const broken: Partial<Score>[] = [{ overMs: 1 }, { anchorsMissing: 1 }, { shortfallMs: 1 }, { fillers: 1 }, { sameArtistPairs: 1 }];
    for (const rule of broken) expect(isSettled(score({ ...met, cost: 0, ...rule })), Object.keys(rule)[0]).toBe(false);
  });
});
