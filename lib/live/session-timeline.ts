import { locate, type TimelineStep } from '../domain/timeline';
import { nextStartMs, previousStartMs } from '../domain/workout-cues';

/** What the leader can do. `start` names when the workout begins on the server's clock. */
export type LeaderAction =
  | { type: 'start'; startAtServerMs: number }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'next' }
  | { type: 'previous' }
  | { type: 'end' }
  | { type: 'hand-lead'; toParticipantId: string };

/**
 * An action as the server accepted it: who, and when on the server's clock (ms). `byParticipantId`
 * null is the service itself (see session-rules.ts), which may only pause, hand the lead or end.
 */
export interface LiveEvent {
  action: LeaderAction;
  byParticipantId: string | null;
  atServerMs: number;
}

const SERVICE_ACTIONS: ReadonlySet<LeaderAction['type']> = new Set(['pause', 'hand-lead', 'end']);

/**
 * From `fromServerMs` on, the workout's clock reads `elapsedMs` and runs (or stands still, or
 * the session is over). The workout's elapsed time is a piecewise-linear function of the
 * server's time made of these segments: any device can evaluate it for any moment.
 */
export interface TimelineSegment {
  fromServerMs: number;
  elapsedMs: number;
  kind: 'running' | 'paused' | 'ended';
}

export interface SessionTimeline {
  /** The montage's steps (lib/domain/timeline.ts), on the workout's own clock. */
  steps: readonly TimelineStep[];
  leaderId: string;
  /**
   * How far after the server accepts a pause, resume, jump or end it takes effect (ms): long
   * enough for the message to reach every device, so each schedules the change on its own
   * clock instead of reacting to the message late by its own network delay.
   */
  actionLeadMs: number;
  /** Empty until the start; ordered by `fromServerMs`, never rewritten, only appended to. */
  segments: readonly TimelineSegment[];
  lastEventServerMs: number | null;
}

export type TimelineRefusal =
  | 'not-leader'
  | 'out-of-order'
  | 'not-started'
  | 'already-started'
  | 'session-ended'
  | 'not-running'
  | 'not-paused'
  | 'already-leader';

export type TimelineResult = { ok: true; timeline: SessionTimeline } | { ok: false; code: TimelineRefusal };

export function createSessionTimeline(options: { steps: readonly TimelineStep[]; leaderId: string; actionLeadMs: number }): SessionTimeline {
  return { steps: options.steps, leaderId: options.leaderId, actionLeadMs: options.actionLeadMs, segments: [], lastEventServerMs: null };
}

/** The segment in force at `serverMs`; before the first, the first (its clock read backwards is the countdown). */
export function segmentAt(timeline: SessionTimeline, serverMs: number): TimelineSegment | null {
  let found: TimelineSegment | null = timeline.segments[0] ?? null;
  for (const segment of timeline.segments) {
    if (segment.fromServerMs <= serverMs) found = segment;
    else break;
  }
  return found;
}

/** The workout's elapsed time at `serverMs` (ms): negative while counting down to the start; null before a start. */
export function elapsedAt(timeline: SessionTimeline, serverMs: number): number | null {
  const segment = segmentAt(timeline, serverMs);
  if (!segment) return null;
  return segment.kind === 'running' ? segment.elapsedMs + (serverMs - segment.fromServerMs) : segment.elapsedMs;
}

/**
 * Folds one accepted leader event into the timeline. Only the leader drives; events come in the
 * order the server accepted them. Every change of the clock takes effect `actionLeadMs` after it
 * was accepted (a start no sooner), so it is a fact about the future that every device can plan.
 */
export function applyEvent(timeline: SessionTimeline, event: LiveEvent): TimelineResult {
  const isAllowed = event.byParticipantId === null ? SERVICE_ACTIONS.has(event.action.type) : event.byParticipantId === timeline.leaderId;
  if (!isAllowed) return { ok: false, code: 'not-leader' };
  if (timeline.lastEventServerMs !== null && event.atServerMs < timeline.lastEventServerMs) return { ok: false, code: 'out-of-order' };
  const last = timeline.segments.at(-1);
  if (last?.kind === 'ended') return { ok: false, code: 'session-ended' };
  const accepted = { ...timeline, lastEventServerMs: event.atServerMs };
  const action = event.action;

  if (action.type === 'hand-lead') {
    if (action.toParticipantId === timeline.leaderId) return { ok: false, code: 'already-leader' };
    return { ok: true, timeline: { ...accepted, leaderId: action.toParticipantId } };
  }
  // A change never lands before one already planned: the segments stay in order.
  const effectiveMs = Math.max(event.atServerMs + timeline.actionLeadMs, last?.fromServerMs ?? -Infinity);
  if (action.type === 'start') {
    if (last) return { ok: false, code: 'already-started' };
    const fromServerMs = Math.max(action.startAtServerMs, effectiveMs);
    return { ok: true, timeline: { ...accepted, segments: [{ fromServerMs, elapsedMs: 0, kind: 'running' }] } };
  }
  if (!last) return action.type === 'end' ? { ok: true, timeline: append(accepted, { fromServerMs: effectiveMs, elapsedMs: 0, kind: 'ended' }) } : { ok: false, code: 'not-started' };

  // Changes take effect no sooner than the start, so a jump during the countdown would land on it: refused.
  const isCountingDown = event.atServerMs < timeline.segments[0]!.fromServerMs;
  if (isCountingDown && (action.type === 'next' || action.type === 'previous')) return { ok: false, code: 'not-started' };
  const elapsedMs = elapsedAt(timeline, effectiveMs)!;
  switch (action.type) {
    case 'pause':
      if (last.kind !== 'running') return { ok: false, code: 'not-running' };
      return { ok: true, timeline: append(accepted, { fromServerMs: effectiveMs, elapsedMs, kind: 'paused' }) };
    case 'resume':
      if (last.kind !== 'paused') return { ok: false, code: 'not-paused' };
      return { ok: true, timeline: append(accepted, { fromServerMs: effectiveMs, elapsedMs, kind: 'running' }) };
    case 'next':
      return { ok: true, timeline: append(accepted, { fromServerMs: effectiveMs, elapsedMs: nextStartMs(timeline.steps, elapsedMs), kind: last.kind }) };
    case 'previous':
      return { ok: true, timeline: append(accepted, { fromServerMs: effectiveMs, elapsedMs: previousStartMs(timeline.steps, elapsedMs), kind: last.kind }) };
    case 'end':
      return { ok: true, timeline: append(accepted, { fromServerMs: effectiveMs, elapsedMs, kind: 'ended' }) };
  }
}

function append(timeline: SessionTimeline, segment: TimelineSegment): SessionTimeline {
  return { ...timeline, segments: [...timeline.segments, segment] };
}

/** Replays stored events in order; the first refused one stops the replay and is reported. */
export function replayEvents(timeline: SessionTimeline, events: readonly LiveEvent[]): TimelineResult & { appliedCount: number } {
  let current = timeline;
  for (const [index, event] of events.entries()) {
    const result = applyEvent(current, event);
    if (!result.ok) return { ...result, appliedCount: index };
    current = result.timeline;
  }
  return { ok: true, timeline: current, appliedCount: events.length };
}

export type LivePhase = 'lobby' | 'countdown' | 'interval' | 'finished' | 'ended';

export interface LivePosition {
  phase: LivePhase;
  isPaused: boolean;
  /** The workout's clock (ms): negative during the countdown, null in the lobby or once ended. */
  elapsedMs: number | null;
  /** The current step, null outside an interval. */
  index: number | null;
  /** How far into the current step (ms). */
  offsetInStepMs: number | null;
  /** Time left in the current step, or until the start during the countdown (ms). */
  remainingMs: number | null;
}

/**
 * Where the session is at `serverMs`: the step and the offset inside it, so a device that joins
 * late or wakes from sleep lands on the right second of the right interval from the timeline
 * alone, without having seen the events as they happened.
 */
export function positionAt(timeline: SessionTimeline, serverMs: number): LivePosition {
  const none = { elapsedMs: null, index: null, offsetInStepMs: null, remainingMs: null };
  const segment = segmentAt(timeline, serverMs);
  if (!segment) return { phase: 'lobby', isPaused: false, ...none };
  // An ended segment is in force only from its start, unless it is the first (ended from the lobby).
  if (segment.kind === 'ended') return { phase: segment.fromServerMs <= serverMs ? 'ended' : 'lobby', isPaused: false, ...none };
  const elapsedMs = elapsedAt(timeline, serverMs)!;
  const isPaused = segment.kind === 'paused';
  if (elapsedMs < 0) return { phase: 'countdown', isPaused, elapsedMs, index: null, offsetInStepMs: null, remainingMs: -elapsedMs };
  const at = locate(timeline.steps, elapsedMs);
  if (at.isFinished) return { phase: 'finished', isPaused, elapsedMs, index: null, offsetInStepMs: null, remainingMs: 0 };
  const step = timeline.steps[at.index]!;
  return { phase: 'interval', isPaused, elapsedMs, index: at.index, offsetInStepMs: elapsedMs - step.startMs, remainingMs: at.remainingMs };
}

/** When the workout's last step ends on the server's clock, if it runs on untouched; null when not running. */
export function finishesAtServerMs(timeline: SessionTimeline): number | null {
  const last = timeline.segments.at(-1);
  if (!last || last.kind !== 'running') return null;
  const totalMs = timeline.steps.at(-1)?.endMs ?? 0;
  return last.fromServerMs + Math.max(0, totalMs - last.elapsedMs);
}
