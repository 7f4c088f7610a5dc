import { cueFor, COUNTDOWN_BEEPS, timedCuesOf } from '../domain/workout-cues';
import type { SessionTimeline } from './session-timeline';

/**
 * One reading of the device's audio clock against its own clock, e.g. from
 * `AudioContext.getOutputTimestamp()` (`contextTime` in seconds, `performanceTime` in ms).
 */
export interface AudioClockMapping {
  audioTimeS: number;
  deviceMs: number;
}

export type LiveCueKind = 'count' | 'start' | 'halfway' | 'resume' | 'finish';

export interface PlannedCue {
  /** Stable across re-plans while the timeline segment it belongs to stands: the key to schedule and cancel by. */
  id: string;
  kind: LiveCueKind;
  /** The step it belongs to; null for the countdown before the start and the finish. */
  stepIndex: number | null;
  /** For a count: 3, 2 or 1. */
  secondsLeft: number | null;
  /** What the voice says, null for a beep. */
  spoken: string | null;
  atServerMs: number;
  atDeviceMs: number;
  /** When to play it on the audio clock (s); null when the device has no audio clock yet. */
  atAudioTimeS: number | null;
}

export interface PlanOptions {
  /** The device's own clock now (ms), the one `offsetMs` was estimated against. */
  nowDeviceMs: number;
  /** Server minus device (ms), from the clock-offset estimate. */
  offsetMs: number;
  audioClock: AudioClockMapping | null;
  /** How far ahead to schedule (ms). */
  horizonMs: number;
}

/** Every cue of the workout at its time on the workout's clock (ms): the count-in, each step's start and timed cues, the finish. */
function cuesOnWorkoutClock(timeline: SessionTimeline): { atMs: number; key: string; kind: LiveCueKind; stepIndex: number | null; secondsLeft: number | null; spoken: string | null }[] {
  const { steps } = timeline;
  const first = steps[0];
  const last = steps.at(-1);
  const cues = [];
  if (first) {
    for (const secondsLeft of COUNTDOWN_BEEPS) cues.push({ atMs: first.startMs - secondsLeft * 1000, key: `pre:count:${secondsLeft}`, kind: 'count' as const, stepIndex: null, secondsLeft, spoken: null });
  }
  steps.forEach((step, stepIndex) => {
    cues.push({ atMs: step.startMs, key: `${stepIndex}:start`, kind: 'start' as const, stepIndex, secondsLeft: null, spoken: cueFor(steps, stepIndex)!.spoken });
    for (const { atMs, cue } of timedCuesOf(step)) {
      const secondsLeft = cue.kind === 'count' ? cue.secondsLeft : null;
      cues.push({ atMs, key: `${stepIndex}:${cue.kind}${secondsLeft ? `:${secondsLeft}` : ''}`, kind: cue.kind, stepIndex, secondsLeft, spoken: cue.kind === 'halfway' ? 'Halfway.' : null });
    }
  });
  if (last) cues.push({ atMs: last.endMs, key: 'finish', kind: 'finish' as const, stepIndex: null, secondsLeft: null, spoken: 'Workout done.' });
  return cues;
}

/**
 * The cues this device should schedule now: those the timeline reaches within `horizonMs`, each at
 * its moment on the device's clock and audio clock. Never "play now because a message came":
 * every device computes the same server times from the same timeline and corrects them by its
 * own offset. Re-planning after any event is safe: a cue keeps its id (and time) for as long as
 * the segment it lies in stands, so `reconcileCues` leaves it alone.
 */
export function planCues(timeline: SessionTimeline, options: PlanOptions): PlannedCue[] {
  const nowServerMs = options.nowDeviceMs + options.offsetMs;
  const untilServerMs = nowServerMs + options.horizonMs;
  const workoutCues = cuesOnWorkoutClock(timeline);
  const planned: PlannedCue[] = [];
  const toCue = (segmentIndex: number, atServerMs: number, cue: Omit<(typeof workoutCues)[number], 'atMs'>): PlannedCue => {
    const atDeviceMs = atServerMs - options.offsetMs;
    const atAudioTimeS = options.audioClock ? options.audioClock.audioTimeS + (atDeviceMs - options.audioClock.deviceMs) / 1000 : null;
    return { id: `${segmentIndex}:${cue.key}`, kind: cue.kind, stepIndex: cue.stepIndex, secondsLeft: cue.secondsLeft, spoken: cue.spoken, atServerMs, atDeviceMs, atAudioTimeS };
  };

  timeline.segments.forEach((segment, segmentIndex) => {
    const endServerMs = timeline.segments[segmentIndex + 1]?.fromServerMs ?? Infinity;
    if (segment.kind !== 'running' || endServerMs <= nowServerMs || segment.fromServerMs > untilServerMs) return;
    // The first segment's clock read backwards is the countdown to the start: its cues lie before the segment.
    const fromServerMs = segmentIndex === 0 ? -Infinity : segment.fromServerMs;
    const isInWindow = (atServerMs: number) => atServerMs >= nowServerMs && atServerMs <= untilServerMs && atServerMs >= fromServerMs && atServerMs < endServerMs;
    let landsOnCue = false;
    for (const cue of workoutCues) {
      const atServerMs = segment.fromServerMs + (cue.atMs - segment.elapsedMs);
      if (atServerMs === segment.fromServerMs && cue.kind === 'start') landsOnCue = true;
      if (isInWindow(atServerMs)) planned.push(toCue(segmentIndex, atServerMs, cue));
    }
    // Resumed (or jumped) into the middle of an interval: say what it is as the clock moves again.
    if (segmentIndex > 0 && !landsOnCue && isInWindow(segment.fromServerMs)) {
      const stepIndex = timeline.steps.findIndex((step) => step.startMs <= segment.elapsedMs && segment.elapsedMs < step.endMs);
      if (stepIndex >= 0) {
        planned.push(toCue(segmentIndex, segment.fromServerMs, { key: 'resume', kind: 'resume', stepIndex, secondsLeft: null, spoken: `${timeline.steps[stepIndex]!.exercise}. Go.` }));
      }
    }
  });
  return planned.sort((a, b) => a.atServerMs - b.atServerMs || a.id.localeCompare(b.id));
}

export interface CueChanges {
  /** Already scheduled and still right: leave them. */
  keep: PlannedCue[];
  /** Scheduled but no longer planned (or moved): stop them before they sound. */
  cancel: PlannedCue[];
  /** Planned and not yet scheduled: schedule them. */
  schedule: PlannedCue[];
}

/**
 * What to change on the device after a re-plan. A cue whose time has passed (or comes within
 * `toleranceMs`) is taken as played: never cancelled, never scheduled again (a re-estimated
 * offset may nudge it a little later).
 * A pending cue that moved by more than `toleranceMs` is cancelled and scheduled again.
 */
export function reconcileCues(scheduled: readonly PlannedCue[], planned: readonly PlannedCue[], options: { nowDeviceMs: number; toleranceMs: number }): CueChanges {
  // Within the tolerance of sounding, a cue is as good as played: too late to move it reliably.
  const played = new Set(scheduled.filter((cue) => cue.atDeviceMs <= options.nowDeviceMs + options.toleranceMs).map((cue) => cue.id));
  const plannedById = new Map(planned.map((cue) => [cue.id, cue]));
  const keep: PlannedCue[] = [];
  const cancel: PlannedCue[] = [];
  for (const cue of scheduled) {
    if (played.has(cue.id)) continue;
    const again = plannedById.get(cue.id);
    if (again && isSameMoment(cue, again, options.toleranceMs)) keep.push(cue);
    else cancel.push(cue);
  }
  const kept = new Set(keep.map((cue) => cue.id));
  const schedule = planned.filter((cue) => !kept.has(cue.id) && !played.has(cue.id));
  return { keep, cancel, schedule };
}

function isSameMoment(a: PlannedCue, b: PlannedCue, toleranceMs: number): boolean {
  if (Math.abs(a.atDeviceMs - b.atDeviceMs) > toleranceMs) return false;
  if (a.atAudioTimeS === null || b.atAudioTimeS === null) return a.atAudioTimeS === b.atAudioTimeS;
  return Math.abs(a.atAudioTimeS - b.atAudioTimeS) * 1000 <= toleranceMs;
}
