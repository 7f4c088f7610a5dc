import { locate, type TimelineStep } from './timeline';
import type { Intensity, IntervalKind } from './types';

export const SESSION_STATUSES = ['completed', 'abandoned'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
export const INTERVAL_OUTCOMES = ['done', 'skipped', 'cut_short'] as const;
export type IntervalOutcome = (typeof INTERVAL_OUTCOMES)[number];

/** What a user may log after a work interval; every field optional. */
export interface ExerciseEntry {
  reps?: number;
  loadKg?: number;
  distanceM?: number;
  timeSec?: number;
}

export interface IntervalRecord {
  /** The step's index in the montage's timeline. */
  position: number;
  entryIndex: number;
  trackTitle: string;
  kind: IntervalKind;
  exercise: string;
  intensity: Intensity;
  plannedMs: number;
  /** Workout-clock time spent in this interval (pauses left out; a repeat after "Previous" adds up). */
  activeMs: number;
  status: IntervalOutcome;
  entry?: ExerciseEntry;
}

export interface SessionMontageRef {
  /** The owner's montage; null for a shared one. */
  id: string | null;
  name: string;
  mode: string;
  version: number;
}

/**
 * A session as the device keeps and sends it. Until it completes, its status is "abandoned": what
 * the server should believe if the tab dies now. `endedAt` is the last moment the clock ran.
 */
export interface SessionRecord {
  id: string;
  montage: SessionMontageRef;
  status: SessionStatus;
  startedAt: string;
  endedAt: string;
  plannedMs: number;
  activeMs: number;
  pausedMs: number;
  pauseCount: number;
  /** Bumped at each change; the server keeps the highest it saw. */
  revision: number;
  intervals: IntervalRecord[];
}

/** What the recorder needs besides the record: where the clock was at the last observation. */
export interface RecorderState {
  record: SessionRecord;
  lastAtMs: number;
  lastElapsedMs: number;
  lastIndex: number;
  wasRunning: boolean;
  /** Wall time the current pause began; null while running. */
  pausedSinceMs: number | null;
}

export interface Observation {
  /** Wall-clock time (ms since the epoch). */
  nowMs: number;
  /** The workout clock. */
  elapsedMs: number;
  isRunning: boolean;
}

/** An interval is done when at most this much of it was left out. */
const DONE_TOLERANCE_MS = 1500;
/** Less than this spent in an interval is a skip, not a try. */
const SKIP_BELOW_MS = 1000;

export function outcomeOf(activeMs: number, plannedMs: number): IntervalOutcome {
  if (activeMs >= plannedMs - Math.min(DONE_TOLERANCE_MS, plannedMs * 0.1)) return 'done';
  return activeMs < SKIP_BELOW_MS ? 'skipped' : 'cut_short';
}

function intervalOf(steps: readonly TimelineStep[], position: number): IntervalRecord {
  const step = steps[position]!;
  return {
    position,
    entryIndex: step.entryIndex,
    trackTitle: step.trackTitle,
    kind: step.kind,
    exercise: step.exercise,
    intensity: step.intensity,
    plannedMs: step.endMs - step.startMs,
    activeMs: 0,
    status: 'skipped',
  };
}

/** Starts a session at the first Start: nothing is recorded before the user trains. */
export function startSession(options: { id: string; montage: SessionMontageRef; steps: readonly TimelineStep[]; nowMs: number; elapsedMs: number }): RecorderState {
  const { steps, nowMs, elapsedMs } = options;
  const at = locate(steps, elapsedMs);
  const iso = new Date(nowMs).toISOString();
  return {
    record: {
      id: options.id,
      montage: options.montage,
      status: 'abandoned',
      startedAt: iso,
      endedAt: iso,
      plannedMs: steps.at(-1)?.endMs ?? 0,
      activeMs: 0,
      pausedMs: 0,
      pauseCount: 0,
      revision: 0,
      intervals: at.isFinished ? [] : [intervalOf(steps, at.index)],
    },
    lastAtMs: nowMs,
    lastElapsedMs: elapsedMs,
    lastIndex: at.index,
    wasRunning: true,
    pausedSinceMs: null,
  };
}

function withInterval(intervals: IntervalRecord[], steps: readonly TimelineStep[], position: number): IntervalRecord[] {
  if (position >= steps.length || intervals.some((i) => i.position === position)) return intervals;
  return [...intervals, intervalOf(steps, position)].sort((a, b) => a.position - b.position);
}

/**
 * Moves the record on to a new look at the clock. While running, clock time that flowed on
 * (not a jump) is credited to the intervals it crossed; a jump credits only the wall time spent
 * before it. Returns the same state object when nothing changed; a completed session is final.
 */
export function observe(state: RecorderState, steps: readonly TimelineStep[], now: Observation): RecorderState {
  const { record } = state;
  if (record.status === 'completed') return state;
  const wallMs = Math.max(0, now.nowMs - state.lastAtMs);
  const clockMs = now.elapsedMs - state.lastElapsedMs;
  const at = locate(steps, now.elapsedMs);
  if (wallMs === 0 && clockMs === 0 && now.isRunning === state.wasRunning && at.index === state.lastIndex) return state;

  let intervals = record.intervals.map((i) => ({ ...i }));
  let activeMs = record.activeMs;
  if (state.wasRunning) {
    activeMs += wallMs;
    // A flow of the clock at about wall speed is training; anything else is a jump (previous/next, a seek).
    const isFlow = clockMs >= 0 && clockMs <= wallMs + 1000;
    if (isFlow) {
      for (let p = state.lastIndex; p <= Math.min(at.index, steps.length - 1); p++) {
        const step = steps[p]!;
        const overlap = Math.min(step.endMs, now.elapsedMs) - Math.max(step.startMs, state.lastElapsedMs);
        if (overlap <= 0) continue;
        intervals = withInterval(intervals, steps, p);
        const record = intervals.find((i) => i.position === p)!;
        record.activeMs += overlap;
      }
    } else if (state.lastIndex < steps.length) {
      intervals = withInterval(intervals, steps, state.lastIndex);
      intervals.find((i) => i.position === state.lastIndex)!.activeMs += Math.min(wallMs, Math.max(0, clockMs));
    }
  }
  intervals = withInterval(intervals, steps, at.index);
  for (const interval of intervals) interval.status = outcomeOf(interval.activeMs, interval.plannedMs);

  let { pausedMs, pauseCount } = record;
  let pausedSinceMs = state.pausedSinceMs;
  if (state.wasRunning && !now.isRunning && !at.isFinished) {
    pauseCount += 1;
    pausedSinceMs = now.nowMs;
  } else if (!state.wasRunning && now.isRunning && pausedSinceMs !== null) {
    pausedMs += now.nowMs - pausedSinceMs;
    pausedSinceMs = null;
  }

  const isCompleted = at.isFinished;
  if (isCompleted) {
    // Intervals never reached (jumped over) were skipped.
    for (let p = 0; p < steps.length; p++) intervals = withInterval(intervals, steps, p);
  }
  const ranUntil = state.wasRunning || now.isRunning ? now.nowMs : state.lastAtMs;
  return {
    record: {
      ...record,
      status: isCompleted ? 'completed' : 'abandoned',
      endedAt: new Date(Math.max(Date.parse(record.startedAt), ranUntil)).toISOString(),
      activeMs: Math.round(activeMs),
      pausedMs: Math.round(pausedMs),
      pauseCount,
      revision: record.revision + 1,
      intervals: intervals.map((i) => ({ ...i, activeMs: Math.round(i.activeMs) })),
    },
    lastAtMs: now.nowMs,
    lastElapsedMs: now.elapsedMs,
    lastIndex: at.index,
    wasRunning: now.isRunning && !isCompleted,
    pausedSinceMs,
  };
}

/** Stores what the user logged after an interval (an empty entry clears it). */
export function logEntry(state: RecorderState, position: number, entry: ExerciseEntry): RecorderState {
  const isEmpty = Object.values(entry).every((v) => v === undefined);
  const intervals = state.record.intervals.map((i) => {
    if (i.position !== position) return i;
    const { entry: _old, ...rest } = i;
    return isEmpty ? rest : { ...rest, entry };
  });
  return { ...state, record: { ...state.record, intervals, revision: state.record.revision + 1 } };
}
