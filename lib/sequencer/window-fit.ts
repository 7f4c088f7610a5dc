import type { Problem } from './problem';
import type { Random } from './random';
import { compareScores, emptyScore, scoreOrder, type Score } from './score';

/** Most sets of in-tracks enumerated for one fit (all of up to k tracks, k as large as this allows). */
const IN_SETS = 60_000;
/** Most sets of out-positions enumerated for one fit. */
const OUT_SETS = 2_000;
/** Most tracks on one side of an exchange. */
const MAX_SIDE = 6;
/** Exchanges that land in the window scored in full, in a fixed order; the best is kept. */
const SCORED_HITS = 64;

/**
 * Puts the montage's length into the window `minMs..maxMs` (or, when it is there already, with
 * fewer fillers) when an exchange of up to `MAX_SIDE` non-anchor tracks out for up to `MAX_SIDE`
 * of `ins` in can (fewer when those are many: the sets on each side are capped by count,
 * `IN_SETS` and `OUT_SETS`): a subset-sum meet in the middle (see `forEachLanding`). At zero
 * tolerance the window is one millisecond wide, and the one-for-one and two-for-two exchanges of
 * the set move (exchange.ts) rarely hit it; here a planted length is found whenever it is a few tracks away.
 *
 * Of the exchanges that land, the fewest fillers win, then the best full score (`compareScores`)
 * among the first `SCORED_HITS`. A fit is always better on the rules before cost (anchors kept; no
 * shortfall, or as none and fewer fillers). Changes `order` and `used`; returns whether it did.
 * Counts its work in `work`.
 */
export function fitWindow(p: Problem, order: number[], used: Uint8Array, ins: readonly number[], work: { spent: number }): boolean {
  let totalMs = 0;
  let fillers = 0;
  for (const i of order) {
    totalMs += p.durationMs[i]!;
    fillers += p.isFiller[i]!;
  }
  const isInWindow = totalMs >= p.minMs && totalMs <= p.maxMs;
  if (isInWindow && fillers === 0) return false;
  const hits: Exchange[] = [];
  // In the window already, only fewer fillers is better.
  let fewestFillers = isInWindow ? fillers : Infinity;
  forEachLanding(p, order, used, ins, { inSets: IN_SETS, outSets: OUT_SETS, side: MAX_SIDE }, work, (exchange, fillersAfter) => {
    if (fillersAfter < fewestFillers) {
      fewestFillers = fillersAfter;
      hits.length = 0;
    }
    if (fillersAfter === fewestFillers && (fillersAfter < fillers || !isInWindow) && hits.length < SCORED_HITS) hits.push(exchange());
    return false;
  });
  const best = bestExchange(p, order, hits, work);
  if (best === null) return false;
  apply(order, used, best.order);
  return true;
}

/** Most tracks on one side of a cost exchange, and the sets enumerated on each side. */
const COST_SIDE = 2;
const COST_IN_SETS = 5_000;
const COST_OUT_SETS = 300;
/** Exchanges that keep the window scored in full for one cost exchange. */
const COST_HITS = 256;

/**
 * A move for a narrow window, where a one-for-one replacement rarely keeps the length in it: the
 * exchange of up to two tracks out for up to two of `ins` in that keeps the length in the window and
 * adds no filler, and lowers the score most (each in-track taking an out-track's place, in order; of
 * the first `COST_HITS` found). Applied only when better than `current`. Changes `order` and `used`.
 */
export function exchangeWithinWindow(p: Problem, order: number[], used: Uint8Array, ins: readonly number[], current: Score, work: { spent: number }): boolean {
  if (current.totalMs < p.minMs || current.totalMs > p.maxMs) return false;
  const hits: Exchange[] = [];
  forEachLanding(p, order, used, ins, { inSets: COST_IN_SETS, outSets: COST_OUT_SETS, side: COST_SIDE }, work, (exchange, fillersAfter) => {
    if (fillersAfter <= current.fillers) hits.push(exchange());
    return hits.length >= COST_HITS;
  });
  const best = bestExchange(p, order, hits, work);
  if (best === null || compareScores(best.score, current) >= 0) return false;
  apply(order, used, best.order);
  return true;
}

/** Most tracks on one side of a kick's exchange, the sets enumerated on each side and the landings drawn from. */
const KICK_SIDE = 3;
const KICK_IN_SETS = 20_000;
const KICK_OUT_SETS = 1_000;
const KICK_HITS = 512;

/**
 * A kick for a narrow window: one exchange drawn at random (seeded) among the first `KICK_HITS` of
 * up to three tracks out for up to three of `ins` in that keep the length in the window without
 * adding a filler. Where a single insert, remove or replace leaves the window, such a kick moves to
 * another set of tracks that the window allows, which the local search then orders. Changes `order`;
 * returns whether it did.
 */
export function kickWithinWindow(p: Problem, order: number[], ins: readonly number[], random: Random, work: { spent: number }): boolean {
  let totalMs = 0;
  let fillers = 0;
  for (const i of order) {
    totalMs += p.durationMs[i]!;
    fillers += p.isFiller[i]!;
  }
  if (totalMs < p.minMs || totalMs > p.maxMs) return false;
  const used = new Uint8Array(p.tracks.length);
  for (const i of order) used[i] = 1;
  const hits: Exchange[] = [];
  forEachLanding(p, order, used, ins, { inSets: KICK_IN_SETS, outSets: KICK_OUT_SETS, side: KICK_SIDE }, work, (exchange, fillersAfter) => {
    if (fillersAfter <= fillers) hits.push(exchange());
    return hits.length >= KICK_HITS;
  });
  if (hits.length === 0) return false;
  const next = exchanged(order, hits[random.below(hits.length)]!);
  order.length = 0;
  order.push(...next);
  return true;
}

/** Positions of `order` taken out and tracks put in. */
interface Exchange {
  positions: number[];
  added: number[];
}

/**
 * Calls `visit` with each exchange of up to `limits.side` non-anchor positions of `order` out and up
 * to `limits.side` unused non-anchor tracks of `ins` in (as many as the set counts allow) that lands
 * the length in `minMs..maxMs`, and the fillers it leaves; stops when `visit` returns true. A meet in
 * the middle: the out-sets are few, sorted by length; each in-set looks up the out-lengths that land
 * it in the window. In a fixed order: in-sets by size, then lexicographically.
 */
function forEachLanding(
  p: Problem,
  order: readonly number[],
  used: Uint8Array,
  ins: readonly number[],
  limits: { inSets: number; outSets: number; side: number },
  work: { spent: number },
  visit: (exchange: () => Exchange, fillersAfter: number) => boolean,
): void {
  let totalMs = 0;
  let fillers = 0;
  for (const i of order) {
    totalMs += p.durationMs[i]!;
    fillers += p.isFiller[i]!;
  }
  const outs: number[] = [];
  order.forEach((i, k) => {
    if (!p.isAnchor[i]) outs.push(k);
  });
  const inTracks = ins.filter((i) => !used[i] && !p.isAnchor[i]);
  const inSets = enumerateSets(inTracks.length, sideSize(inTracks.length, limits.inSets, limits.side));
  const outSets = enumerateSets(outs.length, sideSize(outs.length, limits.outSets, limits.side));
  work.spent += inSets.count + outSets.count;
  const sumsOf = (sets: Sets, trackOf: (m: number) => number) => {
    const ms = new Float64Array(sets.count);
    const fillerCount = new Int32Array(sets.count);
    for (let s = 0; s < sets.count; s += 1) {
      for (let j = 0; j < sets.width; j += 1) {
        const m = sets.members[s * sets.width + j]!;
        if (m < 0) break;
        ms[s] = ms[s]! + p.durationMs[trackOf(m)]!;
        fillerCount[s] = fillerCount[s]! + p.isFiller[trackOf(m)]!;
      }
    }
    return { ms, fillerCount };
  };
  const inSums = sumsOf(inSets, (m) => inTracks[m]!);
  const outSums = sumsOf(outSets, (m) => order[outs[m]!]!);
  const byLength = sortByLength(outSums.ms);
  const sortedMs = Float64Array.from(byLength, (o) => outSums.ms[o]!);
  for (let s = 0; s < inSets.count; s += 1) {
    // totalMs − out + in ∈ [minMs, maxMs]  ⇔  out ∈ [totalMs + in − maxMs, totalMs + in − minMs]
    const lowMs = totalMs + inSums.ms[s]! - p.maxMs;
    const highMs = totalMs + inSums.ms[s]! - p.minMs;
    for (let e = lowerBound(sortedMs, lowMs); e < sortedMs.length && sortedMs[e]! <= highMs; e += 1) {
      const o = byLength[e]!;
      if (o === 0 && s === 0) continue;
      const exchange = () => ({ positions: members(outSets, o).map((m) => outs[m]!), added: members(inSets, s).map((m) => inTracks[m]!) });
      if (visit(exchange, fillers - outSums.fillerCount[o]! + inSums.fillerCount[s]!)) return;
    }
  }
}

/** `order` after `exchange`: each added track in the place of an out (in order), the extra ones after the last of those, else at the end. */
function exchanged(order: readonly number[], exchange: Exchange): number[] {
  const positions = [...exchange.positions].sort((a, b) => a - b);
  const trial = [...order];
  const placed = Math.min(positions.length, exchange.added.length);
  for (let j = 0; j < placed; j += 1) trial[positions[j]!] = exchange.added[j]!;
  const rest = exchange.added.slice(placed);
  const at = placed > 0 ? positions[placed - 1]! + 1 : trial.length;
  trial.splice(at, 0, ...rest);
  // Positions past `at` moved by the insertion; none is removed below unless no track was added after them.
  const removed = positions.slice(placed).map((k) => (k >= at ? k + rest.length : k));
  return trial.filter((_, k) => !removed.includes(k));
}

/** The best of `hits` by full score, or null when there are none. */
function bestExchange(p: Problem, order: readonly number[], hits: readonly Exchange[], work: { spent: number }): { order: number[]; score: Score } | null {
  let best: { order: number[]; score: Score } | null = null;
  const score = emptyScore();
  for (const hit of hits) {
    const trial = exchanged(order, hit);
    work.spent += trial.length;
    scoreOrder(p, trial, trial.length, score);
    if (best === null || compareScores(score, best.score) < 0) best = { order: trial, score: { ...score } };
  }
  return best;
}

function apply(order: number[], used: Uint8Array, next: readonly number[]): void {
  for (const i of order) used[i] = 0;
  order.length = 0;
  order.push(...next);
  for (const i of order) used[i] = 1;
}

interface Sets {
  count: number;
  /** Members of each set, `width` slots a set, -1 after the last. */
  members: Int32Array;
  width: number;
}

/** Every subset of 0..n-1 of at most `k` members, by size then lexicographically (the empty set first). */
function enumerateSets(n: number, k: number): Sets {
  const count = setsUpTo(n, k);
  const width = Math.max(1, k);
  const members = new Int32Array(count * width).fill(-1);
  let s = 1;
  const chosen: number[] = [];
  for (let size = 1; size <= k; size += 1) {
    const visit = (from: number) => {
      if (chosen.length === size) {
        chosen.forEach((m, j) => (members[s * width + j] = m));
        s += 1;
        return;
      }
      for (let m = from; m <= n - (size - chosen.length); m += 1) {
        chosen.push(m);
        visit(m + 1);
        chosen.pop();
      }
    };
    visit(0);
  }
  return { count, members, width };
}

function members(sets: Sets, s: number): number[] {
  const out: number[] = [];
  for (let j = 0; j < sets.width; j += 1) {
    const m = sets.members[s * sets.width + j]!;
    if (m < 0) break;
    out.push(m);
  }
  return out;
}

/** Largest k ≤ `side` (and ≤ n) whose subsets of up to k of n members number at most `limit`. */
function sideSize(n: number, limit: number, side: number): number {
  let k = 0;
  while (k < Math.min(n, side) && setsUpTo(n, k + 1) <= limit) k += 1;
  return k;
}

/** Σ_{j ≤ k} C(n, j). */
function setsUpTo(n: number, k: number): number {
  let sum = 1;
  let term = 1;
  for (let j = 1; j <= k; j += 1) {
    term = (term * (n - j + 1)) / j;
    sum += term;
  }
  return Math.round(sum);
}

const PACK = 2 ** 18;

/** Indices of `lengthsMs` by length (ties by index): a native numeric sort of length × 2^18 + index when the lengths are whole ms. */
function sortByLength(lengthsMs: Float64Array): Int32Array {
  const n = lengthsMs.length;
  if (n < PACK && lengthsMs.every((ms) => Number.isInteger(ms) && ms * PACK < Number.MAX_SAFE_INTEGER)) {
    const packed = Float64Array.from(lengthsMs, (ms, s) => ms * PACK + s).sort();
    return Int32Array.from(packed, (key) => key % PACK);
  }
  return Int32Array.from(Array.from({ length: n }, (_, s) => s).sort((a, b) => lengthsMs[a]! - lengthsMs[b]! || a - b));
}

function lowerBound(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
