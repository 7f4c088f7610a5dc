import type { Problem } from './problem';

/**
 * How good an order of tracks is, compared field by field in this order (lower is better in each):
 * 1. `overMs`: length past `lengthMs + toleranceMs` (the search never goes there);
 * 2. `anchorsMissing`: anchors left out (only when they cannot all fit);
 * 3. `shortfallMs`: length missing to reach `lengthMs − toleranceMs`, in whole seconds (only when the pool cannot);
 * 4. `fillers`: non-anchor tracks of unknown tempo (only used to close a shortfall);
 * 5. `sameArtistPairs`: neighbours by the same artist (only where the pool leaves no other way);
 * 6. `cost`: `sequenceCost` of the order, each track at its best multiplier.
 * The exact solver and the heuristic rank answers by this same order.
 */
export interface Score {
  overMs: number;
  anchorsMissing: number;
  shortfallMs: number;
  fillers: number;
  sameArtistPairs: number;
  cost: number;
  totalMs: number;
}

const COST_EPSILON = 1e-12;

/**
 * A cost under which more rounds of search are not worth their time in a large pool: a
 * root-mean-square tempo error of 0.1 BPM (or steps/min), finer than any tempo estimate the pool comes with.
 */
export const SETTLED_COST = 0.01;

export function emptyScore(): Score {
  return { overMs: 0, anchorsMissing: 0, shortfallMs: 0, fillers: 0, sameArtistPairs: 0, cost: 0, totalMs: 0 };
}

/** Scores `order` (indices into the problem, `length` of them), writing into `out`. */
export function scoreOrder(p: Problem, order: ArrayLike<number>, length: number = order.length, out: Score = emptyScore()): Score {
  const { durationMs, artist, isAnchor, isFiller } = p;
  let totalMs = 0;
  let anchors = 0;
  let fillers = 0;
  let pairs = 0;
  let previousArtist = -1;
  for (let k = 0; k < length; k += 1) {
    const i = order[k]!;
    totalMs += durationMs[i]!;
    anchors += isAnchor[i]!;
    fillers += isFiller[i]!;
    if (artist[i] === previousArtist) pairs += 1;
    previousArtist = artist[i]!;
  }
  const weighted = totalMs > 0 ? weightedError(p, order, 0, length, 0, totalMs) : 0;
  out.overMs = Math.max(0, totalMs - p.maxMs);
  out.anchorsMissing = p.anchors.length - anchors;
  out.shortfallMs = Math.max(0, p.minMs - totalMs);
  out.fillers = fillers;
  out.sameArtistPairs = pairs;
  out.cost = totalMs > 0 ? weighted / totalMs : 0;
  out.totalMs = totalMs;
  return out;
}

/**
 * Σ durationMs × squared error at the best multiplier, for `order[from..to)` laid from `startMs`
 * on a curve spanning `totalMs`. One area look-up per track: each span starts where the last ended.
 */
export function weightedError(p: Problem, order: ArrayLike<number>, from: number, to: number, startMs: number, totalMs: number): number {
  const { durationMs, bpm, curve } = p;
  let weighted = 0;
  let atMs = startMs;
  let areaBefore = curve.areaTo(atMs / totalMs);
  for (let k = from; k < to; k += 1) {
    const i = order[k]!;
    const d = durationMs[i]!;
    atMs += d;
    const areaAfter = curve.areaTo(atMs / totalMs);
    const b = bpm[i]!;
    if (b === b) {
      // bestSquaredError, inlined: this is the innermost loop of the search.
      const target = ((areaAfter - areaBefore) * totalMs) / d;
      const half = b * 0.5 - target;
      const one = b - target;
      const double = b * 2 - target;
      weighted += d * Math.min(half * half, one * one, double * double);
    }
    areaBefore = areaAfter;
  }
  return weighted;
}

/** The shortfall as ranked: whole seconds, rounded up. */
export function shortfallSeconds(score: Pick<Score, 'shortfallMs'>): number {
  return Math.ceil(score.shortfallMs / 1000);
}

/** Negative when `a` is better than `b`, positive when worse, 0 when equal (costs within a relative 1e-12). */
export function compareScores(a: Score, b: Score): number {
  if (a.overMs !== b.overMs) return a.overMs - b.overMs;
  if (a.anchorsMissing !== b.anchorsMissing) return a.anchorsMissing - b.anchorsMissing;
  // A shortfall counts in whole seconds: a millisecond more or less should never outrank tempo fit.
  const shortfallSec = shortfallSeconds(a) - shortfallSeconds(b);
  if (shortfallSec !== 0) return shortfallSec;
  if (a.fillers !== b.fillers) return a.fillers - b.fillers;
  if (a.sameArtistPairs !== b.sameArtistPairs) return a.sameArtistPairs - b.sameArtistPairs;
  const gap = a.cost - b.cost;
  return Math.abs(gap) <= COST_EPSILON * Math.max(1, Math.abs(b.cost)) ? 0 : gap;
}

export function copyScore(from: Score, to: Score = emptyScore()): Score {
  to.overMs = from.overMs;
  to.anchorsMissing = from.anchorsMissing;
  to.shortfallMs = from.shortfallMs;
  to.fillers = from.fillers;
  to.sameArtistPairs = from.sameArtistPairs;
  to.cost = from.cost;
  to.totalMs = from.totalMs;
  return to;
}

/** Every rule before cost met, and the cost under `SETTLED_COST`. */
export function isSettled(score: Score): boolean {
  return (
    score.overMs === 0 &&
    score.anchorsMissing === 0 &&
    score.shortfallMs === 0 &&
    score.fillers === 0 &&
    score.sameArtistPairs === 0 &&
    score.cost <= SETTLED_COST
  );
}
