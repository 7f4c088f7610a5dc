import { WORKOUT_LIMITS, type WorkoutChoice } from '../domain/workout';
import type { WorkoutMode } from '../domain/types';
import type { SessionTargets } from './types';

/** Walk-in and walk-out (or warm-up and cool-down) around the rounds, in minutes. */
const WARM_UP_AND_DOWN_MIN = 10;

/**
 * The montage builder's choice for a plan session: its length from the rounds (work + rest) plus a
 * warm-up and cool-down, inside the builder's 20–90 min; a run's cadence and HIIT's work/rest from
 * the targets. The circuit and Drago's lab planners still use their own fixed 60 s / 20 s rounds
 * (lib/planner), so their work/rest targets are shown on the card, not yet built into the montage.
 */
export function workoutChoiceFor(mode: WorkoutMode, targets: SessionTargets): WorkoutChoice {
  const roundsMin = (targets.rounds * (targets.workSec + targets.restSec)) / 60;
  const lengthMin = Math.min(WORKOUT_LIMITS.maxLengthMin, Math.max(WORKOUT_LIMITS.minLengthMin, Math.round(roundsMin + WARM_UP_AND_DOWN_MIN)));
  const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
  return {
    mode,
    lengthMin,
    ...(mode === 'run' && targets.cadenceSpm !== null ? { cadenceSpm: clamp(targets.cadenceSpm, WORKOUT_LIMITS.minCadenceSpm, WORKOUT_LIMITS.maxCadenceSpm) } : {}),
    ...(mode === 'hiit'
      ? { hiitWorkSec: clamp(targets.workSec, WORKOUT_LIMITS.minWorkSec, WORKOUT_LIMITS.maxWorkSec), hiitRestSec: clamp(targets.restSec, WORKOUT_LIMITS.minRestSec, WORKOUT_LIMITS.maxRestSec) }
      : {}),
  };
}
