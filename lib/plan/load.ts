import { LIGHTER_WEEK_FACTOR, LOAD_BAND, STEP, TARGET_LIMITS } from './rules';
import type { TargetLevel } from './types';

/**
 * Planned training load of a session in minutes of work (rounds × work). Rests and cadence do not
 * count: the band is about how much work the week asks for.
 */
export function loadMinOf(level: Pick<TargetLevel, 'workSec' | 'rounds'>): number {
  return (level.rounds * level.workSec) / 60;
}

/** What the week so far means for the next session's load. */
export interface WeekLoadContext {
  /** Planned load of the previous plan week; null in the first week. */
  previousWeekMin: number | null;
  /** Planned load of this week's earlier sessions. */
  earlierThisWeekMin: number;
  /** Sessions left in this week, this one included. */
  sessionsLeft: number;
  sessionsPerWeek: number;
  isLighterWeek: boolean;
}

/** The fit may set work to any whole second: steps of 5 s are too coarse for small sessions. */
const FIT_WORK_STEP_SEC = 1;

/** A lighter week stays under this share of the week before, so it is lighter in fact. */
const LIGHTER_WEEK_MAX = 0.95;

/**
 * Loads (minutes) the next session may have so that, if the rest of the week matches it, the week
 * stays inside LOAD_BAND of the week before (under LIGHTER_WEEK_MAX in a lighter week), and holding
 * the same session all next week would too: so a hold is always possible later.
 */
export function loadWindow(context: WeekLoadContext): { minMin: number; maxMin: number; isFeasible: (loadMin: number) => boolean } {
  const { previousWeekMin: previous, earlierThisWeekMin: earlier, sessionsLeft: left, sessionsPerWeek: perWeek } = context;
  const bandMax = context.isLighterWeek ? LIGHTER_WEEK_MAX : LOAD_BAND.max;
  const minMin = previous === null ? 0 : (LOAD_BAND.min * previous - earlier) / left;
  const maxMin = previous === null ? Infinity : (bandMax * previous - earlier) / left;
  const isFeasible = (x: number) => {
    const week = earlier + left * x;
    const isInBand = previous === null || (week >= LOAD_BAND.min * previous - 1e-9 && week <= bandMax * previous + 1e-9);
    // Holding x for a whole build week next must land in the band of this week.
    const isHoldable = perWeek * x >= LOAD_BAND.min * week - 1e-9 && perWeek * x <= LOAD_BAND.max * week + 1e-9;
    return isInBand && isHoldable;
  };
  return { minMin, maxMin, isFeasible };
}

/**
 * The lighter-week version of a level, about LIGHTER_WEEK_FACTOR of its load: fewer rounds, or,
 * when a round is too coarse a step (few long rounds), shorter work.
 */
export function lighterLevel(level: TargetLevel): TargetLevel {
  const rounds = Math.max(TARGET_LIMITS.minRounds, Math.round(level.rounds * LIGHTER_WEEK_FACTOR));
  if (Math.abs(rounds / level.rounds - LIGHTER_WEEK_FACTOR) <= 0.05) return { ...level, rounds };
  const workSec = Math.max(TARGET_LIMITS.minWorkSec, Math.round((level.workSec * LIGHTER_WEEK_FACTOR) / STEP.workSec) * STEP.workSec);
  return { ...level, workSec };
}

/**
 * The level nearest `intended` (by load, then by fewest differences) whose load fits the week, its
 * work and rounds between `floor` and `ceiling` (the rule's own direction: never up after a back-off).
 * Returns `intended` when it fits; the candidate nearest the window otherwise.
 */
export function fitLevelToWeek(intended: TargetLevel, floor: TargetLevel, ceiling: TargetLevel, context: WeekLoadContext): TargetLevel {
  const window = loadWindow(context);
  const target = loadMinOf(intended);
  if (window.isFeasible(target)) return intended;
  const candidates: TargetLevel[] = [];
  const L = TARGET_LIMITS;
  for (let rounds = Math.max(L.minRounds, floor.rounds); rounds <= Math.min(L.maxRounds, ceiling.rounds); rounds += 1) {
    for (let workSec = Math.max(L.minWorkSec, floor.workSec); workSec <= Math.min(L.maxWorkSec, ceiling.workSec); workSec += FIT_WORK_STEP_SEC) {
      candidates.push({ ...intended, rounds, workSec });
    }
  }
  const clampedTarget = Math.min(Math.max(target, window.minMin), window.maxMin);
  const score = (c: TargetLevel) => {
    const load = loadMinOf(c);
    const changes = Number(c.rounds !== intended.rounds) + Number(c.workSec !== intended.workSec);
    // Whole 5 s steps read better on a workout; single seconds only when no such step fits.
    const isOffStep = c.workSec % STEP.workSec === 0 ? 0 : 1;
    return [window.isFeasible(load) ? 0 : 1, isOffStep, Math.abs(load - clampedTarget), changes] as const;
  };
  let best = intended;
  let bestScore = score(intended);
  for (const c of candidates) {
    const s = score(c);
    if (isBetter(s, bestScore)) {
      best = c;
      bestScore = s;
    }
  }
  return best;
}

/** Lexicographic comparison of candidate scores (lower is better), loads compared to 1e-9. */
function isBetter(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i += 1) {
    if (Math.abs(a[i]! - b[i]!) > 1e-9) return a[i]! < b[i]!;
  }
  return false;
}
