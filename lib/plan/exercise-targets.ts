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
 * - hold: the target stays, or rises to the logged best when that was more;
 * - back off: 90 % of the load aimed at, rounded down to 0.5 kg; no load: one rep fewer than aimed
 *   at (at least 1). Reps with a load are held unless progressing from the logged best.
 * Exercises not logged keep their targets.
 */
export function nextExerciseTargets(previous: Record<string, ExerciseTarget>, log: SessionLog, decision: Decision): Record<string, ExerciseTarget> {
  const next: Record<string, ExerciseTarget> = { ...previous };
  for (const [exercise, entry] of Object.entries(log.entries)) {
    if (entry.reps === undefined && entry.loadKg === undefined) continue;
    const before = previous[exercise];
    const target: ExerciseTarget = {};
    if (entry.loadKg !== undefined && entry.loadKg > 0) {
      const kg = entry.loadKg;
      const aimedKg = before?.loadKg ?? kg;
      if (decision === 'progress') target.loadKg = Math.max(kg + EXERCISE_STEP.loadRoundKg, roundToStep(kg * (1 + EXERCISE_STEP.loadFraction), 'up'));
      else if (decision === 'back_off') target.loadKg = Math.max(EXERCISE_STEP.loadRoundKg, roundToStep(aimedKg * EXERCISE_STEP.backOffFraction, 'down'));
      else target.loadKg = Math.max(kg, aimedKg);
      const reps = decision === 'progress' ? entry.reps : (before?.reps ?? entry.reps);
      if (reps !== undefined) target.reps = reps;
    } else if (entry.reps !== undefined) {
      const aimed = before?.reps ?? entry.reps;
      if (decision === 'progress') target.reps = entry.reps + EXERCISE_STEP.reps;
      else if (decision === 'back_off') target.reps = Math.max(1, aimed - EXERCISE_STEP.reps);
      else target.reps = Math.max(entry.reps, aimed);
    }
    next[exercise] = target;
  }
  return next;
}
