import { describe, expect, it } from 'vitest';
import { rampCurve, steadyCurve } from '../domain/curves';
import { smallCase } from '../../tests/support/sequencer-pools';
import { constructOrder } from './construct';
import { improveOrder } from './local-search';
import { moveItem, reverseRange, swapItems } from './order-state';
import { toProblem, type Problem } from './problem';
import { compareScores, scoreOrder, shortfallSeconds, type Score } from './score';
import { searchOrder } from './search';
import { searchContext, WORK_LIMIT } from './search-context';

/** `a` strictly better than `b` (a cost nearer by float noise alone is not). */
function isBetter(a: Score, b: Score): boolean {
  if (compareScores(a, b) >= 0) return false;
  const sameRules = a.overMs === b.overMs && a.anchorsMissing === b.anchorsMissing && shortfallSeconds(a) === shortfallSeconds(b) && a.fillers === b.fillers && a.sameArtistPairs === b.sameArtistPairs;
  return !sameRules || a.cost < b.cost - 1e-9;
}

/** Every order one move away from `order`: one track moved, two swapped, a run reversed, one removed. */
function* neighbours(order: readonly number[]): Generator<[string, number[]]> {
  const n = order.length;
  for (let from = 0; from < n; from += 1)
    for (let to = 0; to < n; to += 1) {
      if (to === from) continue;
      const moved = [...order];
      moveItem(moved, from, to);
      yield [`move ${from}→${to}`, moved];
    }
  for (let a = 0; a < n; a += 1)
    for (let b = a + 1; b < n; b += 1) {
      const swapped = [...order];
      swapItems(swapped, a, b);
      yield [`swap ${a}↔${b}`, swapped];
      if (b >= a + 2) {
        const reversed = [...order];
        reverseRange(reversed, a, b);
        yield [`reverse ${a}..${b}`, reversed];
      }
    }
  for (let at = 0; at < n; at += 1) yield [`remove ${at}`, order.filter((_, k) => k !== at)];
}

/**
 * Every order one track away from `order` that the search of a small pool (every track a candidate)
 * must have tried: a track replaced by an unused one (an anchor by an anchor; a filler only when the
 * montage is short or in place of a filler), an unused track inserted anywhere (an anchor only when
 * some are missing, a filler only when short), and in a pool of up to 16 a replacement put elsewhere.
 */
function* exchanges(p: Problem, order: readonly number[]): Generator<[string, number[]]> {
  const score = scoreOrder(p, order);
  const unused = Array.from({ length: p.tracks.length }, (_, i) => i).filter((i) => !order.includes(i));
  const short = score.shortfallMs > 0;
  const replaces = (out: number, c: number) =>
    p.isAnchor[out] ? p.isAnchor[c] === 1 : p.isAnchor[c] === 0 && (!p.isFiller[c] || short || p.isFiller[out] === 1);
  const inserts = (c: number) => (p.isAnchor[c] ? score.anchorsMissing > 0 : !p.isFiller[c] || short);
  for (let at = 0; at < order.length; at += 1)
    for (const c of unused.filter((u) => replaces(order[at]!, u))) {
      yield [`replace ${at} by ${c}`, order.map((t, k) => (k === at ? c : t))];
      if (p.tracks.length > 16) continue;
      const without = order.filter((_, k) => k !== at);
      for (let to = 0; to <= without.length; to += 1) if (to !== at) yield [`replace ${at} by ${c} at ${to}`, [...without.slice(0, to), c, ...without.slice(to)]];
    }
  for (const c of unused.filter(inserts))
    for (let at = 0; at <= order.length; at += 1) yield [`insert ${c} at ${at}`, [...order.slice(0, at), c, ...order.slice(at)]];
}

function expectLocalOptimum(p: Problem, order: readonly number[], label: string): void {
  const score = scoreOrder(p, order);
  for (const [move, next] of [...neighbours(order), ...exchanges(p, order)]) expect(isBetter(scoreOrder(p, next), score), `${label}: ${move} improves it`).toBe(false);
}

describe('improveOrder: local search to a local optimum', () => {
  it('leaves no move, swap, reversal, removal, replacement or insertion that improves the montage, on 100 seeded pools', () => {
    for (let seed = 201; seed <= 300; seed += 1) {
      const { pool, workout } = smallCase(seed, { min: 4, max: 24 });
      const p = toProblem(pool, workout);
      const { order, score } = searchOrder(p, { rounds: 0 });
      expect(compareScores(scoreOrder(p, order), score), `seed ${seed}: the score it reports is its order's`).toBeCloseTo(0, 9);
      expectLocalOptimum(p, order, `seed ${seed}`);
    }
  });

  it('stops once its work is spent: with none allowed it leaves the order as built, with part of it somewhere short of the end', () => {
    let cutShort = 0;
    for (let seed = 301; seed <= 330; seed += 1) {
      const { pool, workout } = smallCase(seed, { min: 10, max: 24 });
      const p = toProblem(pool, workout);
      const { index, typicalMs } = searchContext(p);
      const built = constructOrder(p, index, typicalMs);
      const run = (limit: number) => {
        const ctx = searchContext(p);
        ctx.work.limit = limit;
        const order = built.slice();
        return { order, score: improveOrder(ctx, order), spent: ctx.work.spent };
      };
      const none = run(0);
      expect(none.order, `seed ${seed}`).toEqual(built);
      const full = run(Number.POSITIVE_INFINITY);
      const part = run(full.spent / 4);
      // The same moves in the same order, stopped earlier: never better than the whole run.
      expect(compareScores(part.score, full.score), `seed ${seed}`).toBeGreaterThanOrEqual(0);
      expect(part.spent, `seed ${seed}`).toBeGreaterThanOrEqual(full.spent / 4);
      if (compareScores(part.score, full.score) > 0) cutShort += 1;
    }
    expect(cutShort).toBeGreaterThan(10);
  });

  it('bounds a many-hour montage from a large pool by its work count: it spends the whole limit, and the montage still fills its window', () => {
    const pool = Array.from({ length: 1200 }, (_, i) => ({ id: `m${i}`, title: `M${i}`, artist: `A${i % 9}`, durationMs: 150_000 + ((i * 37) % 150) * 1000, bpm: 90 + ((i * 13) % 80) + (i % 10) / 10, isAnchor: false }));
    const p = toProblem(pool, { mode: 'circuit', lengthMs: 10 * 3_600_000, toleranceMs: 120_000, curve: rampCurve(100, 160) });
    const ctx = searchContext(p);
    const order = constructOrder(p, ctx.index, ctx.typicalMs);
    const score = improveOrder(ctx, order);
    expect(ctx.work.spent).toBeGreaterThanOrEqual(WORK_LIMIT);
    expect(score.shortfallMs).toBe(0);
    expect(score.overMs).toBe(0);
  });

  it('changes the set first where no single move reaches the window (one track out for two in), bringing in only unused tracks', () => {
    const track = (id: string, seconds: number, bpm: number) => ({ id, title: id, artist: id, durationMs: seconds * 1000, bpm, isAnchor: false });
    const pool = [track('long', 400, 150), track('a', 300, 150), track('b', 300, 150)];
    const p = toProblem(pool, { mode: 'circuit', lengthMs: 600_000, toleranceMs: 5_000, curve: steadyCurve(150) });
    const order = [0];
    const score = improveOrder(searchContext(p), order);
    expect([...order].sort()).toEqual([1, 2]);
    expect(score.shortfallMs).toBe(0);
    // From one of the two, the other comes in (not the one already there, a second time).
    const fromA = [1];
    improveOrder(searchContext(p), fromA);
    expect([...fromA].sort()).toEqual([1, 2]);
  });
});

