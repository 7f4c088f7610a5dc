import { maxCadenceStepSpm, stepsToGoal } from './layout';
import { loadMinOf } from './load';
import { BACK_OFF, BACK_OFF_FLOOR, STEP, TARGET_LIMITS } from './rules';
import type { PlanSpec, TargetLevel } from './types';

/**
 * One progression step toward the goal: the dimension (work, rest, rounds) with the most steps
 * left moves by one STEP, by two when the steps left outnumber the build sessions left (so the
 * date is kept). Already at the goal: the level holds.
 */
export function progressLevel(level: TargetLevel, spec: PlanSpec, buildSessionsLeft: number): TargetLevel {
  const steps = stepsToGoal(level, spec);
  const total = steps.workSec + steps.restSec + steps.rounds;
  if (total === 0) return level;
  const size = total > buildSessionsLeft ? 2 : 1;
  const field = (['workSec', 'restSec', 'rounds'] as const).reduce((a, b) => (steps[b] > steps[a] ? b : a));
  const by = Math.min(size, steps[field]);
  const L = TARGET_LIMITS;
  switch (field) {
    case 'workSec':
      return { ...level, workSec: Math.min(L.maxWorkSec, level.workSec + by * STEP.workSec) };
    case 'restSec':
      return { ...level, restSec: Math.max(L.minRestSec, level.restSec - by * STEP.restSec) };
    case 'rounds':
      return { ...level, rounds: Math.min(L.maxRounds, level.rounds + by * STEP.rounds) };
  }
}

/**
 * Backing off: one step less work per interval and one round fewer (within the limits), never
 * below BACK_OFF_FLOOR of the start's load: there the level holds (the plan is too hard as set).
 */
export function backOffLevel(level: TargetLevel, start: TargetLevel): TargetLevel {
  const L = TARGET_LIMITS;
  const lower = { ...level, workSec: Math.max(L.minWorkSec, level.workSec - BACK_OFF.workSec), rounds: Math.max(L.minRounds, level.rounds - BACK_OFF.rounds) };
  return loadMinOf(lower) >= BACK_OFF_FLOOR * loadMinOf(start) ? lower : level;
}

/**
 * The next cadence toward the goal: the steps/min left spread over the build weeks left, never more
 * than maxCadenceStepSpm (2 %) and never past the goal. Unchanged for a plan without a cadence goal.
 */
export function nextCadenceSpm(cadenceSpm: number | null, spec: PlanSpec, buildWeeksLeft: number): number | null {
  if (cadenceSpm === null || spec.goal.kind !== 'cadence' || cadenceSpm >= spec.goal.toSpm) return cadenceSpm;
  const left = spec.goal.toSpm - cadenceSpm;
  const paced = Math.ceil(left / Math.max(1, buildWeeksLeft));
  return cadenceSpm + Math.min(left, paced, maxCadenceStepSpm(cadenceSpm));
}
