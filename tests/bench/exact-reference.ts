import type { Problem } from '../../lib/sequencer/problem';
import { compareScores, emptyScore, scoreOrder, shortfallSeconds, type Score } from '../../lib/sequencer/score';

/** Most tracks one set may hold for its orders to be solved by the subset DP (2^k × k² steps). */
const MAX_SET_TRACKS = 16;
/** Most DP cells (2^k × k, summed over the sets solved) one instance may spend before it gives up proving. */
const MAX_DP_CELLS = 400_000_000;
/** Grid of the per-track lower bound: positions along the curve and widths of the span. */
const POSITION_STEPS = 2000;
const WIDTH_STEPS = 8;

export interface ExactReference {
  order: number[];
  score: Score;
  /** Whether every set that could beat the answer was solved (else the answer is only the best found). */
  proven: boolean;
  /** Sets with the best rules before cost whose orders were solved exactly. */
  setsSolved: number;
}

/**
 * The exact optimum of `p` by the sequencer's own ranking (`compareScores`, score.ts: one definition
 * of the rule order), for pools of up to about 30 tracks whose montages hold up to `MAX_SET_TRACKS`:
 *
 * 1. Which tracks play decides every rule before pairs and cost (over, anchors, whole seconds
 *    short, fillers). A depth-first search over include/exclude finds the best of those rules over
 *    every subset within `maxMs`, pruning a branch whose most hopeful completion (every remaining
 *    anchor and every remaining millisecond in) is already worse.
 * 2. Every set with those best rules is then ordered exactly by dynamic programming over its
 *    subsets (state: tracks placed so far, last track; the start of the next track is the sum of
 *    those placed, so the state decides the rest), ranking (same-artist pairs, cost). A set, or a
 *    partial set in the search, is skipped when a proven lower bound on its cost (each track at the
 *    best tempo the curve could give it anywhere, at any total in the window) cannot beat the best
 *    answer so far; `incumbent` (a heuristic's order, e.g. a long search) seeds that answer.
 *
 * Exponential in the worst case; `proven` says whether it finished within `MAX_DP_CELLS`.
 */
export function exactReference(p: Problem, incumbent: readonly number[] = []): ExactReference {
  const n = p.tracks.length;
  // Anchors first (their rule ranks highest), then tracks of known tempo, then fillers; longest first.
  const kind = (i: number) => (p.isAnchor[i] ? 0 : p.isFiller[i] ? 2 : 1);
  const items = Array.from({ length: n }, (_, i) => i).sort((a, b) => kind(a) - kind(b) || p.durationMs[b]! - p.durationMs[a]! || a - b);
  const restMs = new Float64Array(n + 1);
  const restAnchors = new Int32Array(n + 1);
  for (let k = n - 1; k >= 0; k -= 1) {
    restMs[k] = restMs[k + 1]! + p.durationMs[items[k]!]!;
    restAnchors[k] = restAnchors[k + 1]! + p.isAnchor[items[k]!]!;
  }
  const setScore = (sumMs: number, anchors: number, fillers: number, out: Score): Score => {
    out.overMs = Math.max(0, sumMs - p.maxMs);
    out.anchorsMissing = p.anchors.length - anchors;
    out.shortfallMs = Math.max(0, p.minMs - sumMs);
    out.fillers = fillers;
    out.sameArtistPairs = 0;
    out.cost = 0;
    out.totalMs = sumMs;
    return out;
  };
  const hopeful = emptyScore();
  const here = emptyScore();
  /** The best a completion of the branch at depth `k` could reach (every remaining anchor and ms in). */
  const isHopeless = (k: number, sumMs: number, anchors: number, fillers: number, best: Score): boolean => {
    setScore(sumMs, anchors + restAnchors[k]!, fillers, hopeful);
    hopeful.overMs = 0;
    hopeful.shortfallMs = Math.max(0, p.minMs - sumMs - restMs[k]!);
    return compareScores(hopeful, best) > 0;
  };

  // 1. The best rules before pairs and cost over every set.
  const bestSet = setScore(0, 0, 0, emptyScore());
  const ideal = setScore(p.minMs, p.anchorCapacity, 0, emptyScore());
  let isIdeal = compareScores(bestSet, ideal) <= 0;
  const findRules = (k: number, sumMs: number, anchors: number, fillers: number) => {
    if (isIdeal || isHopeless(k, sumMs, anchors, fillers, bestSet)) return;
    if (compareScores(setScore(sumMs, anchors, fillers, here), bestSet) < 0) {
      Object.assign(bestSet, here);
      isIdeal = compareScores(bestSet, ideal) <= 0;
    }
    if (k === n) return;
    const i = items[k]!;
    if (sumMs + p.durationMs[i]! <= p.maxMs) findRules(k + 1, sumMs + p.durationMs[i]!, anchors + p.isAnchor[i]!, fillers + p.isFiller[i]!);
    findRules(k + 1, sumMs, anchors, fillers);
  };
  findRules(0, 0, 0, 0);

  // 2. Pairs and cost over the sets with those rules.
  const shortSec = shortfallSeconds(bestSet);
  const lowMs = Math.max(1, p.minMs - 1000 * shortSec);
  const trackBound = lowerBounds(p, lowMs, Math.max(lowMs, p.maxMs));
  let best: { order: number[]; score: Score } | null = null;
  if (incumbent.length > 0 || compareScores(bestSet, setScore(0, 0, 0, emptyScore())) === 0) {
    const score = scoreOrder(p, incumbent);
    if (compareScores({ ...score, sameArtistPairs: 0, cost: 0 }, bestSet) === 0) best = { order: [...incumbent], score };
  }
  let proven = true;
  let cells = 0;
  let setsSolved = 0;
  const chosen: number[] = [];
  const canBeat = (weightedFloor: number, totalMs: number) => best === null || best.score.sameArtistPairs > 0 || weightedFloor / totalMs < best.score.cost;
  const visit = (k: number, sumMs: number, anchors: number, fillers: number, weightedFloor: number) => {
    if (!proven || isHopeless(k, sumMs, anchors, fillers, bestSet) || !canBeat(weightedFloor, p.maxMs)) return;
    if (compareScores(setScore(sumMs, anchors, fillers, here), bestSet) === 0 && canBeat(weightedFloor, Math.max(1, sumMs))) {
      if (chosen.length > MAX_SET_TRACKS || cells > MAX_DP_CELLS) proven = false;
      else {
        cells += (1 << chosen.length) * Math.max(1, chosen.length);
        setsSolved += 1;
        const order = bestOrder(p, chosen);
        const score = scoreOrder(p, order);
        if (best === null || compareScores(score, best.score) < 0) best = { order, score };
      }
    }
    if (k === n) return;
    const i = items[k]!;
    const d = p.durationMs[i]!;
    if (sumMs + d <= p.maxMs) {
      chosen.push(i);
      visit(k + 1, sumMs + d, anchors + p.isAnchor[i]!, fillers + p.isFiller[i]!, weightedFloor + d * trackBound[i]!);
      chosen.pop();
    }
    visit(k + 1, sumMs, anchors, fillers, weightedFloor);
  };
  visit(0, 0, 0, 0, 0);
  const answer = best ?? { order: [], score: scoreOrder(p, []) };
  return { order: answer.order, score: answer.score, proven, setsSolved };
}

/**
 * The best order of `set` by (same-artist pairs, cost): dynamic programming over its subsets, the
 * state being the tracks placed and the last one. Exact: the next track starts at the sum of those placed.
 */
function bestOrder(p: Problem, set: readonly number[]): number[] {
  const k = set.length;
  if (k === 0) return [];
  const full = (1 << k) - 1;
  const totalMs = set.reduce((sum, i) => sum + p.durationMs[i]!, 0);
  const startMs = new Float64Array(1 << k);
  for (let mask = 1; mask <= full; mask += 1) {
    const low = 31 - Math.clz32(mask & -mask);
    startMs[mask] = startMs[mask & (mask - 1)]! + p.durationMs[set[low]!]!;
  }
  const cells = (1 << k) * k;
  const pairs = new Int32Array(cells).fill(1 << 30);
  const weighted = new Float64Array(cells).fill(Infinity);
  const parent = new Int8Array(cells).fill(-1);
  const span = (j: number, atMs: number) => spanError(p, set[j]!, atMs, totalMs);
  for (let j = 0; j < k; j += 1) {
    pairs[(1 << j) * k + j] = 0;
    weighted[(1 << j) * k + j] = span(j, 0);
  }
  for (let mask = 1; mask < full; mask += 1) {
    const atMs = startMs[mask]!;
    for (let next = 0; next < k; next += 1) {
      if (mask & (1 << next)) continue;
      const error = span(next, atMs);
      const to = (mask | (1 << next)) * k + next;
      for (let last = 0; last < k; last += 1) {
        const from = mask * k + last;
        if (!(mask & (1 << last)) || weighted[from] === Infinity) continue;
        const np = pairs[from]! + (p.artist[set[last]!] === p.artist[set[next]!] ? 1 : 0);
        const nw = weighted[from]! + error;
        if (np < pairs[to]! || (np === pairs[to]! && nw < weighted[to]!)) {
          pairs[to] = np;
          weighted[to] = nw;
          parent[to] = last;
        }
      }
    }
  }
  let last = 0;
  for (let j = 1; j < k; j += 1) {
    const a = full * k + j;
    const b = full * k + last;
    if (pairs[a]! < pairs[b]! || (pairs[a] === pairs[b] && weighted[a]! < weighted[b]!)) last = j;
  }
  const order: number[] = [];
  for (let mask = full; mask !== 0; ) {
    order.push(set[last]!);
    const before = parent[mask * k + last]!;
    mask &= ~(1 << last);
    last = before;
  }
  return order.reverse();
}

/** durationMs × squared error at the best multiplier of track `i` laid from `atMs` on a curve over `totalMs`, as `weightedError` counts it. */
function spanError(p: Problem, i: number, atMs: number, totalMs: number): number {
  const b = p.bpm[i]!;
  if (b !== b) return 0;
  const d = p.durationMs[i]!;
  const target = ((p.curve.areaTo((atMs + d) / totalMs) - p.curve.areaTo(atMs / totalMs)) * totalMs) / d;
  const half = b * 0.5 - target;
  const one = b - target;
  const double = b * 2 - target;
  return d * Math.min(half * half, one * one, double * double);
}

/**
 * Per track, a proven lower bound on its squared error wherever it plays in a montage of total
 * `lowMs..highMs` (0 for unknown tempo): the span covers fractions [u, u + w] with
 * w ∈ [d / highMs, d / lowMs]; a grid of (u, w) misses the mean by at most
 * δ = (hu + hw / 2) × range / w_min, so the nearest grid distance less δ bounds every placement.
 */
function lowerBounds(p: Problem, lowMs: number, highMs: number): Float64Array {
  const range = p.curve.maxTempo - p.curve.minTempo;
  const bounds = new Float64Array(p.tracks.length);
  for (let i = 0; i < p.tracks.length; i += 1) {
    const bpm = p.bpm[i]!;
    if (bpm !== bpm) continue;
    const widthMin = Math.min(1, p.durationMs[i]! / highMs);
    const widthMax = Math.min(1, p.durationMs[i]! / lowMs);
    const hw = (widthMax - widthMin) / WIDTH_STEPS;
    const hu = 1 / POSITION_STEPS;
    let nearest = Infinity;
    for (let w = 0; w <= WIDTH_STEPS && nearest > 0; w += 1) {
      const width = widthMin + w * hw;
      for (let step = 0; step * hu + width <= 1 + 1e-12; step += 1) {
        const mean = p.curve.between(step * hu, step * hu + width);
        nearest = Math.min(nearest, Math.abs(bpm * 0.5 - mean), Math.abs(bpm - mean), Math.abs(bpm * 2 - mean));
      }
    }
    const slack = (hu + hw / 2) * (range / widthMin);
    bounds[i] = Math.max(0, nearest - slack) ** 2;
  }
  return bounds;
}
