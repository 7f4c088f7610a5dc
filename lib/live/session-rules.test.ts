import { describe, expect, it } from 'vitest';
import type { TimelineStep } from '../domain/timeline';
import { autoEndEvent, autoEndReason, canDrive, canHandLeadTo, canJoin, checkStartAt, DEFAULT_LIVE_LIMITS, leaderGoneEvent, type LiveLimits } from './session-rules';
import { applyEvent, createSessionTimeline, positionAt, replayEvents, type LeaderAction, type SessionTimeline } from './session-timeline';

const step = (startMs: number, endMs: number, exercise: string): TimelineStep => ({ startMs, endMs, entryIndex: 0, trackTitle: 'War', trackArtist: 'Vince DiCola', kind: 'work', exercise, intensity: 'hard', cue: '' });
const steps = [step(0, 60_000, 'Rock lift'), step(60_000, 120_000, 'Mountain climb')];
const T = Date.parse('2026-12-08T07:00:00Z');
const limits: LiveLimits = { maxParticipants: 3, finishedGraceMs: 60_000, idleEndMs: 600_000, maxStartDelayMs: 30_000 };

function session(...actions: [LeaderAction, number][]): SessionTimeline {
  const result = replayEvents(
    createSessionTimeline({ steps, leaderId: 'rocky', actionLeadMs: 0 }),
    actions.map(([action, atMs]) => ({ action, byParticipantId: 'rocky', atServerMs: T + atMs })),
  );
  if (!result.ok) throw new Error(result.code);
  return result.timeline;
}
const running = session([{ type: 'start', startAtServerMs: T }, 0]);

describe('joining', () => {
  it('caps the participants, yet keeps the seat of one who dropped and comes back', () => {
    expect(canJoin({ timeline: running, nowServerMs: T, seatedCount: 2, isRejoin: false }, limits)).toEqual({ ok: true });
    expect(canJoin({ timeline: running, nowServerMs: T, seatedCount: 3, isRejoin: false }, limits)).toEqual({ ok: false, code: 'session-full' });
    expect(canJoin({ timeline: running, nowServerMs: T, seatedCount: 3, isRejoin: true }, limits)).toEqual({ ok: true });
  });

  it('nobody joins a session once it has ended, rejoining or not', () => {
    const ended = session([{ type: 'start', startAtServerMs: T }, 0], [{ type: 'end' }, 1000]);
    expect(canJoin({ timeline: ended, nowServerMs: T + 1000, seatedCount: 0, isRejoin: true }, limits)).toEqual({ ok: false, code: 'session-ended' });
    expect(canJoin({ timeline: ended, nowServerMs: T + 500, seatedCount: 0, isRejoin: false }, limits)).toEqual({ ok: true });
  });

  it('has a default cap a gym class fits in', () => {
    expect(DEFAULT_LIVE_LIMITS.maxParticipants).toBeGreaterThanOrEqual(20);
  });
});

describe('driving', () => {
  it('the leader drives, nobody else; the lead goes only to someone seated', () => {
    expect(canDrive(running, 'rocky')).toBe(true);
    expect(canDrive(running, 'drago')).toBe(false);
    expect(canHandLeadTo(running, ['rocky', 'adrian'], 'adrian')).toBe(true);
    expect(canHandLeadTo(running, ['rocky', 'adrian'], 'drago')).toBe(false);
    expect(canHandLeadTo(running, ['rocky', 'adrian'], 'rocky')).toBe(false);
  });

  it('a start may be set at most maxStartDelayMs ahead', () => {
    expect(checkStartAt(T + 30_000, T, limits)).toBeNull();
    expect(checkStartAt(T + 30_001, T, limits)).toBe('start-too-far');
    expect(checkStartAt(T - 5000, T, limits)).toBeNull();
  });

  it('the service itself may pause, hand the lead or end, and nothing else', () => {
    expect(applyEvent(running, { action: { type: 'pause' }, byParticipantId: null, atServerMs: T + 10 }).ok).toBe(true);
    expect(applyEvent(running, { action: { type: 'next' }, byParticipantId: null, atServerMs: T + 10 })).toEqual({ ok: false, code: 'not-leader' });
  });
});

describe('sessions end by themselves', () => {
  it('finishedGraceMs after the workout is over', () => {
    const finishedAt = T + 120_000;
    expect(autoEndReason(running, { nowServerMs: finishedAt + 59_999, lastActivityServerMs: finishedAt }, limits)).toBeNull();
    expect(autoEndReason(running, { nowServerMs: finishedAt + 60_000, lastActivityServerMs: finishedAt }, limits)).toBe('finished');
  });

  it('also when paused after the end, counted from the pause', () => {
    const pausedAfterEnd = session([{ type: 'start', startAtServerMs: T }, 0], [{ type: 'pause' }, 200_000]);
    expect(autoEndReason(pausedAfterEnd, { nowServerMs: T + 259_999, lastActivityServerMs: T + 200_000 }, limits)).toBeNull();
    expect(autoEndReason(pausedAfterEnd, { nowServerMs: T + 260_000, lastActivityServerMs: T + 200_000 }, limits)).toBe('finished');
  });

  it('idleEndMs after the last activity, in the lobby or paused; a paused session with people around stays', () => {
    const lobby = createSessionTimeline({ steps, leaderId: 'rocky', actionLeadMs: 0 });
    expect(autoEndReason(lobby, { nowServerMs: T + 600_000, lastActivityServerMs: T }, limits)).toBe('idle');
    const paused = session([{ type: 'start', startAtServerMs: T }, 0], [{ type: 'pause' }, 10_000]);
    expect(autoEndReason(paused, { nowServerMs: T + 3_600_000, lastActivityServerMs: T + 3_500_000 }, limits)).toBeNull();
    expect(autoEndReason(paused, { nowServerMs: T + 3_600_000, lastActivityServerMs: T + 10_000 }, limits)).toBe('idle');
  });

  it('the service ends it with an event of its own, after which nothing more', () => {
    const result = applyEvent(running, autoEndEvent(T + 200_000));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(positionAt(result.timeline, T + 200_000)).toMatchObject({ phase: 'ended' });
    expect(autoEndReason(result.timeline, { nowServerMs: T + 9_000_000, lastActivityServerMs: T }, limits)).toBeNull();
  });
});

describe('when the leader is gone', () => {
  it('the lead passes to whoever has been seated longest', () => {
    const event = leaderGoneEvent(running, { nowServerMs: T + 5000, seatedIdsByJoinOrder: ['rocky', 'adrian', 'paulie'] });
    expect(event).toEqual({ action: { type: 'hand-lead', toParticipantId: 'adrian' }, byParticipantId: null, atServerMs: T + 5000 });
    const result = applyEvent(running, event!);
    expect(result.ok && result.timeline.leaderId).toBe('adrian');
  });

  it('alone, the session pauses where the leader left it (and stays so if already paused)', () => {
    const event = leaderGoneEvent(running, { nowServerMs: T + 5000, seatedIdsByJoinOrder: ['rocky'] });
    expect(event?.action).toEqual({ type: 'pause' });
    const result = applyEvent(running, event!);
    expect(result.ok && positionAt(result.timeline, T + 50_000)).toMatchObject({ isPaused: true, offsetInStepMs: 5000 });
    expect(leaderGoneEvent(session([{ type: 'start', startAtServerMs: T }, 0], [{ type: 'pause' }, 1000]), { nowServerMs: T + 5000, seatedIdsByJoinOrder: [] })).toBeNull();
  });
});
