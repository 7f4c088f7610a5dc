import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import {
  appendLiveEvent,
  createLiveSession,
  getLiveSession,
  getLiveSessionIdByJoinCode,
  getLiveRoom,
  getLiveSessionIdByJoinToken,
  joinLiveSession,
  leaveLiveSession,
  listLiveEventsAfter,
  markLiveParticipantFinished,
  touchLiveParticipant,
} from '../../db/queries/live-sessions';
import { liveEvents, liveSessions } from '../../db/schema-live';
import type { TimelineStep } from '../../lib/domain/timeline';
import { joinCodeFromBytes, joinTokenFromBytes } from '../../lib/live/join-code';
import { positionAt } from '../../lib/live/session-timeline';

const step = (startMs: number, endMs: number, exercise: string): TimelineStep => ({ startMs, endMs, entryIndex: 0, trackTitle: 'War', trackArtist: 'Vince DiCola', kind: 'work', exercise, intensity: 'hard', cue: '' });
const steps = [step(0, 60_000, 'Log carry'), step(60_000, 120_000, 'Sled pull'), step(120_000, 180_000, 'Mountain climb')];
const T = Date.parse('2026-12-08T08:00:00Z');
const LEAD_MS = 300;
const credential = () => randomBytes(32).toString('hex');

async function open(options: { maxParticipants?: number; joinCode?: string } = {}) {
  const db = await getDb();
  const joinToken = joinTokenFromBytes(randomBytes(32));
  const joinCode = options.joinCode ?? joinCodeFromBytes(randomBytes(6));
  const created = await createLiveSession(db, {
    montageName: 'Rocky circuit',
    steps,
    joinToken,
    joinCode,
    leader: { credentialHash: credential(), displayName: 'Rocky' },
    actionLeadMs: LEAD_MS,
    maxParticipants: options.maxParticipants ?? 10,
    nowMs: T,
  });
  if (created === 'code-taken') throw new Error('code taken');
  return { db, ...created, joinToken, joinCode };
}

async function join(sessionId: string, name: string | null = null, nowMs = T + 1000) {
  const db = await getDb();
  const joined = await joinLiveSession(db, { sessionId, credentialHash: credential(), displayName: name, nowMs });
  if (!joined.ok) throw new Error(joined.code);
  return joined.participantId;
}

describe('a live session in the database', () => {
  it('opens with its leader seated, found by its link token and by its short code', async () => {
    const { db, sessionId, leaderId, joinToken, joinCode } = await open();
    const state = (await getLiveSession(db, sessionId))!;
    expect(state.timeline.leaderId).toBe(leaderId);
    expect(state.lastSeq).toBe(0);
    expect(positionAt(state.timeline, T)).toMatchObject({ phase: 'lobby' });
    expect(await getLiveSessionIdByJoinToken(db, joinToken)).toBe(sessionId);
    expect(await getLiveSessionIdByJoinCode(db, joinCode)).toBe(sessionId);
  });

  it('a short code is held by one open session at a time and free again once it ends', async () => {
    const first = await open({ joinCode: 'K7M4QX' });
    const db = first.db;
    await expect(open({ joinCode: 'K7M4QX' })).rejects.toThrow('code taken');
    const ended = await appendLiveEvent(db, { sessionId: first.sessionId, participantId: first.leaderId, action: { type: 'end' }, nowMs: T + 5000 });
    expect(ended.ok).toBe(true);
    const second = await open({ joinCode: 'K7M4QX' });
    expect(await getLiveSessionIdByJoinCode(db, 'K7M4QX')).toBe(second.sessionId);
    const [row] = await db.select().from(liveSessions).where(eq(liveSessions.id, first.sessionId));
    expect(row).toMatchObject({ endReason: 'leader', endedAt: new Date(T + 5000 + LEAD_MS) });
  });

  it('records the leader’s actions numbered 1, 2, 3…; a stream resumes after the last it saw; the fold lands every device on the same second', async () => {
    const { db, sessionId, leaderId } = await open();
    const start = await appendLiveEvent(db, { sessionId, participantId: leaderId, action: { type: 'start', startAtServerMs: T + 5000 }, nowMs: T + 1000 });
    const pause = await appendLiveEvent(db, { sessionId, participantId: leaderId, action: { type: 'pause' }, nowMs: T + 70_000 });
    expect([start.ok && start.seq, pause.ok && pause.seq]).toEqual([1, 2]);
    const missed = await listLiveEventsAfter(db, { sessionId, afterSeq: 1 });
    expect(missed).toEqual([{ seq: 2, action: { type: 'pause' }, byParticipantId: leaderId, atServerMs: T + 70_000 }]);
    const state = (await getLiveSession(db, sessionId))!;
    expect(state.lastSeq).toBe(2);
    expect(positionAt(state.timeline, T + 600_000)).toMatchObject({ phase: 'interval', isPaused: true, index: 1, offsetInStepMs: 5300 });
  });

  it('only the leader drives: a participant’s action is refused and writes nothing', async () => {
    const { db, sessionId, leaderId } = await open();
    const drago = await join(sessionId, 'Drago');
    await appendLiveEvent(db, { sessionId, participantId: leaderId, action: { type: 'start', startAtServerMs: T }, nowMs: T });
    const refused = await appendLiveEvent(db, { sessionId, participantId: drago, action: { type: 'pause' }, nowMs: T + 2000 });
    expect(refused).toEqual({ ok: false, code: 'not-leader' });
    expect(await listLiveEventsAfter(db, { sessionId, afterSeq: 0 })).toHaveLength(1);
    const [row] = await db.select({ lastActivityAt: liveSessions.lastActivityAt }).from(liveSessions).where(eq(liveSessions.id, sessionId));
    expect(row!.lastActivityAt).toEqual(new Date(T + 1000));
  });

  it('handing the lead moves it for good (only to someone seated in this session): stored, folded again from the events, and the old leader refused', async () => {
    const { db, sessionId, leaderId } = await open();
    const adrian = await join(sessionId, 'Adrian');
    const elsewhere = await open();
    const gone = await join(sessionId, 'Duke');
    await leaveLiveSession(db, { participantId: gone, nowMs: T + 1500 });
    for (const toParticipantId of [elsewhere.leaderId, gone]) {
      expect(await appendLiveEvent(db, { sessionId, participantId: leaderId, action: { type: 'hand-lead', toParticipantId }, nowMs: T + 1500 })).toEqual({ ok: false, code: 'lead-not-seated' });
    }
    await appendLiveEvent(db, { sessionId, participantId: leaderId, action: { type: 'hand-lead', toParticipantId: adrian }, nowMs: T + 2000 });
    const [row] = await db.select({ leader: liveSessions.leaderParticipantId }).from(liveSessions).where(eq(liveSessions.id, sessionId));
    expect(row!.leader).toBe(adrian);
    expect((await getLiveSession(db, sessionId))!.timeline.leaderId).toBe(adrian);
    expect(await appendLiveEvent(db, { sessionId, participantId: leaderId, action: { type: 'start', startAtServerMs: T }, nowMs: T + 3000 })).toEqual({ ok: false, code: 'not-leader' });
    expect((await appendLiveEvent(db, { sessionId, participantId: adrian, action: { type: 'start', startAtServerMs: T }, nowMs: T + 3000 })).ok).toBe(true);
  });

  it('caps the seats even when many join at once; one who leaves frees a seat; nobody joins an ended session', async () => {
    const { db, sessionId } = await open({ maxParticipants: 3 });
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => joinLiveSession(db, { sessionId, credentialHash: credential(), displayName: `Runner ${i}`, nowMs: T + 1000 })));
    const seated = results.filter((r) => r.ok);
    expect(seated).toHaveLength(2);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.code === 'session-full')).toBe(true);
    expect(await leaveLiveSession(db, { participantId: seated[0]!.ok ? seated[0]!.participantId : '', nowMs: T + 2000 })).toBe(true);
    expect((await joinLiveSession(db, { sessionId, credentialHash: credential(), displayName: null, nowMs: T + 3000 })).ok).toBe(true);
    await appendLiveEvent(db, { sessionId, participantId: null, action: { type: 'end' }, autoEndReason: 'idle', nowMs: T + 4000 });
    expect(await joinLiveSession(db, { sessionId, credentialHash: credential(), displayName: null, nowMs: T + 60_000 })).toEqual({ ok: false, code: 'session-ended' });
    const [row] = await db.select({ endReason: liveSessions.endReason }).from(liveSessions).where(eq(liveSessions.id, sessionId));
    expect(row!.endReason).toBe('idle');
  });

  it('actions sent at once are numbered without gaps or duplicates, in the order they were accepted', async () => {
    const { db, sessionId, leaderId } = await open();
    await appendLiveEvent(db, { sessionId, participantId: leaderId, action: { type: 'start', startAtServerMs: T }, nowMs: T });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => appendLiveEvent(db, { sessionId, participantId: leaderId, action: { type: 'next' }, nowMs: T + 1000 + i })));
    const seqs = results.map((r) => (r.ok ? r.seq : -1)).sort((a, b) => a - b);
    // Two of eight "next" land past the end of three steps' workout: still accepted, at its end.
    expect(seqs).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    const events = await listLiveEventsAfter(db, { sessionId, afterSeq: 0 });
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const times = events.map((e) => e.atServerMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(positionAt((await getLiveSession(db, sessionId))!.timeline, T + 10_000)).toMatchObject({ phase: 'finished' });
  });

  it('the room: who is in and who finished for everyone; who dropped (not heard from) for the leader; activity kept for the idle rule', async () => {
    const { db, sessionId, leaderId } = await open();
    const adrian = await join(sessionId, 'Adrian');
    const paulie = await join(sessionId, null);
    const duke = await join(sessionId, 'Duke');
    await leaveLiveSession(db, { participantId: duke, nowMs: T + 2000 });
    await touchLiveParticipant(db, { participantId: leaderId, nowMs: T + 60_000 });
    await touchLiveParticipant(db, { participantId: adrian, nowMs: T + 60_000 });
    await markLiveParticipantFinished(db, { participantId: adrian, nowMs: T + 50_000 });
    const room = await getLiveRoom(db, { sessionId, nowMs: T + 70_000, droppedAfterMs: 30_000 });
    expect(room).toEqual({ seatedCount: 3, finishedCount: 1, dropped: [{ participantId: paulie, displayName: null }] });
    expect((await getLiveSession(db, sessionId))!.lastActivityMs).toBe(T + 60_000);
    // A ping stamped before the session's last activity (another process, a late request) does not move it back.
    await touchLiveParticipant(db, { participantId: paulie, nowMs: T + 10_000 });
    expect((await getLiveRoom(db, { sessionId, nowMs: T + 70_000, droppedAfterMs: 30_000 })).dropped).toHaveLength(1);
    expect((await getLiveSession(db, sessionId))!.lastActivityMs).toBe(T + 60_000);
  });

  it('the database refuses what the code would never write: a malformed code, an action filed under another type', async () => {
    const { db, sessionId } = await open();
    await expect(db.execute(sql`update live_sessions set join_code = 'ILOU12' where id = ${sessionId}`)).rejects.toThrow();
    await expect(db.insert(liveEvents).values({ sessionId, seq: 1, participantId: null, type: 'pause', action: { type: 'end' }, at: new Date(T) })).rejects.toThrow();
    expect(await listLiveEventsAfter(db, { sessionId, afterSeq: 0 })).toEqual([]);
  });
});
