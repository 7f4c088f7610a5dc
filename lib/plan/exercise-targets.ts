import { EXERCISE_STEP } from './rules';
import type { Decision, ExerciseTarget, SessionLog } from './types';

function roundToStep(kg: number, direction: 'up' | 'down'): number {
  const step = EXERCISE_STEP.loadRoundKg;
  return (direction === 'up' ? Math.ceil(kg / step - 1e-9) : Math.floor(kg / step + 1e-9)) * step;
}

/**
 * Next reps and load per exercise from what was logged (the last best of that session, or the
 * target before when nothing was logged for it):
 * - progress: load +2.5 % rounded up to 0.5 kg (at least +0.5 kg), reps held; no load logged: +1 rep;
 * - hold: the logged best becomes the target;
 * - back off: 90 % of the logged load, rounded down to 0.5 kg; no load: one rep fewer (at least 1).
 * Exercises not logged keep their targets.
 */
export function nextExerciseTargets(previous: Record<string, ExerciseTarget>, log: SessionLog, decision: Decision): Record<string, ExerciseTarget> {
  const next: Record<string, ExerciseTarget> = { ...previous };
  for (const [exercise, entry] of Object.entries(log.entries)) {
    if (entry.reps === undefined && entry.loadKg === undefined) continue;
    const target: ExerciseTarget = {};
    if (entry.loadKg !== undefined && entry.loadKg > 0) {
      const kg = entry.loadKg;
      if (decision === 'progress') target.loadKg = Math.max(kg + EXERCISE_STEP.loadRoundKg, roundToStep(kg * (1 + EXERCISE_STEP.loadFraction), 'up'));
      else if (decision === 'back_off') target.loadKg = Math.max(EXERCISE_STEP.loadRoundKg, roundToStep(kg * EXERCISE_STEP.backOffFraction, 'down'));
      else target.loadKg = kg;
      if (entry.reps !== undefined) target.reps = entry.reps;
    } else if (entry.reps !== undefined) {
      const delta = decision === 'progress' ? EXERCISE_STEP.reps : decision === 'back_off' ? -EXERCISE_STEP.reps : 0;
      target.reps = Math.max(1, entry.reps + delta);
    }
    next[exercise] = target;
  }
  return next;
}
