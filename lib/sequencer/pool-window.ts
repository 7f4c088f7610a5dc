import { INTERVAL_LIMITS } from '../domain/intervals';
import type { PoolTrack, PoolWindow, TempoBand, WorkoutSpec } from '../domain/types';
import { isKnownTempo } from './cost';
import { curveMean } from './curve-mean';

/**
 * Above this many placeable tracks the sequencer already looks at a track only when it is among the
 * tempo-nearest of some target (its per-move candidates), or in an even spread of lengths: it
 * never scans the pool. So a large pool can be narrowed to what those lookups can return without
 * changing what the search sees much, and a small one is read whole, exactly as before.
 */
export const WHOLE_POOL_UP_TO = 2_000;
/** How far past the curve's lowest and highest tempo (as a share) the fine bands reach. */
export const WINDOW_MARGIN = 0.04;
/** Width of a fine band as a share of its tempo (0.5 BPM at 170), and how many tracks each gives. */
export const FINE_BAND_RATIO = 0.003;
export const FINE_BAND_TAKE = 10;
/** Width and yield of the coarse bands that cover every other tempo (for a library with little near the curve). */
export const COARSE_BAND_RATIO = 0.05;
export const COARSE_BAND_TAKE = 2;
const COARSE_FROM_BPM = 20;
const COARSE_TO_BPM = 400;
const MULTIPLIERS = [0.5, 1, 2] as const;
/** Lengths at which a track of unknown tempo is sampled (the first at or above each): a geometric spread from 30 s. */
const FILLER_SAMPLES = 40;
const FILLER_FROM_MS = 30_000;

/**
 * The part of a large pool worth reading for `workout`: bands of raw tempo where ½×, 1× or 2× of it
 * lands within `WINDOW_MARGIN` of the curve's range, split finely (`FINE_BAND_TAKE` tracks each
 * `FINE_BAND_RATIO` of tempo: about 25 tracks per BPM of effective tempo, more than the 10–16
 * nearest the search asks for); every other tempo in coarse bands, so a library with nothing near
 * the curve still offers its nearest; tracks of unknown tempo (used only when the rest cannot
 * reach the length) at a spread of lengths; nothing longer than the longest montage accepted.
 * The bands are disjoint, ascending and cover every tempo above 0.
 */
export function poolWindowFor(workout: WorkoutSpec): PoolWindow {
  const curve = curveMean(workout.curve);
  const low = curve.minTempo / (1 + WINDOW_MARGIN);
  const high = curve.maxTempo * (1 + WINDOW_MARGIN);
  const fine = mergeRanges(MULTIPLIERS.map((m) => [low / m, high / m] as const));
  const bands: TempoBand[] = [];
  const coarse = (from: number, to: number) => {
    if (to <= from) return;
    if (from < COARSE_FROM_BPM) bands.push({ minBpm: from, maxBpm: Math.min(to, COARSE_FROM_BPM), take: COARSE_BAND_TAKE });
    split(Math.max(from, COARSE_FROM_BPM), Math.min(to, COARSE_TO_BPM), COARSE_BAND_RATIO, COARSE_BAND_TAKE, bands);
    if (to > COARSE_TO_BPM) bands.push({ minBpm: Math.max(from, COARSE_TO_BPM), maxBpm: to, take: COARSE_BAND_TAKE });
  };
  let at = 0;
  for (const [from, to] of fine) {
    coarse(at, from);
    split(from, to, FINE_BAND_RATIO, FINE_BAND_TAKE, bands);
    at = to;
  }
  coarse(at, Number.MAX_VALUE);
  const maxDurationMs = workout.lengthMs + Math.max(0, workout.toleranceMs);
  const fillerLengthsMs: number[] = [];
  const top = Math.max(maxDurationMs, FILLER_FROM_MS);
  for (let k = 0; k < FILLER_SAMPLES; k += 1) {
    fillerLengthsMs.push(Math.round(FILLER_FROM_MS * (top / FILLER_FROM_MS) ** (k / (FILLER_SAMPLES - 1))));
  }
  return { wholeUpTo: WHOLE_POOL_UP_TO, bands, fillerLengthsMs: [INTERVAL_LIMITS.minDurationMs, ...fillerLengthsMs], maxDurationMs };
}

/** Splits `[from, to)` into bands each `ratio` of its lower edge wide (the last one narrower). */
function split(from: number, to: number, ratio: number, take: number, out: TempoBand[]): void {
  for (let edge = from; edge < to; ) {
    const next = Math.min(to, edge * (1 + ratio));
    out.push({ minBpm: edge, maxBpm: next, take });
    edge = next;
  }
}

function mergeRanges(ranges: readonly (readonly [number, number])[]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [from, to] of sorted) {
    const last = merged[merged.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

/**
 * `pool` narrowed by `window` in memory, as the database reads it: the whole pool when it holds at
 * most `wholeUpTo` placeable tracks; else every anchor, from each band its `take` tracks of the
 * lowest tempo (then id), and of the tracks of unknown tempo the first by length (then id) at or
 * above each filler length. In pool order. For tests and benchmarks that compare with the whole pool.
 */
export function narrowPool(pool: readonly PoolTrack[], window: PoolWindow): PoolTrack[] {
  const placeable = (t: PoolTrack) => t.durationMs !== null && t.durationMs >= INTERVAL_LIMITS.minDurationMs && t.durationMs <= window.maxDurationMs;
  const owned = pool.filter((t) => !t.isAnchor && t.durationMs !== null && t.durationMs >= INTERVAL_LIMITS.minDurationMs);
  if (owned.length <= window.wholeUpTo) return [...pool];
  const kept = new Set<PoolTrack>();
  const known = owned.filter((t) => placeable(t) && isKnownTempo(t.bpm)).sort((a, b) => a.bpm! - b.bpm! || compareIds(a.id, b.id));
  let i = 0;
  for (const band of window.bands) {
    while (i < known.length && known[i]!.bpm! < band.minBpm) i += 1;
    for (let taken = 0; taken < band.take && i < known.length && known[i]!.bpm! < band.maxBpm; taken += 1) kept.add(known[i++]!);
  }
  const unknown = owned.filter((t) => placeable(t) && !isKnownTempo(t.bpm)).sort((a, b) => a.durationMs! - b.durationMs! || compareIds(a.id, b.id));
  for (const length of window.fillerLengthsMs) {
    const first = unknown.find((t) => t.durationMs! >= length);
    if (first) kept.add(first);
  }
  return pool.filter((t) => t.isAnchor || kept.has(t));
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
