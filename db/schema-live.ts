import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp, unique, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { TimelineStep } from '../lib/domain/timeline';
import type { LeaderAction } from '../lib/live/session-timeline';

export const LIVE_EVENT_TYPES = ['start', 'pause', 'resume', 'next', 'previous', 'end', 'hand-lead'] as const;
export const LIVE_END_REASONS = ['leader', 'finished', 'idle'] as const;

/**
 * A montage trained together, live. Its steps are a copy taken when it went live, so an edit to
 * the montage during the session moves nobody's timeline. Where the session is (running, paused,
 * which second) is not stored here: it is the fold of its events (lib/live/session-timeline.ts).
 */
export const liveSessions = pgTable(
  'live_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    montageName: text('montage_name').notNull(),
    steps: jsonb('steps').$type<TimelineStep[]>().notNull(),
    /** The link's token (lib/live/join-code.ts): 256 random bits, as share links keep theirs. */
    joinToken: text('join_token').notNull().unique('live_sessions_join_token_unique'),
    /** The short code to type; unique among sessions not ended, and free again once one ends. */
    joinCode: text('join_code').notNull(),
    /** Who opened it: the leader the fold of its events starts from. Null only while being created. */
    openedByParticipantId: uuid('opened_by_participant_id').references((): AnyPgColumn => liveParticipants.id, { onDelete: 'set null' }),
    /** The current leader, kept beside the events so each request is authorised with one read; null only while being created. */
    leaderParticipantId: uuid('leader_participant_id').references((): AnyPgColumn => liveParticipants.id, { onDelete: 'set null' }),
    actionLeadMs: integer('action_lead_ms').notNull(),
    maxParticipants: integer('max_participants').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** Any event, or a participant connected or heard from: what the idle rule counts from. */
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endReason: text('end_reason', { enum: LIVE_END_REASONS }),
  },
  (t) => [
    check('live_sessions_join_token_length', sql`char_length(${t.joinToken}) = 43`),
    check('live_sessions_join_code_format', sql`${t.joinCode} ~ '^[0-9A-HJKMNP-TV-Z]{6}$'`),
    check('live_sessions_limits', sql`${t.actionLeadMs} between 0 and 10000 and ${t.maxParticipants} between 1 and 10000`),
    check('live_sessions_end', sql`(${t.endedAt} is null) = (${t.endReason} is null)`),
    check('live_sessions_end_reason', sql`${t.endReason} is null or ${t.endReason} in ('leader', 'finished', 'idle')`),
    check('live_sessions_name_length', sql`char_length(${t.montageName}) between 1 and 80`),
    uniqueIndex('live_sessions_open_join_code_unique').on(t.joinCode).where(sql`${t.endedAt} is null`),
    // The sweep that ends idle sessions reads the open ones by their last activity.
    index('live_sessions_open_activity_idx').on(t.lastActivityAt).where(sql`${t.endedAt} is null`),
  ],
);

/**
 * Someone in a live session. No account: the device holds a random credential and the row keeps
 * only its hash. The optional name is all the others learn of them.
 */
export const liveParticipants = pgTable(
  'live_participants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references((): AnyPgColumn => liveSessions.id, { onDelete: 'cascade' }),
    displayName: text('display_name'),
    credentialHash: text('credential_hash').notNull().unique('live_participants_credential_unique'),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    /** Left of their own accord: their seat is free. A participant who only dropped keeps it. */
    leftAt: timestamp('left_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    check('live_participants_name_length', sql`${t.displayName} is null or char_length(${t.displayName}) between 1 and 40`),
    check('live_participants_times', sql`${t.lastSeenAt} >= ${t.joinedAt} and (${t.leftAt} is null or ${t.leftAt} >= ${t.joinedAt})`),
    index('live_participants_session_idx').on(t.sessionId, t.joinedAt),
  ],
);

/**
 * What the leader (or the service itself: `participant_id` null) did, in the order the server
 * accepted it. `seq` numbers a session's events 1, 2, 3… with no gap: a stream that dropped
 * resumes after the last `seq` it saw. Appends to one session are serialised (its row is locked),
 * so a higher `seq` is never committed before a lower one.
 */
export const liveEvents = pgTable(
  'live_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => liveSessions.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    participantId: uuid('participant_id').references(() => liveParticipants.id, { onDelete: 'set null' }),
    type: text('type', { enum: LIVE_EVENT_TYPES }).notNull(),
    action: jsonb('action').$type<LeaderAction>().notNull(),
    /** When the server accepted it (ms precision): the timeline's changes are planned from it. */
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    unique('live_events_session_seq_unique').on(t.sessionId, t.seq),
    check('live_events_seq', sql`${t.seq} >= 1`),
    check('live_events_type', sql`${t.type} in ('start', 'pause', 'resume', 'next', 'previous', 'end', 'hand-lead')`),
    check('live_events_action_type', sql`${t.action} ->> 'type' = ${t.type}`),
  ],
);
