import { INTERVAL_LIMITS } from '../domain/intervals';
import type { PoolTrack, WorkoutSpec } from '../domain/types';
import { isKnownTempo } from './cost';
import { curveMean, type CurveMean } from './curve-mean';

/**
 * The pool as the search sees it: only tracks of at least `INTERVAL_LIMITS.minDurationMs` (a
 * shorter one could not hold a single valid interval; tracks without a length are never placed),
 * in pool order, with their facts in typed arrays indexed by the same number.
 */
export interface Problem {
  tracks: readonly PoolTrack[];
  durationMs: Float64Array;
  /** Raw tempo, NaN when unknown. */
  bpm: Float64Array;
  /** Same number for the same artist (case and outer spaces ignored). */
  artist: Int32Array;
  isAnchor: Uint8Array;
  /** Non-anchor tracks of unknown tempo: used only when nothing else can reach the length. */
  isFiller: Uint8Array;
  /** Indices of the anchors, in pool order. */
  anchors: readonly number[];
  /** Most anchors any montage can hold without passing `maxMs` (all of them when they fit). */
  anchorCapacity: number;
  /** The length window: `lengthMs ± toleranceMs`, never below 0. */
  minMs: number;
  maxMs: number;
  lengthMs: number;
  curve: CurveMean;
}

/** Reads `pool` and `workout` into a `Problem`. */
export function toProblem(pool: readonly PoolTrack[], workout: WorkoutSpec): Problem {
  const tracks = pool.filter((t) => t.durationMs !== null && Number.isFinite(t.durationMs) && t.durationMs >= INTERVAL_LIMITS.minDurationMs);
  const n = tracks.length;
  const durationMs = new Float64Array(n);
  const bpm = new Float64Array(n);
  const artist = new Int32Array(n);
  const isAnchor = new Uint8Array(n);
  const isFiller = new Uint8Array(n);
  const artistIds = new Map<string, number>();
  const anchors: number[] = [];
  tracks.forEach((track, i) => {
    durationMs[i] = track.durationMs!;
    bpm[i] = isKnownTempo(track.bpm) ? track.bpm : Number.NaN;
    const key = track.artist.trim().toLowerCase();
    let id = artistIds.get(key);
    if (id === undefined) {
      id = artistIds.size;
      artistIds.set(key, id);
    }
    artist[i] = id;
    if (track.isAnchor) {
      isAnchor[i] = 1;
      anchors.push(i);
    } else if (!isKnownTempo(track.bpm)) {
      isFiller[i] = 1;
    }
  });
  const tolerance = Math.max(0, workout.toleranceMs);
  const maxMs = workout.lengthMs + tolerance;
  return {
    tracks,
    durationMs,
    bpm,
    artist,
    isAnchor,
    isFiller,
    anchors,
    anchorCapacity: capacity(anchors.map((i) => durationMs[i]!), maxMs),
    minMs: Math.max(0, workout.lengthMs - tolerance),
    maxMs,
    lengthMs: workout.lengthMs,
    curve: curveMean(workout.curve),
  };
}

/** How many of `lengths` fit together within `maxMs` (the shortest first is optimal for a count). */
function capacity(lengths: number[], maxMs: number): number {
  const sorted = [...lengths].sort((a, b) => a - b);
  let sum = 0;
  let count = 0;
  for (const length of sorted) {
    if (sum + length > maxMs) break;
    sum += length;
    count += 1;
  }
  return count;
}
