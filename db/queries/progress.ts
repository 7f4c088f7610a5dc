import { and, eq, isNotNull, or, sql } from 'drizzle-orm';
import type { LoggedEntry, WeekTotal } from '../../lib/domain/progress';
import type { Database } from '../client';
import { sessionIntervals, workoutSessions } from '../schema-sessions';
import { listSessions, type SessionSummary } from './sessions';

export interface ProgressData {
  weeks: WeekTotal[];
  completed: number;
  abandoned: number;
  totalActiveMs: number;
  entries: LoggedEntry[];
  recent: SessionSummary[];
}

/**
 * Everything the progress page shows, aggregated by the database: totals per week (Monday, UTC),
 * completed vs abandoned, the logged entries and the latest sessions. Four indexed queries,
 * however many years of sessions there are.
 */
export async function getProgress(db: Database, ownerId: string, options: { recentLimit?: number } = {}): Promise<ProgressData> {
  const week = sql<string>`to_char(date_trunc('week', ${workoutSessions.startedAt} at time zone 'UTC'), 'YYYY-MM-DD')`;
  const [weekRows, statusRows, entryRows, recent] = await Promise.all([
    db
      .select({ week, activeMs: sql<string>`sum(${workoutSessions.activeMs})`, sessions: sql<number>`count(*)::int` })
      .from(workoutSessions)
      .where(eq(workoutSessions.ownerId, ownerId))
      .groupBy(week)
      .orderBy(week),
    db
      .select({ status: workoutSessions.status, count: sql<number>`count(*)::int`, activeMs: sql<string>`sum(${workoutSessions.activeMs})` })
      .from(workoutSessions)
      .where(eq(workoutSessions.ownerId, ownerId))
      .groupBy(workoutSessions.status),
    db
      .select({
        exercise: sessionIntervals.exercise,
        at: workoutSessions.startedAt,
        reps: sessionIntervals.reps,
        loadKg: sessionIntervals.loadKg,
        distanceM: sessionIntervals.distanceM,
        timeSec: sessionIntervals.timeSec,
      })
      .from(sessionIntervals)
      .innerJoin(workoutSessions, eq(workoutSessions.id, sessionIntervals.sessionId))
      .where(
        and(
          eq(workoutSessions.ownerId, ownerId),
          or(isNotNull(sessionIntervals.reps), isNotNull(sessionIntervals.loadKg), isNotNull(sessionIntervals.distanceM), isNotNull(sessionIntervals.timeSec)),
        ),
      )
      .orderBy(workoutSessions.startedAt),
    listSessions(db, ownerId, { limit: options.recentLimit ?? 30 }),
  ]);
  const count = (status: string) => statusRows.find((r) => r.status === status)?.count ?? 0;
  return {
    weeks: weekRows.map((r) => ({ week: r.week, activeMs: Number(r.activeMs), sessions: r.sessions })),
    completed: count('completed'),
    abandoned: count('abandoned'),
    totalActiveMs: statusRows.reduce((sum, r) => sum + Number(r.activeMs), 0),
    entries: entryRows,
    recent,
  };
}

