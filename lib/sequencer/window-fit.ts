import type { Problem } from './problem';
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
 * fewer fillers) when an exchange of up to `MAX_SIDE`
 * non-anchor tracks out for up to `MAX_SIDE` of `ins` in can (fewer when those are many: the
 * sets on each side are capped by count, `IN_SETS` and `OUT_SETS`): a subset-sum meet in the
 * middle, the out-sets sorted by length and each in-set looking up the range of out-lengths that
 * lands it in the window. At zero tolerance the window is one millisecond wide, and the one-for-one
 * and two-for-two exchanges of the set move (exchange.ts) rarely hit it; here a planted length is
 * found whenever it is a few tracks away.
 *
 * Of the exchanges that land, the fewest fillers win, then the best full score (`compareScores`)
 * among the first `SCORED_HITS`; the in-tracks take the place of the first out, else the end. A fit
 * is always better on the rules before cost (anchors kept; no shortfall, or as none and fewer fillers). Changes `order` and `used`; returns whether it did. Counts its work in `work`.
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
  const outs: number[] = [];
  order.forEach((i, k) => {
    if (!p.isAnchor[i]) outs.push(k);
  });
  const inTracks = ins.filter((i) => !used[i] && !p.isAnchor[i]);
  const inSets = enumerateSets(inTracks.length, sideSize(inTracks.length, IN_SETS));
  const outSets = enumerateSets(outs.length, sideSize(outs.length, OUT_SETS));
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
  // The out-sets are few: sorted by length, each in-set looks up the out-lengths that land it in the window.
  const byLength = sortByLength(outSums.ms);
  const sortedMs = Float64Array.from(byLength, (o) => outSums.ms[o]!);

  const hits: { out: number; in: number }[] = [];
  // In the window already, only fewer fillers is better.
  let fewestFillers = isInWindow ? fillers : Infinity;
  for (let s = 0; s < inSets.count; s += 1) {
    // totalMs − out + in ∈ [minMs, maxMs]  ⇔  out ∈ [totalMs + in − maxMs, totalMs + in − minMs]
    const lowMs = totalMs + inSums.ms[s]! - p.maxMs;
    const highMs = totalMs + inSums.ms[s]! - p.minMs;
    for (let e = lowerBound(sortedMs, lowMs); e < sortedMs.length && sortedMs[e]! <= highMs; e += 1) {
      const o = byLength[e]!;
      if (o === 0 && s === 0) continue;
      const hitFillers = fillers - outSums.fillerCount[o]! + inSums.fillerCount[s]!;
      if (hitFillers < fewestFillers) {
        fewestFillers = hitFillers;
        hits.length = 0;
      }
      if (hitFillers === fewestFillers && (hitFillers < fillers || !isInWindow) && hits.length < SCORED_HITS) hits.push({ out: o, in: s });
    }
  }
  if (hits.length === 0) return false;

  let best: number[] | null = null;
  let bestScore: Score = emptyScore();
  const score = emptyScore();
  for (const hit of hits) {
    const positions = members(outSets, hit.out).map((m) => outs[m]!);
    const added = members(inSets, hit.in).map((m) => inTracks[m]!);
    const trial = order.filter((_, k) => !positions.includes(k));
    const at = positions.length > 0 ? Math.min(...positions) : trial.length;
    trial.splice(Math.min(at, trial.length), 0, ...added);
    work.spent += trial.length;
    scoreOrder(p, trial, trial.length, score);
    if (best === null || compareScores(score, bestScore) < 0) {
      best = trial;
      bestScore = { ...score };
    }
  }
  for (const i of order) used[i] = 0;
  order.length = 0;
  order.push(...best!);
  for (const i of order) used[i] = 1;
  return true;
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

/** Largest k ≤ `MAX_SIDE` (and ≤ n) whose subsets of up to k of n members number at most `limit`. */
function sideSize(n: number, limit: number): number {
  let k = 0;
  while (k < Math.min(n, MAX_SIDE) && setsUpTo(n, k + 1) <= limit) k += 1;
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
