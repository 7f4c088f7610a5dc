import { anchorSets } from './anchor-sets';
import { constructOrder } from './construct';
import { improveOrder, type SearchContext } from './local-search';
import { moveItem, swapItems } from './order-state';
import type { Problem } from './problem';
import { DEFAULT_SEED, seededRandom, type Random } from './random';
import { compareScores, type Score } from './score';
import { buildTempoIndex, nearestTracks } from './tempo-index';

export interface SearchOptions {
  /** Seed of the perturbations; the same problem and seed give the same order. */
  seed?: number;
  /** Rounds of perturb-and-improve after the first local optimum (default: by problem size). */
  rounds?: number;
}

/**
 * A cost under which more rounds are not worth their time in a large pool: a root-mean-square
 * tempo error of 0.1 BPM (or steps/min), finer than any tempo estimate the pool comes with.
 */
export const SETTLED_COST = 0.01;

/** Pools of at most this many placeable tracks let every move try every unused track. */
const SMALL_POOL = 64;
const SMALL_POOL_ROUNDS = 150;
/** Pools of at most this many placeable tracks also try exchanges at every position. */
const TINY_POOL = 16;
const ROUNDS = 12;
const CANDIDATES = 10;
const MAX_UNTIMED_TRIED = 32;
/** Pools of at most this many placeable tracks let the set exchange try every track. */
const EXCHANGE_ALL = 256;
/**
 * Most work one search may do, in track spans scored (a span is one track's error on the curve,
 * tens of nanoseconds). Small and hour-long montages stay far under it; a many-hour montage stops
 * improving when it is reached, so run time is bounded by the tracks placed, whatever the length
 * asked for. Counted, never timed: the answer does not depend on the machine.
 */
export const WORK_LIMIT = 8_000_000;

/**
 * Iterated local search: a greedy first order (one per set of anchors when they cannot all fit and
 * the sets are few, see `anchorSets`), improved to a local optimum, then `rounds` times
 * a small seeded random kick of the best order and another local search, keeping the best.
 * The work is counted in rounds, never in time, so the answer does not depend on the machine;
 * in a large pool the rounds stop early once the order is settled (see `SETTLED_COST`).
 */
export function searchOrder(p: Problem, options: SearchOptions = {}): { order: number[]; score: Score } {
  const index = buildTempoIndex(p);
  const isSmall = p.tracks.length <= SMALL_POOL;
  const ctx: SearchContext = {
    p,
    index,
    candidateCount: isSmall ? p.tracks.length : CANDIDATES,
    typicalMs: medianLength(p),
    fillers: evenSpreadLongestFirst(p, (i) => p.isFiller[i] === 1),
    anchorIndex: buildTempoIndex(p, true),
    untimedAnchors: evenSpreadLongestFirst(p, (i) => p.isAnchor[i] === 1 && p.bpm[i] !== p.bpm[i]),
    exchangeAnywhere: p.tracks.length <= TINY_POOL,
    work: { spent: 0, limit: WORK_LIMIT },
    exchangeIns: p.tracks.length <= EXCHANGE_ALL ? Array.from({ length: p.tracks.length }, (_, i) => i) : exchangeCandidates(p),
  };
  let best = constructOrder(p, index, ctx.typicalMs);
  let bestScore = improveOrder(ctx, best);
  for (const anchors of anchorSets(p)) {
    const start = constructOrder(p, index, ctx.typicalMs, anchors);
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

/** Every rule before cost met, and the cost under `SETTLED_COST`. */
function isSettled(score: Score): boolean {
  return (
    score.overMs === 0 &&
    score.anchorsMissing === 0 &&
    score.shortfallMs === 0 &&
    score.fillers === 0 &&
    score.sameArtistPairs === 0 &&
    score.cost <= SETTLED_COST
  );
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
  const isSmall = p.tracks.length <= SMALL_POOL;
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

/**
 * What the set exchange may bring in from a large pool: an even spread of lengths over the fillers,
 * the anchors and the other tracks of known tempo (`MAX_UNTIMED_TRIED` of each), so that any
 * length the window needs is within reach, not only the tempo-nearest.
 */
function exchangeCandidates(p: Problem): number[] {
  return [
    ...evenSpreadLongestFirst(p, (i) => p.isAnchor[i] === 1),
    ...evenSpreadLongestFirst(p, (i) => p.isFiller[i] === 1),
    ...evenSpreadLongestFirst(p, (i) => p.isAnchor[i] === 0 && p.isFiller[i] === 0),
  ];
}

/** Median track length, from an even sample of at most 1,001 tracks. */
function medianLength(p: Problem): number {
  const n = p.durationMs.length;
  const step = Math.max(1, Math.floor(n / 1001));
  const sample = new Float64Array(Math.ceil(n / step));
  for (let k = 0; k * step < n; k += 1) sample[k] = p.durationMs[k * step]!;
  sample.sort();
  return sample[Math.floor(sample.length / 2)] ?? 240_000;
}

/** The tracks `isMember` accepts, longest first; when many, an even spread of lengths, longest and shortest included. */
function evenSpreadLongestFirst(p: Problem, isMember: (i: number) => boolean): number[] {
  const members: number[] = [];
  for (let i = 0; i < p.tracks.length; i += 1) if (isMember(i)) members.push(i);
  members.sort((a, b) => p.durationMs[b]! - p.durationMs[a]! || a - b);
  if (members.length <= MAX_UNTIMED_TRIED) return members;
  const step = (members.length - 1) / (MAX_UNTIMED_TRIED - 1);
  return Array.from({ length: MAX_UNTIMED_TRIED }, (_, k) => members[Math.round(k * step)]!);
}
