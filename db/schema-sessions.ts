import { sql } from 'drizzle-orm';
import { check, doublePrecision, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { montages, owners } from './schema';

/**
 * One workout followed along: made on the device (its id too, so a retry never doubles it), kept
 * there while offline and sent when back online. It keeps what the montage was (name, mode,
 * version) so a session outlives a montage deleted or changed since.
 */
export const workoutSessions = pgTable(
  'workout_sessions',
  {
    id: uuid('id').primaryKey(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => owners.id, { onDelete: 'cascade' }),
    /** The owner's montage it followed; null for a shared montage or one deleted since. */
    montageId: uuid('montage_id').references(() => montages.id, { onDelete: 'set null' }),
    montageName: text('montage_name').notNull(),
    montageMode: text('montage_mode').notNull(),
    montageVersion: integer('montage_version').notNull(),
    /** Completed: the workout reached its end. Abandoned: what was done before the tab closed or the user left. */
    status: text('status', { enum: ['completed', 'abandoned'] }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }).notNull(),
    plannedMs: integer('planned_ms').notNull(),
    /** Time the workout clock ran (pauses left out). */
    activeMs: integer('active_ms').notNull(),
    pausedMs: integer('paused_ms').notNull(),
    pauseCount: integer('pause_count').notNull(),
    /** Bumped by the device at each save: an older copy arriving late never overwrites a newer one. */
    revision: integer('revision').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('workout_sessions_status', sql`${t.status} in ('completed', 'abandoned')`),
    check('workout_sessions_times', sql`${t.endedAt} >= ${t.startedAt}`),
    check('workout_sessions_ms', sql`${t.plannedMs} >= 0 and ${t.activeMs} >= 0 and ${t.pausedMs} >= 0 and ${t.pauseCount} >= 0`),
    check('workout_sessions_revision', sql`${t.revision} >= 0`),
    check('workout_sessions_name_length', sql`char_length(${t.montageName}) between 1 and 80`),
    index('workout_sessions_owner_started_idx').on(t.ownerId, t.startedAt),
  ],
);

/**
 * One interval of a session as it went: done, skipped, or cut short, with the optional entry the
 * user logged after it (reps, load, distance or time).
 */
export const sessionIntervals = pgTable(
  'session_intervals',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => workoutSessions.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    entryIndex: integer('entry_index').notNull(),
    trackTitle: text('track_title').notNull(),
    kind: text('kind', { enum: ['work', 'rest'] }).notNull(),
    exercise: text('exercise').notNull(),
    intensity: text('intensity').notNull(),
    plannedMs: integer('planned_ms').notNull(),
    activeMs: integer('active_ms').notNull(),
    status: text('status', { enum: ['done', 'skipped', 'cut_short'] }).notNull(),
    reps: integer('reps'),
    loadKg: doublePrecision('load_kg'),
    distanceM: doublePrecision('distance_m'),
    timeSec: integer('time_sec'),
  },
  (t) => [
    unique('session_intervals_position_unique').on(t.sessionId, t.position),
    check('session_intervals_position', sql`${t.position} >= 0`),
    check('session_intervals_kind', sql`${t.kind} in ('work', 'rest')`),
    check('session_intervals_status', sql`${t.status} in ('done', 'skipped', 'cut_short')`),
    check('session_intervals_ms', sql`${t.plannedMs} >= 0 and ${t.activeMs} >= 0`),
    check(
      'session_intervals_entry',
      sql`(${t.reps} is null or ${t.reps} between 0 and 10000) and (${t.loadKg} is null or ${t.loadKg} between 0 and 2000)
        and (${t.distanceM} is null or ${t.distanceM} between 0 and 1000000) and (${t.timeSec} is null or ${t.timeSec} between 0 and 86400)`,
    ),
  ],
);
