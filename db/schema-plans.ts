import { sql } from 'drizzle-orm';
import { check, date, doublePrecision, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ExerciseEntry } from '../lib/domain/session-record';
import type { ExerciseTarget } from '../lib/plan/types';
import { owners } from './schema';
import { workoutSessions } from './schema-sessions';

/**
 * A training plan toward fight night (issue 30): the goal, the dates, sessions a week and where the
 * person started. The plan's sessions follow from this and the logs by pure rules (lib/plan).
 */
export const trainingPlans = pgTable(
  'training_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => owners.id, { onDelete: 'cascade' }),
    mode: text('mode').notNull(),
    goalKind: text('goal_kind', { enum: ['cadence', 'level'] }).notNull(),
    goalToSpm: integer('goal_to_spm'),
    goalWorkSec: integer('goal_work_sec'),
    goalRestSec: integer('goal_rest_sec'),
    goalRounds: integer('goal_rounds'),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    fightNight: date('fight_night', { mode: 'string' }).notNull(),
    sessionsPerWeek: integer('sessions_per_week').notNull(),
    startWorkSec: integer('start_work_sec').notNull(),
    startRestSec: integer('start_rest_sec').notNull(),
    startRounds: integer('start_rounds').notNull(),
    startCadenceSpm: integer('start_cadence_spm'),
    /** Last bests per exercise at the start: a small map read whole with the plan. */
    startExercises: jsonb('start_exercises').$type<Record<string, ExerciseTarget>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('training_plans_goal_kind', sql`${t.goalKind} in ('cadence', 'level')`),
    check(
      'training_plans_goal',
      sql`(${t.goalKind} = 'cadence' and ${t.goalToSpm} is not null and ${t.startCadenceSpm} is not null)
        or (${t.goalKind} = 'level' and ${t.goalWorkSec} is not null and ${t.goalRestSec} is not null and ${t.goalRounds} is not null)`,
    ),
    check('training_plans_dates', sql`${t.fightNight} > ${t.startDate}`),
    check('training_plans_sessions_per_week', sql`${t.sessionsPerWeek} between 1 and 7`),
    check('training_plans_start', sql`${t.startWorkSec} > 0 and ${t.startRestSec} >= 0 and ${t.startRounds} > 0`),
    index('training_plans_owner_idx').on(t.ownerId),
  ],
);

/**
 * One session of a plan, by its place (slot) in the plan: the targets prescribed and why, and once
 * done (or missed) what was logged. The next session's row is written with this one's log.
 */
export const trainingPlanSessions = pgTable(
  'training_plan_sessions',
  {
    planId: uuid('plan_id')
      .notNull()
      .references(() => trainingPlans.id, { onDelete: 'cascade' }),
    slot: integer('slot').notNull(),
    week: integer('week').notNull(),
    kind: text('kind', { enum: ['train', 'test'] }).notNull(),
    workSec: integer('work_sec').notNull(),
    restSec: integer('rest_sec').notNull(),
    rounds: integer('rounds').notNull(),
    cadenceSpm: integer('cadence_spm'),
    /** Reps and load per exercise: a small map read whole with the session. */
    exerciseTargets: jsonb('exercise_targets').$type<Record<string, ExerciseTarget>>().notNull(),
    loadMin: doublePrecision('load_min').notNull(),
    decision: text('decision', { enum: ['progress', 'hold', 'back_off'] }).notNull(),
    reason: text('reason').notNull(),
    /** Null until logged. */
    logStatus: text('log_status', { enum: ['completed', 'abandoned', 'missed'] }),
    rpe: integer('rpe'),
    workDone: integer('work_done'),
    workSkipped: integer('work_skipped'),
    workCutShort: integer('work_cut_short'),
    activeMin: doublePrecision('active_min'),
    entries: jsonb('entries').$type<Record<string, ExerciseEntry>>(),
    /** The recorded workout this log came from, when there is one. */
    workoutSessionId: uuid('workout_session_id').references(() => workoutSessions.id, { onDelete: 'set null' }),
    loggedAt: timestamp('logged_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.planId, t.slot] }),
    check('training_plan_sessions_slot', sql`${t.slot} >= 0 and ${t.week} >= 0`),
    check('training_plan_sessions_kind', sql`${t.kind} in ('train', 'test')`),
    check('training_plan_sessions_decision', sql`${t.decision} in ('progress', 'hold', 'back_off')`),
    check('training_plan_sessions_targets', sql`${t.workSec} > 0 and ${t.restSec} >= 0 and ${t.rounds} > 0 and ${t.loadMin} >= 0`),
    check('training_plan_sessions_rpe', sql`${t.rpe} is null or ${t.rpe} between 1 and 10`),
    check(
      'training_plan_sessions_log',
      sql`(${t.logStatus} is null and ${t.loggedAt} is null) or (${t.logStatus} in ('completed', 'abandoned', 'missed') and ${t.loggedAt} is not null
        and ${t.workDone} >= 0 and ${t.workSkipped} >= 0 and ${t.workCutShort} >= 0 and ${t.activeMin} >= 0 and ${t.entries} is not null)`,
    ),
  ],
);

/** Each changed target of a session, in order, with the one sentence shown for it. */
export const trainingPlanChanges = pgTable(
  'training_plan_changes',
  {
    planId: uuid('plan_id').notNull(),
    slot: integer('slot').notNull(),
    position: integer('position').notNull(),
    field: text('field', { enum: ['workSec', 'restSec', 'rounds', 'cadenceSpm', 'reps', 'loadKg'] }).notNull(),
    exercise: text('exercise'),
    fromValue: doublePrecision('from_value').notNull(),
    toValue: doublePrecision('to_value').notNull(),
    sentence: text('sentence').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.planId, t.slot, t.position] }),
    check('training_plan_changes_field', sql`${t.field} in ('workSec', 'restSec', 'rounds', 'cadenceSpm', 'reps', 'loadKg')`),
    check('training_plan_changes_exercise', sql`(${t.field} in ('reps', 'loadKg')) = (${t.exercise} is not null)`),
    check('training_plan_changes_sentence', sql`char_length(${t.sentence}) between 1 and 300`),
    foreignKey({ name: 'training_plan_changes_session_fk', columns: [t.planId, t.slot], foreignColumns: [trainingPlanSessions.planId, trainingPlanSessions.slot] }).onDelete('cascade'),
  ],
);
