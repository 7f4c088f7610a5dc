import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { SessionRecord } from '../../lib/domain/session-record';
import { notFound } from '../../lib/server/errors';
import type { Database } from '../client';
import { montages } from '../schema';
import { sessionIntervals, workoutSessions } from '../schema-sessions';

export interface SaveSessionParams {
  ownerId: string;
  session: SessionRecord;
}

export type SaveOutcome = 'created' | 'updated' | 'unchanged';

/**
 * Stores a session sent by the device, keyed by the id the device made: sending it again (a
 * retry, a beacon, the next visit) never doubles it, and an older revision arriving late never
 * overwrites a newer one. The session row and its intervals are written in one transaction.
 * An id another owner holds is "Session not found". A montage that is not the owner's (shared,
 * or deleted since) is kept by name only.
 */
export async function saveSession(db: Database, { ownerId, session }: SaveSessionParams): Promise<SaveOutcome> {
  return db.transaction(async (tx) => {
    const [linked] = session.montage.id
      ? await tx
          .select({ id: montages.id })
          .from(montages)
          .where(and(eq(montages.id, session.montage.id), eq(montages.ownerId, ownerId)))
      : [];
    const values = {
      id: session.id,
      ownerId,
      montageId: linked?.id ?? null,
      montageName: session.montage.name,
      montageMode: session.montage.mode,
      montageVersion: session.montage.version,
      status: session.status,
      startedAt: new Date(session.startedAt),
      endedAt: new Date(session.endedAt),
      plannedMs: session.plannedMs,
      activeMs: session.activeMs,
      pausedMs: session.pausedMs,
      pauseCount: session.pauseCount,
      revision: session.revision,
    };
    const [existing] = await tx.select({ id: workoutSessions.id }).from(workoutSessions).where(eq(workoutSessions.id, session.id)).for('update');
    // Writes only over the owner's own older revision. Nothing written: another owner's id (not found), a revision
    // already stored (a retry, a late beacon), or the loser of two first sends racing, which reports the winner's write.
    const written = await tx
      .insert(workoutSessions)
      .values(values)
      .onConflictDoUpdate({
        target: workoutSessions.id,
        set: { ...values, updatedAt: new Date() },
        setWhere: sql`${workoutSessions.ownerId} = ${ownerId} and ${workoutSessions.revision} < ${session.revision}`,
      })
      .returning({ id: workoutSessions.id });
    if (written.length === 0) {
      const [winner] = await tx.select({ ownerId: workoutSessions.ownerId }).from(workoutSessions).where(eq(workoutSessions.id, session.id));
      if (winner?.ownerId !== ownerId) throw notFound('Session');
      return 'unchanged';
    }
    await tx.delete(sessionIntervals).where(eq(sessionIntervals.sessionId, session.id));
    if (session.intervals.length > 0) {
      await tx.insert(sessionIntervals).values(
        session.intervals.map((i) => ({
          sessionId: session.id,
          position: i.position,
          entryIndex: i.entryIndex,
          trackTitle: i.trackTitle,
          kind: i.kind,
          exercise: i.exercise,
          intensity: i.intensity,
          plannedMs: i.plannedMs,
          activeMs: i.activeMs,
          status: i.status,
          reps: i.entry?.reps ?? null,
          loadKg: i.entry?.loadKg ?? null,
          distanceM: i.entry?.distanceM ?? null,
          timeSec: i.entry?.timeSec ?? null,
        })),
      );
    }
    return existing ? 'updated' : 'created';
  });
}

/** Deletes one of the owner's sessions (its intervals go with it); another owner's id is not found. */
export async function deleteSession(db: Database, ownerId: string, sessionId: string): Promise<void> {
  const deleted = await db
    .delete(workoutSessions)
    .where(and(eq(workoutSessions.id, sessionId), eq(workoutSessions.ownerId, ownerId)))
    .returning({ id: workoutSessions.id });
  if (deleted.length === 0) throw notFound('Session');
}

export interface SessionSummary {
  id: string;
  montageId: string | null;
  montageName: string;
  montageMode: string;
  montageVersion: number;
  status: 'completed' | 'abandoned';
  startedAt: Date;
  endedAt: Date;
  plannedMs: number;
  activeMs: number;
  pausedMs: number;
  pauseCount: number;
}

const summaryColumns = {
  id: workoutSessions.id,
  montageId: workoutSessions.montageId,
  montageName: workoutSessions.montageName,
  montageMode: workoutSessions.montageMode,
  montageVersion: workoutSessions.montageVersion,
  status: workoutSessions.status,
  startedAt: workoutSessions.startedAt,
  endedAt: workoutSessions.endedAt,
  plannedMs: workoutSessions.plannedMs,
  activeMs: workoutSessions.activeMs,
  pausedMs: workoutSessions.pausedMs,
  pauseCount: workoutSessions.pauseCount,
};

/** The owner's sessions, newest first. */
export async function listSessions(db: Database, ownerId: string, options: { limit?: number } = {}): Promise<SessionSummary[]> {
  const query = db.select(summaryColumns).from(workoutSessions).where(eq(workoutSessions.ownerId, ownerId)).orderBy(desc(workoutSessions.startedAt));
  return options.limit === undefined ? query : query.limit(options.limit);
}

export interface SessionIntervalRow {
  sessionId: string;
  position: number;
  entryIndex: number;
  trackTitle: string;
  kind: 'work' | 'rest';
  exercise: string;
  intensity: string;
  plannedMs: number;
  activeMs: number;
  status: 'done' | 'skipped' | 'cut_short';
  reps: number | null;
  loadKg: number | null;
  distanceM: number | null;
  timeSec: number | null;
}

/** Every interval of the owner's sessions, oldest session first (for export). */
export async function listSessionIntervals(db: Database, ownerId: string): Promise<SessionIntervalRow[]> {
  return db
    .select({
      sessionId: sessionIntervals.sessionId,
      position: sessionIntervals.position,
      entryIndex: sessionIntervals.entryIndex,
      trackTitle: sessionIntervals.trackTitle,
      kind: sessionIntervals.kind,
      exercise: sessionIntervals.exercise,
      intensity: sessionIntervals.intensity,
      plannedMs: sessionIntervals.plannedMs,
      activeMs: sessionIntervals.activeMs,
      status: sessionIntervals.status,
      reps: sessionIntervals.reps,
      loadKg: sessionIntervals.loadKg,
      distanceM: sessionIntervals.distanceM,
      timeSec: sessionIntervals.timeSec,
    })
    .from(sessionIntervals)
    .innerJoin(workoutSessions, eq(workoutSessions.id, sessionIntervals.sessionId))
    .where(eq(workoutSessions.ownerId, ownerId))
    .orderBy(asc(workoutSessions.startedAt), asc(sessionIntervals.sessionId), asc(sessionIntervals.position));
}
