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

/** The lighter-week version of a level: fewer rounds, about LIGHTER_WEEK_FACTOR of its load. */
export function lighterLevel(level: TargetLevel): TargetLevel {
  return { ...level, rounds: Math.max(TARGET_LIMITS.minRounds, Math.round(level.rounds * LIGHTER_WEEK_FACTOR)) };
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
    for (let workSec = Math.max(L.minWorkSec, floor.workSec); workSec <= Math.min(L.maxWorkSec, ceiling.workSec); workSec += STEP.workSec) {
      candidates.push({ ...intended, rounds, workSec });
    }
  }
  const clampedTarget = Math.min(Math.max(target, window.minMin), window.maxMin);
  const score = (c: TargetLevel) => {
    const load = loadMinOf(c);
    const changes = Number(c.rounds !== intended.rounds) + Number(c.workSec !== intended.workSec);
    return [window.isFeasible(load) ? 0 : 1, Math.abs(load - clampedTarget), changes] as const;
  };
  let best = intended;
  let bestScore = score(intended);
  for (const c of candidates) {
    const s = score(c);
    if (s[0] < bestScore[0] || (s[0] === bestScore[0] && (s[1] < bestScore[1] - 1e-9 || (Math.abs(s[1] - bestScore[1]) <= 1e-9 && s[2] < bestScore[2])))) {
      best = c;
      bestScore = s;
    }
  }
  return best;
}
