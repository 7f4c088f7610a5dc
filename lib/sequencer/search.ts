import { anchorSets } from './anchor-sets';
import { constructOrder } from './construct';
import { kick } from './kick';
import { improveOrder } from './local-search';
import type { Problem } from './problem';
import { DEFAULT_SEED, seededRandom } from './random';
import { compareScores, isSettled, type Score } from './score';
import { isSmallPool, searchContext } from './search-context';
import { kickWithinWindow } from './window-fit';

export interface SearchOptions {
  /** Seed of the perturbations; the same problem and seed give the same order. */
  seed?: number;
  /** Rounds of perturb-and-improve after the first local optimum (default: by problem size). */
  rounds?: number;
}

/** Rounds of kicks after the first local optimum: many in a small pool, where a round is cheap. */
const SMALL_POOL_ROUNDS = 150;
const ROUNDS = 12;
/** A window narrower than a typical track over this is narrow: most single replacements leave it. */
const NARROW_SHARE = 4;

/**
 * Iterated local search: a greedy first order (one per set of anchors when they cannot all fit and
 * the sets are few, see `anchorSets`), improved to a local optimum, then `rounds` times
 * a small seeded random kick of the best order and another local search, keeping the best.
 * The work is counted in rounds, never in time, so the answer does not depend on the machine;
 * in a large pool the rounds stop early once the order is settled (see `SETTLED_COST` in score.ts).
 */
export function searchOrder(p: Problem, options: SearchOptions = {}): { order: number[]; score: Score } {
  const ctx = searchContext(p);
  const isSmall = isSmallPool(p);
  let best = constructOrder(p, ctx.index, ctx.typicalMs);
  let bestScore = improveOrder(ctx, best);
  for (const anchors of anchorSets(p)) {
    const start = constructOrder(p, ctx.index, ctx.typicalMs, anchors);
    const score = improveOrder(ctx, start);
    if (compareScores(score, bestScore) < 0) {
      best = start;
      bestScore = score;
    }
  }
  const rounds = options.rounds ?? (isSmall ? SMALL_POOL_ROUNDS : ROUNDS);
  const random = seededRandom(options.seed ?? DEFAULT_SEED);
  for (let round = 0; round < rounds; round += 1) {
    if ((!isSmall && isSettled(bestScore)) || ctx.work.spent >= ctx.work.limit) break;
    const trial = best.slice();
    // In a narrow window every other round changes the set by an exchange that keeps the length (see `kickWithinWindow`).
    const isNarrow = ctx.exchangeInWindow && p.maxMs - p.minMs < ctx.typicalMs / NARROW_SHARE;
    if (!(isNarrow && round % 3 === 2 && kickWithinWindow(p, trial, ctx.exchangeIns, random, ctx.work))) {
      kick(ctx, trial, random, bestScore.shortfallMs > 0 || bestScore.fillers > 0);
    }
    const score = improveOrder(ctx, trial);
    if (compareScores(score, bestScore) < 0) {
      best = trial;
      bestScore = score;
    }
  }
  return { order: best, score: bestScore };
}
