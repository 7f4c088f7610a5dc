import { and, asc, count, eq, gt, isNull, sql } from 'drizzle-orm';
import type { TimelineStep } from '../../lib/domain/timeline';
import { canHandLeadTo, canJoin, type AutoEndReason, type JoinRefusal } from '../../lib/live/session-rules';
import { applyEvent, createSessionTimeline, replayEvents, type LeaderAction, type LiveEvent, type SessionTimeline, type TimelineRefusal } from '../../lib/live/session-timeline';
import type { Database, Transaction } from '../client';
import { liveEvents, liveParticipants, liveSessions } from '../schema-live';

export interface CreateLiveSessionParams {
  montageName: string;
  steps: readonly TimelineStep[];
  joinToken: string;
  joinCode: string;
  leader: { credentialHash: string; displayName: string | null };
  actionLeadMs: number;
  maxParticipants: number;
  nowMs: number;
}

/**
 * Opens a live session with its leader seated, in one transaction. `code-taken` when an open
 * session already has that short code: the caller draws another.
 */
export async function createLiveSession(db: Database, params: CreateLiveSessionParams): Promise<{ sessionId: string; leaderId: string } | 'code-taken'> {
  return db.transaction(async (tx) => {
    const now = new Date(params.nowMs);
    const [session] = await tx
      .insert(liveSessions)
      .values({
        montageName: params.montageName,
        steps: [...params.steps],
        joinToken: params.joinToken,
        joinCode: params.joinCode,
        actionLeadMs: params.actionLeadMs,
        maxParticipants: params.maxParticipants,
        createdAt: now,
        lastActivityAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: liveSessions.id });
    if (!session) return 'code-taken';
    const [leader] = await tx
      .insert(liveParticipants)
      .values({ sessionId: session.id, displayName: params.leader.displayName, credentialHash: params.leader.credentialHash, joinedAt: now, lastSeenAt: now })
      .returning({ id: liveParticipants.id });
    await tx.update(liveSessions).set({ openedByParticipantId: leader!.id, leaderParticipantId: leader!.id }).where(eq(liveSessions.id, session.id));
    return { sessionId: session.id, leaderId: leader!.id };
  });
}

export interface LiveSessionState {
  sessionId: string;
  montageName: string;
  timeline: SessionTimeline;
  /** The `seq` of the last event folded in (0 for none): a stream starts after it. */
  lastSeq: number;
  maxParticipants: number;
  lastActivityMs: number;
  endedAtMs: number | null;
}

/** Reads the session and folds its events; under `forUpdate`, its row stays locked until the transaction ends. */
async function readState(tx: Database | Transaction, sessionId: string, options: { forUpdate: boolean }): Promise<LiveSessionState | null> {
  const query = tx.select().from(liveSessions).where(eq(liveSessions.id, sessionId));
  const [session] = options.forUpdate ? await query.for('update') : await query;
  if (!session) return null;
  const events = await tx.select().from(liveEvents).where(eq(liveEvents.sessionId, sessionId)).orderBy(asc(liveEvents.seq));
  const replayed = replayEvents(
    createSessionTimeline({ steps: session.steps, leaderId: session.openedByParticipantId ?? '', actionLeadMs: session.actionLeadMs }),
    events.map(toLiveEvent),
  );
  // Stored events were each accepted by the same fold under the session's lock: a refusal here is a corrupted history.
  if (!replayed.ok) throw new Error(`live session ${sessionId}: stored event ${replayed.appliedCount + 1} no longer applies (${replayed.code})`);
  return {
    sessionId,
    montageName: session.montageName,
    timeline: replayed.timeline,
    lastSeq: events.at(-1)?.seq ?? 0,
    maxParticipants: session.maxParticipants,
    lastActivityMs: session.lastActivityAt.getTime(),
    endedAtMs: session.endedAt?.getTime() ?? null,
  };
}

function toLiveEvent(row: typeof liveEvents.$inferSelect): LiveEvent {
  return { action: row.action, byParticipantId: row.participantId, atServerMs: row.at.getTime() };
}

export function getLiveSession(db: Database, sessionId: string): Promise<LiveSessionState | null> {
  return readState(db, sessionId, { forUpdate: false });
}

export async function getLiveSessionIdByJoinToken(db: Database, joinToken: string): Promise<string | null> {
  const [row] = await db.select({ id: liveSessions.id }).from(liveSessions).where(eq(liveSessions.joinToken, joinToken));
  return row?.id ?? null;
}

/** Only open sessions answer to their short code: a code is reused once its session ended. */
export async function getLiveSessionIdByJoinCode(db: Database, joinCode: string): Promise<string | null> {
  const [row] = await db
    .select({ id: liveSessions.id })
    .from(liveSessions)
    .where(and(eq(liveSessions.joinCode, joinCode), isNull(liveSessions.endedAt)));
  return row?.id ?? null;
}

export interface AppendLiveEventParams {
  sessionId: string;
  /** null: the service itself (auto-end, a leader gone). */
  participantId: string | null;
  action: LeaderAction;
  /** Why the service ends a session by itself (with `participantId` null and an `end`). */
  autoEndReason?: AutoEndReason;
  nowMs: number;
}

export type AppendRefusal = TimelineRefusal | 'session-not-found' | 'lead-not-seated';

/**
 * Records one leader action if the timeline accepts it now, in one transaction under the
 * session's row lock: appends are serialised per session, so `seq` has no gap and is committed in
 * order, and the session row (leader, end, activity) changes with the event or not at all.
 */
export async function appendLiveEvent(db: Database, params: AppendLiveEventParams): Promise<{ ok: true; seq: number; timeline: SessionTimeline } | { ok: false; code: AppendRefusal }> {
  return db.transaction(async (tx) => {
    const state = await readState(tx, params.sessionId, { forUpdate: true });
    if (!state) return { ok: false, code: 'session-not-found' };
    // The server's clock never runs backwards for a session: an event is stamped no earlier than the last.
    const atServerMs = Math.max(params.nowMs, state.timeline.lastEventServerMs ?? -Infinity);
    const result = applyEvent(state.timeline, { action: params.action, byParticipantId: params.participantId, atServerMs });
    if (!result.ok) return result;
    if (params.action.type === 'hand-lead') {
      const seated = await tx
        .select({ id: liveParticipants.id })
        .from(liveParticipants)
        .where(and(eq(liveParticipants.sessionId, params.sessionId), isNull(liveParticipants.leftAt)));
      if (!canHandLeadTo(state.timeline, seated.map((row) => row.id), params.action.toParticipantId)) return { ok: false, code: 'lead-not-seated' };
    }
    const seq = state.lastSeq + 1;
    await tx.insert(liveEvents).values({ sessionId: params.sessionId, seq, participantId: params.participantId, type: params.action.type, action: params.action, at: new Date(atServerMs) });
    const ended = params.action.type === 'end' ? { endedAt: new Date(result.timeline.segments.at(-1)!.fromServerMs), endReason: params.participantId === null ? (params.autoEndReason ?? 'idle') : ('leader' as const) } : {};
    await tx
      .update(liveSessions)
      .set({ leaderParticipantId: result.timeline.leaderId, lastActivityAt: latest(new Date(atServerMs)), ...ended })
      .where(eq(liveSessions.id, params.sessionId));
    return { ok: true, seq, timeline: result.timeline };
  });
}

/** Activity never moves back: requests stamped by different processes may arrive out of order. */
function latest(at: Date) {
  return sql`greatest(${liveSessions.lastActivityAt}, ${at})`;
}

/** A session's events after `afterSeq`, in order: what a stream that dropped missed. */
export async function listLiveEventsAfter(db: Database, params: { sessionId: string; afterSeq: number }): Promise<(LiveEvent & { seq: number })[]> {
  const rows = await db
    .select()
    .from(liveEvents)
    .where(and(eq(liveEvents.sessionId, params.sessionId), gt(liveEvents.seq, params.afterSeq)))
    .orderBy(asc(liveEvents.seq));
  return rows.map((row) => ({ ...toLiveEvent(row), seq: row.seq }));
}

export interface JoinLiveSessionParams {
  sessionId: string;
  credentialHash: string;
  displayName: string | null;
  nowMs: number;
}

/**
 * Seats a participant if the session is open and has room (lib/live/session-rules.ts), counting
 * the seats under the session's row lock so two joining at once cannot both take the last one.
 */
export async function joinLiveSession(db: Database, params: JoinLiveSessionParams): Promise<{ ok: true; participantId: string } | { ok: false; code: JoinRefusal | 'session-not-found' }> {
  return db.transaction(async (tx) => {
    const state = await readState(tx, params.sessionId, { forUpdate: true });
    if (!state) return { ok: false, code: 'session-not-found' };
    const [seated] = await tx
      .select({ count: count() })
      .from(liveParticipants)
      .where(and(eq(liveParticipants.sessionId, params.sessionId), isNull(liveParticipants.leftAt)));
    const verdict = canJoin({ timeline: state.timeline, nowServerMs: params.nowMs, seatedCount: seated?.count ?? 0, isRejoin: false }, state);
    if (!verdict.ok) return verdict;
    const now = new Date(params.nowMs);
    const [participant] = await tx
      .insert(liveParticipants)
      .values({ sessionId: params.sessionId, displayName: params.displayName, credentialHash: params.credentialHash, joinedAt: now, lastSeenAt: now })
      .returning({ id: liveParticipants.id });
    await tx.update(liveSessions).set({ lastActivityAt: latest(now) }).where(eq(liveSessions.id, params.sessionId));
    return { ok: true, participantId: participant!.id };
  });
}

/** The participant a device's credential names in that session, if seated. */
export async function getLiveParticipantByCredential(db: Database, params: { sessionId: string; credentialHash: string }) {
  const [row] = await db
    .select({ id: liveParticipants.id, displayName: liveParticipants.displayName, leftAt: liveParticipants.leftAt })
    .from(liveParticipants)
    .where(and(eq(liveParticipants.sessionId, params.sessionId), eq(liveParticipants.credentialHash, params.credentialHash)));
  return row ?? null;
}

/** Leaving frees the seat; the leader leaving is the caller's to handle first (hand the lead). */
export async function leaveLiveSession(db: Database, params: { participantId: string; nowMs: number }): Promise<boolean> {
  const left = await db
    .update(liveParticipants)
    .set({ leftAt: new Date(params.nowMs), lastSeenAt: sql`greatest(${liveParticipants.lastSeenAt}, ${new Date(params.nowMs)})` })
    .where(and(eq(liveParticipants.id, params.participantId), isNull(liveParticipants.leftAt)))
    .returning({ id: liveParticipants.id });
  return left.length > 0;
}

/** A participant heard from (a stream open, a ping): they count as present, and the session as active. One transaction. */
export async function touchLiveParticipant(db: Database, params: { participantId: string; nowMs: number }): Promise<void> {
  await db.transaction(async (tx) => {
    const now = new Date(params.nowMs);
    const [touched] = await tx
      .update(liveParticipants)
      .set({ lastSeenAt: sql`greatest(${liveParticipants.lastSeenAt}, ${now})` })
      .where(eq(liveParticipants.id, params.participantId))
      .returning({ sessionId: liveParticipants.sessionId });
    if (touched) await tx.update(liveSessions).set({ lastActivityAt: latest(now) }).where(eq(liveSessions.id, touched.sessionId));
  });
}

/** The participant reached the end of the workout (kept once set: the first finish counts). */
export async function markLiveParticipantFinished(db: Database, params: { participantId: string; nowMs: number }): Promise<void> {
  await db
    .update(liveParticipants)
    .set({ finishedAt: new Date(params.nowMs) })
    .where(and(eq(liveParticipants.id, params.participantId), isNull(liveParticipants.finishedAt)));
}

export interface LiveRoom {
  /** Seated now (not left), the leader included. */
  seatedCount: number;
  finishedCount: number;
  /** Seated but not heard from for `droppedAfterMs`: for the leader's eyes only (the caller authorises). Names only, null for none. */
  dropped: { participantId: string; displayName: string | null }[];
}

/** Who is in the room: counts for everyone, and who dropped for the leader. */
export async function getLiveRoom(db: Database, params: { sessionId: string; nowMs: number; droppedAfterMs: number }): Promise<LiveRoom> {
  const rows = await db
    .select({ id: liveParticipants.id, displayName: liveParticipants.displayName, lastSeenAt: liveParticipants.lastSeenAt, finishedAt: liveParticipants.finishedAt })
    .from(liveParticipants)
    .where(and(eq(liveParticipants.sessionId, params.sessionId), isNull(liveParticipants.leftAt)))
    .orderBy(asc(liveParticipants.joinedAt), asc(liveParticipants.id));
  return {
    seatedCount: rows.length,
    finishedCount: rows.filter((row) => row.finishedAt !== null).length,
    dropped: rows.filter((row) => params.nowMs - row.lastSeenAt.getTime() > params.droppedAfterMs).map((row) => ({ participantId: row.id, displayName: row.displayName })),
  };
}
