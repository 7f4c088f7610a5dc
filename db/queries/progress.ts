import { sql } from 'drizzle-orm';
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
 * completed vs abandoned, the logged entries and the latest sessions: two indexed statements,
 * however many years of sessions there are.
 */
export async function getProgress(db: Database, ownerId: string, options: { recentLimit?: number } = {}): Promise<ProgressData> {
  const s = workoutSessions;
  const i = sessionIntervals;
  // One statement, long lists as JSON values: far cheaper than thousands of rows through the driver.
  const [[totals], recent] = await Promise.all([
    db
      .select({
        weeks: sql<[string, number, number, number][] | null>`json_agg(json_build_array(to_char(w.week, 'YYYY-MM-DD'), w.active_ms, w.sessions, w.completed) order by w.week)`,
        entries: sql<[string, string, number | null, number | null, number | null, number | null][] | null>`(
          select json_agg(json_build_array(${i.exercise}, ${s.startedAt}, ${i.reps}, ${i.loadKg}, ${i.distanceM}, ${i.timeSec}) order by ${s.startedAt})
          from ${i} inner join ${s} on ${s.id} = ${i.sessionId}
          where ${s.ownerId} = ${ownerId}
            and (${i.reps} is not null or ${i.loadKg} is not null or ${i.distanceM} is not null or ${i.timeSec} is not null))`,
      })
      .from(
        sql`(select date_trunc('week', ${s.startedAt} at time zone 'UTC') as week, sum(${s.activeMs}) as active_ms, count(*) as sessions,
            count(*) filter (where ${s.status} = 'completed') as completed
          from ${s} where ${s.ownerId} = ${ownerId} group by 1) w`,
      ),
    listSessions(db, ownerId, { limit: options.recentLimit ?? 30 }),
  ]);
  const weeks = (totals?.weeks ?? []).map(([week, activeMs, sessions, completed]) => ({ week, activeMs: Number(activeMs), sessions: Number(sessions), completed: Number(completed) }));
  const completed = weeks.reduce((sum, w) => sum + w.completed, 0);
  const sessions = weeks.reduce((sum, w) => sum + w.sessions, 0);
  return {
    weeks: weeks.map(({ week, activeMs, sessions }) => ({ week, activeMs, sessions })),
    completed,
    abandoned: sessions - completed,
    totalActiveMs: weeks.reduce((sum, w) => sum + w.activeMs, 0),
    entries: (totals?.entries ?? []).map(([exercise, at, reps, loadKg, distanceM, timeSec]) => ({ exercise, at: new Date(at), reps, loadKg, distanceM, timeSec })),
    recent,
  };
}

