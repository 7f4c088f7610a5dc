import { describe, expect, it } from 'vitest';
import { smallCase } from '../../tests/support/sequencer-pools';
import { exactOptimum } from './exhaustive';
import { toProblem } from './problem';
import { compareScores, shortfallSeconds } from './score';
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
