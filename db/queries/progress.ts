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
  const week = sql`date_trunc('week', ${workoutSessions.startedAt} at time zone 'UTC')`;
  // Long lists come back as one JSON value: far cheaper than thousands of rows through the driver.
  const [weekRows, statusRows, entryRows, recent] = await Promise.all([
    db
      .select({
        weeks: sql<[string, number, number][] | null>`json_agg(json_build_array(to_char(w.week, 'YYYY-MM-DD'), w.active_ms, w.sessions) order by w.week)`,
      })
      .from(
        sql`(select ${week} as week, sum(${workoutSessions.activeMs}) as active_ms, count(*) as sessions
          from ${workoutSessions} where ${workoutSessions.ownerId} = ${ownerId} group by 1) w`,
      ),
    db
      .select({ status: workoutSessions.status, count: sql<number>`count(*)::int`, activeMs: sql<string>`sum(${workoutSessions.activeMs})` })
      .from(workoutSessions)
      .where(eq(workoutSessions.ownerId, ownerId))
      .groupBy(workoutSessions.status),
    db
      .select({
        entries: sql<[string, string, number | null, number | null, number | null, number | null][] | null>`json_agg(json_build_array(
          ${sessionIntervals.exercise}, ${workoutSessions.startedAt}, ${sessionIntervals.reps}, ${sessionIntervals.loadKg},
          ${sessionIntervals.distanceM}, ${sessionIntervals.timeSec}) order by ${workoutSessions.startedAt})`,
      })
      .from(sessionIntervals)
      .innerJoin(workoutSessions, eq(workoutSessions.id, sessionIntervals.sessionId))
      .where(
        and(
          eq(workoutSessions.ownerId, ownerId),
          or(isNotNull(sessionIntervals.reps), isNotNull(sessionIntervals.loadKg), isNotNull(sessionIntervals.distanceM), isNotNull(sessionIntervals.timeSec)),
        ),
      ),
    listSessions(db, ownerId, { limit: options.recentLimit ?? 30 }),
  ]);
  const count = (status: string) => statusRows.find((r) => r.status === status)?.count ?? 0;
  return {
    weeks: (weekRows[0]?.weeks ?? []).map(([week, activeMs, sessions]) => ({ week, activeMs: Number(activeMs), sessions: Number(sessions) })),
    completed: count('completed'),
    abandoned: count('abandoned'),
    totalActiveMs: statusRows.reduce((sum, r) => sum + Number(r.activeMs), 0),
    entries: (entryRows[0]?.entries ?? []).map(([exercise, at, reps, loadKg, distanceM, timeSec]) => ({ exercise, at: new Date(at), reps, loadKg, distanceM, timeSec })),
    recent,
  };
}

