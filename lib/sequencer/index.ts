import { meanTempoBetween, tempoAt } from '../domain/curves';
import { bestMultiplier, effectiveTempo } from '../domain/tempo';
import type { PoolTrack, SequenceResult, SequencedTrack, WorkoutSpec } from '../domain/types';

/**
 * Picks and orders tracks from `pool` so their effective tempo follows `workout.curve`.
 * Tracks without a length are never placed; tracks without a tempo only fill the end.
 * No repeats. Stops once the montage is within `toleranceMs` of `lengthMs`, or the pool runs out.
 */
export function sequenceMontage(pool: readonly PoolTrack[], workout: WorkoutSpec): SequenceResult {
  const remaining = pool.filter((t) => t.durationMs !== null && t.durationMs > 0);
  const tracks: SequencedTrack[] = [];
  let totalMs = 0;
  const maxMs = workout.lengthMs + workout.toleranceMs;

  while (remaining.length > 0 && totalMs < workout.lengthMs - workout.toleranceMs) {
    const target = tempoAt(workout.curve, totalMs / workout.lengthMs);
    let bestIndex = -1;
    let bestError = Infinity;
    remaining.forEach((track, index) => {
      if (totalMs + track.durationMs! > maxMs) return;
      const error =
        track.bpm === null
          ? Number.MAX_VALUE
          : Math.abs(effectiveTempo(track.bpm, bestMultiplier(track.bpm, target)) - target);
      if (error < bestError) {
        bestError = error;
        bestIndex = index;
      }
    });
    if (bestIndex < 0) break;
    const [track] = remaining.splice(bestIndex, 1);
    const multiplier = track!.bpm === null ? 1 : bestMultiplier(track!.bpm, target);
    tracks.push({ track: track!, multiplier, startMs: totalMs });
    totalMs += track!.durationMs!;
  }

  return { tracks, totalMs, cost: sequenceCost(tracks, workout) };
}

/**
 * Duration-weighted squared difference between each placed track's effective tempo and the
 * curve's mean over the time it plays, per ms. Tracks of unknown tempo add nothing.
 */
export function sequenceCost(tracks: readonly SequencedTrack[], workout: WorkoutSpec): number {
  let weighted = 0;
  let totalMs = 0;
  for (const { track, multiplier, startMs } of tracks) {
    const durationMs = track.durationMs ?? 0;
    totalMs += durationMs;
    if (track.bpm === null) continue;
    const target = meanTempoBetween(
      workout.curve,
      startMs / workout.lengthMs,
      (startMs + durationMs) / workout.lengthMs,
    );
    weighted += (effectiveTempo(track.bpm, multiplier) - target) ** 2 * durationMs;
  }
  return totalMs === 0 ? 0 : weighted / totalMs;
}
