import { bestMultiplier } from '../domain/tempo';
import type { Multiplier, PoolTrack, SequencedTrack, WorkoutSpec } from '../domain/types';
import { curveMean } from './curve-mean';

export interface SwapLayoutParams {
  workout: WorkoutSpec;
  /** The montage as it stands, in order. */
  entries: readonly { track: PoolTrack; multiplier: Multiplier }[];
  /** The place whose track is replaced. */
  at: number;
  /** The replacement (its length known). */
  track: PoolTrack;
}

/**
 * The montage re-timed with `track` in place `at`: later tracks start earlier or later by the
 * difference in length, the other entries keep their multipliers, and the replacement plays at the
 * ½×/1×/2× nearest the curve's mean over the span it has in the montage *after* the swap — the
 * montage's length changes with the swap, and every place's fraction of the curve with it.
 * A replacement of unknown tempo plays at 1×.
 */
export function layOutSwap({ workout, entries, at, track }: SwapLayoutParams): { tracks: SequencedTrack[]; totalMs: number } {
  const laid = entries.map((e, k) => (k === at ? track : e.track));
  const totalMs = laid.reduce((sum, t) => sum + (t.durationMs ?? 0), 0);
  const curve = curveMean(workout.curve);
  let startMs = 0;
  const tracks = laid.map((t, k): SequencedTrack => {
    const span = { startMs, endMs: startMs + (t.durationMs ?? 0) };
    startMs = span.endMs;
    if (k !== at) return { track: t, multiplier: entries[k]!.multiplier, startMs: span.startMs };
    const multiplier = t.bpm === null ? 1 : bestMultiplier(t.bpm, curve.between(span.startMs / totalMs, span.endMs / totalMs));
    return { track: t, multiplier, startMs: span.startMs };
  });
  return { tracks, totalMs };
}
