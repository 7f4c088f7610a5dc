import { anchorSets } from './anchor-sets';
import { constructOrder } from './construct';
import { improveOrder, type SearchContext } from './local-search';
import { moveItem, swapItems } from './order-state';
import type { Problem } from './problem';
import { DEFAULT_SEED, seededRandom, type Random } from './random';
import { compareScores, isSettled, type Score } from './score';
import { isSmallPool, searchContext } from './search-context';
import { nearestTracks } from './tempo-index';

export interface SearchOptions {
  /** Seed of the perturbations; the same problem and seed give the same order. */
  seed?: number;
  /** Rounds of perturb-and-improve after the first local optimum (default: by problem size). */
  rounds?: number;
}

/** Rounds of kicks after the first local optimum: many in a small pool, where a round is cheap. */
const SMALL_POOL_ROUNDS = 150;
const ROUNDS = 12;

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
    kick(ctx, trial, random, bestScore.shortfallMs > 0 || bestScore.fillers > 0);
    const score = improveOrder(ctx, trial);
    if (compareScores(score, bestScore) < 0) {
      best = trial;
      bestScore = score;
    }
  }
  return { order: best, score: bestScore };
}

/**
 * Two to four random moves: swap two tracks, move one, replace a track by an unused one (an
 * anchor by an anchor), insert an unused track, or drop a non-anchor. Unused tracks come from
 * near the curve's tempo at that point (any unused track in a small pool). The local search then
 * repairs the length.
 */
function kick(ctx: SearchContext, order: number[], random: Random, withFillers: boolean): void {
  const { p } = ctx;
  const moves = 2 + random.below(3);
  const candidates: number[] = [];
  const isSmall = isSmallPool(p);
  /** An unused track for position `at`: any one in a small pool (fillers and anchors included), else one of the tempo-nearest or a filler. */
  const unused = (at: number, lengthMs: number): number | undefined => {
    if (isSmall) {
      candidates.length = 0;
      for (let i = 0; i < p.tracks.length; i += 1) if (!order.includes(i)) candidates.push(i);
      return candidates[random.below(Math.max(1, candidates.length))];
    }
    let startMs = 0;
    let totalMs = 0;
    order.forEach((t, k) => {
      if (k < at) startMs += p.durationMs[t]!;
      totalMs += p.durationMs[t]!;
    });
    const total = Math.max(1, totalMs);
    const target = p.curve.between(startMs / total, (startMs + lengthMs) / total);
    nearestTracks(ctx.index, target, ctx.candidateCount * 2, (i) => order.includes(i), candidates);
    if (withFillers) for (const f of ctx.fillers) if (!order.includes(f)) candidates.push(f);
    return candidates[random.below(Math.max(1, candidates.length))];
  };
  for (let m = 0; m < moves; m += 1) {
    const a = random.below(Math.max(1, order.length));
    const b = random.below(Math.max(1, order.length));
    const kind = random.below(5);
    const track = order[a];
    if (kind === 0 && order.length > 1) swapItems(order, a, b);
    else if (kind === 1 && order.length > 1) moveItem(order, a, b);
    else if (kind === 2 && track !== undefined && p.isAnchor[track]) {
      // Another anchor in its place: the only way to change which anchors play when not all fit.
      const spare = p.anchors.filter((x) => !order.includes(x));
      if (spare.length > 0) order[a] = spare[random.below(spare.length)]!;
    } else if (kind === 2 && track !== undefined) {
      const c = unused(a, p.durationMs[track]!);
      if (c !== undefined) order[a] = c;
    } else if (kind === 3) {
      const c = unused(a, ctx.typicalMs);
      if (c !== undefined) order.splice(a, 0, c);
    } else if (kind === 4 && track !== undefined && !p.isAnchor[track]) order.splice(a, 1);
  }
}
