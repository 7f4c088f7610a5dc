import { describe, expect, it } from 'vitest';
import { closeCase, smallCase } from '../../tests/support/sequencer-pools';
import { exactOptimum } from './exhaustive';
import { toProblem } from './problem';
import { compareScores, isSettled, shortfallSeconds } from './score';
import { searchOrder } from './search';

/** The rules before cost of a score: over, anchors missing, whole seconds short, fillers, same-artist pairs. */
const rules = (s: { overMs: number; anchorsMissing: number; shortfallMs: number; fillers: number; sameArtistPairs: number }) => [
  s.overMs,
  s.anchorsMissing,
  shortfallSeconds(s),
  s.fillers,
  s.sameArtistPairs,
];

describe('searchOrder: iterated local search', () => {
  it('matches the exact optimum on every rule before cost, on 60 seeded small pools', () => {
    for (let seed = 1; seed <= 60; seed += 1) {
      const { pool, workout } = smallCase(seed);
      const { score } = searchOrder(toProblem(pool, workout));
      expect(rules(score), `seed ${seed}`).toEqual(rules(exactOptimum(pool, workout).score));
    }
  });

  it('places no track twice and nothing unplaceable; the same problem and seed give the same order', () => {
    for (let seed = 61; seed <= 80; seed += 1) {
      const { pool, workout } = smallCase(seed, { min: 8, max: 14 });
      const p = toProblem(pool, workout);
      const { order, score } = searchOrder(p, { seed: 7 });
      expect(new Set(order).size).toBe(order.length);
      expect(order.every((i) => i >= 0 && i < p.tracks.length)).toBe(true);
      expect(score.totalMs).toBe(order.reduce((sum, i) => sum + p.durationMs[i]!, 0));
      expect(searchOrder(toProblem(pool, workout), { seed: 7 }).order).toEqual(order);
    }
  });

  it('kicks and searches again for the rounds asked: never worse than the first local optimum, and better in some pools', () => {
    let better = 0;
    for (let seed = 81; seed <= 100; seed += 1) {
      const { pool, workout } = smallCase(seed, { min: 12, max: 20 });
      const p = toProblem(pool, workout);
      const first = searchOrder(p, { rounds: 0 }).score;
      const kicked = searchOrder(p, { rounds: 40 }).score;
      expect(compareScores(kicked, first), `seed ${seed}`).toBeLessThanOrEqual(0);
      if (compareScores(kicked, first) < 0) better += 1;
    }
    expect(better).toBeGreaterThan(0);
  });
});

/** A pool of exactly `size` placeable tracks cut from `smallCase(seed)`'s kind of pool, or none when it has fewer. */
function poolOf(seed: number, size: number) {
  const { pool, workout } = smallCase(seed, { min: size + 20, max: size + 20 });
  const placeable = pool.filter((t) => t.durationMs! >= 1000).slice(0, size);
  return placeable.length === size ? toProblem(placeable, workout) : undefined;
}

describe('searchOrder: anchors that cannot all fit', () => {
  it('starts from every set of anchors that fits: with no kicks at all, as many anchors, as short and as few fillers as the exact optimum', () => {
    let cases = 0;
    for (let seed = 1; seed <= 3000; seed += 1) {
      const { pool, workout } = smallCase(seed, { min: 4, max: 10 });
      const p = toProblem(pool, workout);
      if (p.anchorCapacity >= p.anchors.length || p.anchorCapacity === 0) continue;
      cases += 1;
      const [, anchorsMissing, short, fillers] = rules(searchOrder(p, { rounds: 0 }).score);
      const exact = rules(exactOptimum(pool, workout).score);
      expect([anchorsMissing, short, fillers], `seed ${seed}`).toEqual([exact[1], exact[2], exact[3]]);
    }
    expect(cases).toBeGreaterThan(100);
  });
});

describe('searchOrder: rounds of kicks by pool size', () => {
  it('kicks 12 rounds in a pool of more than 64 tracks unless asked for another count, and more in a pool of 64', () => {
    let largeDiffers = 0;
    let smallDiffers = 0;
    for (let seed = 4; seed <= 11; seed += 1) {
      const large = poolOf(seed, 65);
      if (large) {
        const { order } = searchOrder(large);
        expect(order, `seed ${seed}, 65 tracks`).toEqual(searchOrder(large, { rounds: 12 }).order);
        if (JSON.stringify(order) !== JSON.stringify(searchOrder(large, { rounds: 150 }).order)) largeDiffers += 1;
      }
      const small = poolOf(seed, 64);
      if (small) {
        const kicked = searchOrder(small);
        const twelve = searchOrder(small, { rounds: 12 });
        expect(compareScores(kicked.score, twelve.score), `seed ${seed}, 64 tracks`).toBeLessThanOrEqual(0);
        if (JSON.stringify(kicked.order) !== JSON.stringify(twelve.order)) smallDiffers += 1;
      }
    }
    expect(largeDiffers).toBeGreaterThan(0);
    expect(smallDiffers).toBeGreaterThan(0);
  }, 60_000);

  it('in a large pool, kicks better the first local optimum in some pools and never worsen it; other seeds kick elsewhere', () => {
    let better = 0;
    let otherOrders = 0;
    for (let seed = 1; seed <= 12; seed += 1) {
      const { pool, workout } = smallCase(seed, { min: 70, max: 120 });
      const p = toProblem(pool, workout);
      const first = searchOrder(p, { rounds: 0 }).score;
      const kicked = searchOrder(p);
      expect(compareScores(kicked.score, first), `seed ${seed}`).toBeLessThanOrEqual(0);
      if (compareScores(kicked.score, first) < 0) better += 1;
      if (JSON.stringify(searchOrder(p, { seed: 3 }).order) !== JSON.stringify(kicked.order)) otherOrders += 1;
    }
    expect(better).toBeGreaterThan(0);
    expect(otherOrders).toBeGreaterThan(0);
  }, 60_000);

  it('in a large pool, stops kicking once the montage is settled: a settled first local optimum is the answer for every seed', () => {
    let settled = 0;
    for (let seed = 1; seed <= 20; seed += 1) {
      const { pool, workout } = closeCase(seed);
      const p = toProblem(pool, workout);
      const first = searchOrder(p, { rounds: 0 });
      if (!isSettled(first.score)) continue;
      settled += 1;
      for (const kickSeed of [1, 5, 9]) expect(searchOrder(p, { seed: kickSeed }).order, `seed ${seed}, kicks seeded ${kickSeed}`).toEqual(first.order);
    }
    expect(settled).toBeGreaterThanOrEqual(10);
  });
});

