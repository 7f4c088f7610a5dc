/**
 * The numbers the plan's rules use, each with where it comes from. Change a number here and the
 * property tests (plan.property.test.ts) check the plan still keeps its promises.
 */

/**
 * Week-over-week training load stays inside 0.8–1.3 of the week before: the acute:chronic workload
 * "sweet spot" where injury risk is lowest (Gabbett, "The training–injury prevention paradox",
 * Br J Sports Med 2016;50:273–280). We apply it to consecutive weeks, which is stricter than
 * Gabbett's 4-week chronic average while load rises.
 */
export const LOAD_BAND = { min: 0.8, max: 1.3 } as const;

/**
 * Cadence is raised by at most 2 % at a time, at most once a week. Music shifted by 1–3 % pulls
 * runners' cadence with it without them noticing (Van Dyck et al., "Spontaneous entrainment of
 * running cadence to music tempo", Sports Med Open 2015;1:15); Heiderscheit et al. (Med Sci Sports
 * Exerc 2011;43:296–302) found +5 % already lowers hip and knee loading, so small steps suffice.
 */
export const CADENCE_STEP_MAX_FRACTION = 0.02;

/** Every few weeks a lighter week lets the body absorb the work (the usual 3:1 build:deload cycle). */
export const LIGHTER_EVERY_WEEKS = 4;
/** A lighter week asks about this share of the level's load (kept inside LOAD_BAND). */
export const LIGHTER_WEEK_FACTOR = 0.85;

/**
 * Session RPE on Borg's CR-10 scale, as Foster et al. use it for session load (J Strength Cond Res
 * 2001;15:109–115): up to 4 easy, 5–7 moderate ("somewhat hard" to "hard"), 8 hard, 9–10 very hard.
 */
export const RPE = { easyMax: 4, moderateMax: 7, hardMax: 8 } as const;

/** A session counts as finished when at most this many work intervals were skipped or cut short. */
export const FINISHED_MAX_MISSED_WORK = 1;

/** Steps of a progression: work +5 s (+10 s when behind the date), rest −5 s, one round. */
export const STEP = { workSec: 5, restSec: 5, rounds: 1 } as const;
/** Backing off: one step down on each of work and rounds. */
/** Backing off stops at this share of the start's load (then the plan itself is too hard as set). */
export const BACK_OFF_FLOOR = 0.6;
export const BACK_OFF = { workSec: 5, rounds: 1 } as const;

/** Bounds every target stays inside (the workout builder's own limits, lib/domain/workout.ts). */
export const TARGET_LIMITS = { minWorkSec: 10, maxWorkSec: 300, minRestSec: 5, maxRestSec: 300, minRounds: 2, maxRounds: 30 } as const;

/**
 * Next load and rep targets from the last best (as Fitbod-style progression does): +2.5 % load
 * rounded to 0.5 kg (at least +0.5 kg), or +1 rep when no load is logged. Backing off: 90 % of it.
 */
export const EXERCISE_STEP = { loadFraction: 0.025, loadRoundKg: 0.5, reps: 1, backOffFraction: 0.9 } as const;

/** A week or more missed in a row (sessionsPerWeek sessions) costs fitness: back off one step. */
export const DETRAINING_AFTER_WEEKS_MISSED = 1;
