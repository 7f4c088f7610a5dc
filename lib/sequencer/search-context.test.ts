import { describe, expect, it } from 'vitest';
import { steadyCurve } from '../domain/curves';
import type { PoolTrack, WorkoutSpec } from '../domain/types';
import { toProblem, type Problem } from './problem';
import { MAX_SPREAD, searchContext, WORK_LIMIT } from './search-context';

const workout: WorkoutSpec = { mode: 'circuit', lengthMs: 30 * 60_000, toleranceMs: 60_000, curve: steadyCurve(160) };

/** `count` tracks of distinct lengths (`lengthOf(i)` seconds), `kindOf(i)` saying which are anchors and which have no tempo. */
function problem(count: number, kindOf: (i: number) => 'anchor' | 'untimed anchor' | 'filler' | 'timed' = () => 'timed', lengthOf = (i: number) => 60 + i): Problem {
  const pool: PoolTrack[] = Array.from({ length: count }, (_, i) => {
    const kind = kindOf(i);
    return { id: `t${i}`, title: `T${i}`, artist: `A${i % 7}`, durationMs: lengthOf(i) * 1000, bpm: kind === 'filler' || kind === 'untimed anchor' ? null : 120 + (i % 60), isAnchor: kind.includes('anchor') };
  });
  return toProblem(pool, workout);
}

const lengths = (p: Problem, tracks: readonly number[]) => tracks.map((i) => p.durationMs[i]!);
const descending = (values: number[]) => values.every((v, k) => k === 0 || v <= values[k - 1]!);

/** `picked` is `members` longest first, or, when they are more than `MAX_SPREAD`, an even spread of them by length rank. */
function expectEvenSpread(p: Problem, picked: readonly number[], members: number[]): void {
  const ranked = [...members].sort((a, b) => p.durationMs[b]! - p.durationMs[a]! || a - b);
  if (ranked.length <= MAX_SPREAD) {
    expect(picked).toEqual(ranked);
    return;
  }
  expect(picked).toHaveLength(MAX_SPREAD);
  expect(descending(lengths(p, picked))).toBe(true);
  expect(picked[0]).toBe(ranked[0]);
  expect(picked.at(-1)).toBe(ranked.at(-1));
  const ranks = picked.map((i) => ranked.indexOf(i));
  const gaps = ranks.slice(1).map((r, k) => r - ranks[k]!);
  const even = (ranked.length - 1) / (MAX_SPREAD - 1);
  for (const gap of gaps) expect(Math.abs(gap - even)).toBeLessThanOrEqual(1);
}

describe('searchContext: how widely one search looks', () => {
  it('lets every move try every track in a pool of up to 64, the 10 tempo-nearest in a larger one', () => {
    expect(searchContext(problem(64)).candidateCount).toBe(64);
    expect(searchContext(problem(65)).candidateCount).toBe(10);
  });

  it('also exchanges a track at every other position in a pool of up to 16', () => {
    expect(searchContext(problem(16)).exchangeAnywhere).toBe(true);
    expect(searchContext(problem(17)).exchangeAnywhere).toBe(false);
  });

  it('lets the set exchange bring in every track of a pool of up to 256', () => {
    const p = problem(256, (i) => (i % 5 === 0 ? 'anchor' : i % 7 === 0 ? 'filler' : 'timed'));
    expect(searchContext(p).exchangeIns).toEqual(Array.from({ length: 256 }, (_, i) => i));
  });

  it('from a larger pool, an even spread of lengths over the anchors, the fillers and the others: longest and shortest of each', () => {
    const kindOf = (i: number) => (i % 4 === 0 ? 'anchor' : i % 4 === 1 ? 'filler' : i % 8 === 2 ? 'untimed anchor' : 'timed');
    const p = problem(400, kindOf, (i) => 60 + ((i * 37) % 400));
    const ins = searchContext(p).exchangeIns;
    expect(new Set(ins).size).toBe(ins.length);
    const all = Array.from({ length: 400 }, (_, i) => i);
    expectEvenSpread(p, ins.slice(0, MAX_SPREAD), all.filter((i) => p.isAnchor[i] === 1));
    expectEvenSpread(p, ins.slice(MAX_SPREAD, 2 * MAX_SPREAD), all.filter((i) => p.isFiller[i] === 1));
    expectEvenSpread(p, ins.slice(2 * MAX_SPREAD), all.filter((i) => p.isAnchor[i] === 0 && p.isFiller[i] === 0));
  });

  it('takes every anchor and filler of a large pool that has few of them', () => {
    const p = problem(300, (i) => (i < 10 ? 'anchor' : i >= 295 ? 'filler' : 'timed'));
    const ins = searchContext(p).exchangeIns;
    expect(ins.slice(0, 10).sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => i));
    expect(ins.slice(10, 15).sort((a, b) => a - b)).toEqual([295, 296, 297, 298, 299]);
    expect(ins).toHaveLength(10 + 5 + MAX_SPREAD);
  });

  it('tries the fillers longest first (ties in pool order), an even spread of 32 when more', () => {
    const few = problem(40, (i) => (i % 8 === 3 ? 'filler' : 'timed'), (i) => (i < 20 ? 200 : 100 + i));
    expect(searchContext(few).fillers).toEqual([3, 11, 19, 35, 27]);
    const tied = problem(30, (i) => (i % 2 === 0 ? 'filler' : 'timed'), (i) => (i % 4 === 0 ? 200 : 180));
    expect(searchContext(tied).fillers).toEqual([0, 4, 8, 12, 16, 20, 24, 28, 2, 6, 10, 14, 18, 22, 26]);
    const many = problem(300, (i) => (i % 3 === 0 ? 'filler' : 'timed'), (i) => 60 + ((i * 53) % 300));
    expectEvenSpread(many, searchContext(many).fillers, Array.from({ length: 300 }, (_, i) => i).filter((i) => i % 3 === 0));
  });

  it('swaps anchors among those of unknown tempo by list, those of known tempo by their own tempo index', () => {
    const p = problem(90, (i) => (i % 9 === 0 ? 'untimed anchor' : i % 9 === 1 ? 'anchor' : i % 9 === 2 ? 'filler' : 'timed'));
    const ctx = searchContext(p);
    expect([...ctx.untimedAnchors].sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, k) => 9 * k));
    expect(new Set(ctx.anchorIndex.track)).toEqual(new Set(Array.from({ length: 10 }, (_, k) => 9 * k + 1)));
    expect(new Set(ctx.index.track)).toEqual(new Set(Array.from({ length: 90 }, (_, i) => i).filter((i) => i % 9 > 2)));
  });

  it('takes the median length as a typical track: exactly in a pool of up to 1,001, from an even sample in a larger one', () => {
    expect(searchContext(problem(5, undefined, (i) => [300, 60, 240, 120, 180][i]!)).typicalMs).toBe(180_000);
    expect(searchContext(problem(0)).typicalMs).toBe(240_000);
    // 5,000 lengths from 60 s up in 60 ms steps (median 210 s): in pool order, then shuffled.
    const rising = problem(5000, undefined, (i) => 60 + i * 0.06);
    const shuffled = problem(5000, undefined, (i) => 60 + ((i * 7919 + 1234) % 5000) * 0.06);
    for (const p of [rising, shuffled]) expect(Math.abs(searchContext(p).typicalMs - 210_000)).toBeLessThan(2_100);
  });

  it('starts with no work spent, allowed WORK_LIMIT spans', () => {
    expect(searchContext(problem(3)).work).toEqual({ spent: 0, limit: WORK_LIMIT });
  });
});
