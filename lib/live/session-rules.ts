import { elapsedAt, finishesAtServerMs, type LiveEvent, type SessionTimeline } from './session-timeline';

export interface LiveLimits {
  /** Participants a session holds at once, the leader included. */
  maxParticipants: number;
  /** A finished workout's session stays open this long for goodbyes and the results (ms). */
  finishedGraceMs: number;
  /** A session with no activity (no event, no participant connected or heard from) for this long ends (ms). */
  idleEndMs: number;
  /** How far ahead a leader may set the start (ms). */
  maxStartDelayMs: number;
}

export const DEFAULT_LIVE_LIMITS: LiveLimits = {
  maxParticipants: 50,
  finishedGraceMs: 5 * 60_000,
  idleEndMs: 30 * 60_000,
  maxStartDelayMs: 60_000,
};

export type JoinRefusal = 'session-full' | 'session-ended';

/**
 * Whether someone may join. A participant rejoining (their seat kept: they dropped, never left)
 * always may while the session lasts, so a full class never locks out someone whose phone slept.
 */
export function canJoin(
  input: { timeline: SessionTimeline; nowServerMs: number; seatedCount: number; isRejoin: boolean },
  limits: Pick<LiveLimits, 'maxParticipants'> = DEFAULT_LIVE_LIMITS,
): { ok: true } | { ok: false; code: JoinRefusal } {
  if (hasEnded(input.timeline, input.nowServerMs)) return { ok: false, code: 'session-ended' };
  if (!input.isRejoin && input.seatedCount >= limits.maxParticipants) return { ok: false, code: 'session-full' };
  return { ok: true };
}

/** Only the leader drives the session (start, pause, resume, next, previous, end, hand the lead). */
export function canDrive(timeline: SessionTimeline, participantId: string): boolean {
  return timeline.leaderId === participantId;
}

/** The lead goes only to someone seated in the session now, and not to the leader. */
export function canHandLeadTo(timeline: SessionTimeline, seatedIds: readonly string[], toParticipantId: string): boolean {
  return toParticipantId !== timeline.leaderId && seatedIds.includes(toParticipantId);
}

export type StartRefusal = 'start-too-far';

/** A start no further ahead than `maxStartDelayMs` (one in the past starts as soon as every device can know). */
export function checkStartAt(startAtServerMs: number, nowServerMs: number, limits: LiveLimits = DEFAULT_LIVE_LIMITS): StartRefusal | null {
  return startAtServerMs - nowServerMs > limits.maxStartDelayMs ? 'start-too-far' : null;
}

function hasEnded(timeline: SessionTimeline, nowServerMs: number): boolean {
  const last = timeline.segments.at(-1);
  return last?.kind === 'ended' && last.fromServerMs <= nowServerMs;
}

export type AutoEndReason = 'finished' | 'idle';

/**
 * Why the session should end by itself at `nowServerMs`, or null: `finishedGraceMs` after the
 * workout's clock reached its end (running, or paused past it), or `idleEndMs` after the last
 * activity. Activity is the caller's record: any event, any participant connected or heard from.
 */
export function autoEndReason(
  timeline: SessionTimeline,
  input: { nowServerMs: number; lastActivityServerMs: number },
  limits: LiveLimits = DEFAULT_LIVE_LIMITS,
): AutoEndReason | null {
  const last = timeline.segments.at(-1);
  if (last?.kind === 'ended') return null;
  const totalMs = timeline.steps.at(-1)?.endMs ?? 0;
  const finishedAtMs = finishesAtServerMs(timeline) ?? (last?.kind === 'paused' && (elapsedAt(timeline, last.fromServerMs) ?? 0) >= totalMs ? last.fromServerMs : null);
  if (finishedAtMs !== null && input.nowServerMs - finishedAtMs >= limits.finishedGraceMs) return 'finished';
  if (input.nowServerMs - input.lastActivityServerMs >= limits.idleEndMs) return 'idle';
  return null;
}

/** The event the service records to end a session by itself. */
export function autoEndEvent(nowServerMs: number): LiveEvent {
  return { action: { type: 'end' }, byParticipantId: null, atServerMs: nowServerMs };
}

/**
 * When the leader's device is gone (its stream closed past the reconnect grace): the lead passes
 * to whoever has been seated longest, so a class goes on; with nobody else seated, the session
 * pauses so the leader finds it where they left it. Null when the timeline needs no change.
 */
export function leaderGoneEvent(timeline: SessionTimeline, input: { nowServerMs: number; seatedIdsByJoinOrder: readonly string[] }): LiveEvent | null {
  const last = timeline.segments.at(-1);
  if (last?.kind === 'ended') return null;
  const heir = input.seatedIdsByJoinOrder.find((id) => id !== timeline.leaderId);
  if (heir) return { action: { type: 'hand-lead', toParticipantId: heir }, byParticipantId: null, atServerMs: input.nowServerMs };
  if (last?.kind === 'running') return { action: { type: 'pause' }, byParticipantId: null, atServerMs: input.nowServerMs };
  return null;
}
