import { describe, expect, it } from 'vitest';
import { smallCase } from '../../tests/support/sequencer-pools';
import { moveItem, reverseRange, swapItems } from './order-state';
import { toProblem, type Problem } from './problem';
import { compareScores, scoreOrder, shortfallSeconds, type Score } from './score';
import { searchOrder } from './search';

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

function expectLocalOptimum(p: Problem, order: readonly number[], label: string): void {
  const score = scoreOrder(p, order);
  for (const [move, next] of neighbours(order)) expect(isBetter(scoreOrder(p, next), score), `${label}: ${move} improves it`).toBe(false);
}

describe('improveOrder: local search to a local optimum', () => {
  it('leaves no move, swap, reversal or removal that improves the montage, on 100 seeded pools', () => {
    for (let seed = 201; seed <= 300; seed += 1) {
      const { pool, workout } = smallCase(seed, { min: 4, max: 24 });
      const p = toProblem(pool, workout);
      const { order, score } = searchOrder(p, { rounds: 0 });
      expect(compareScores(scoreOrder(p, order), score), `seed ${seed}: the score it reports is its order's`).toBeCloseTo(0, 9);
      expectLocalOptimum(p, order, `seed ${seed}`);
    }
  });

});
