import { locate, type TimelineStep } from './timeline';

/** Pressing "Previous" this long into an interval restarts it; sooner, it goes to the one before. */
export const RESTART_WINDOW_MS = 3000;
/** Intervals at least this long get a spoken "halfway" cue. */
export const HALFWAY_CUE_MIN_MS = 60_000;
/** Beeps count down the last seconds of each interval: 3, 2, 1. */
export const COUNTDOWN_BEEPS = [3, 2, 1] as const;

/**
 * Where "Previous" takes the workout from `elapsedMs`: the start of the current interval, or of
 * the one before when the current one began less than `RESTART_WINDOW_MS` ago (the first
 * interval restarts). Always an interval's start, so the clock never lands on a last second.
 * Once the workout is over, the start of its last interval.
 */
export function previousStartMs(steps: readonly TimelineStep[], elapsedMs: number): number {
  const at = locate(steps, elapsedMs);
  if (at.isFinished) return steps.at(-1)?.startMs ?? 0;
  const current = steps[at.index]!;
  if (elapsedMs - current.startMs >= RESTART_WINDOW_MS || at.index === 0) return current.startMs;
  return steps[at.index - 1]!.startMs;
}

/** Where "Next" takes the workout: the end of the current interval (the end of the workout at most). */
export function nextStartMs(steps: readonly TimelineStep[], elapsedMs: number): number {
  const at = locate(steps, elapsedMs);
  return at.isFinished ? (steps.at(-1)?.endMs ?? 0) : steps[at.index]!.endMs;
}

/**
 * A stored cue without the "Next: …" that older plans wrote into rest cues when they were built:
 * what comes next is read from the order shown (see `cueFor`), never from stored text.
 */
export function ownCueText(cue: string): string {
  return cue.replace(/\s*Next:[^.]*\.?\s*$/u, '').trim();
}

export interface StepCue {
  exercise: string;
  /** The interval's own cue ("Breathe. Shake it out."), '' when it has none. */
  cue: string;
  /** The exercise of the interval after this one, null for the last. */
  nextExercise: string | null;
  /** What the voice says as the interval starts: what the screen shows, in the same words. */
  spoken: string;
}

/** The cue for step `index`, its "next" read from the steps as they are ordered now. */
export function cueFor(steps: readonly TimelineStep[], index: number): StepCue | null {
  const step = steps[index];
  if (!step) return null;
  const cue = ownCueText(step.cue);
  const nextExercise = steps[index + 1]?.exercise ?? null;
  const parts = [step.exercise, cue, nextExercise ? `Next: ${nextExercise}` : ''].filter((part) => part !== '');
  const spoken = parts.map((part) => (/[.!?]$/u.test(part) ? part : `${part}.`)).join(' ');
  return { exercise: step.exercise, cue, nextExercise, spoken };
}

export type TimedCue = { kind: 'count'; secondsLeft: number } | { kind: 'halfway' };

/**
 * The timed cues inside one step that the clock passed moving from `fromMs` (exclusive) to
 * `toMs` (inclusive): the 3-2-1 count before its end and, for steps of `HALFWAY_CUE_MIN_MS` or
 * more, the halfway point. A jump (fromMs after toMs, or outside the step) passes none.
 */
export function timedCuesBetween(step: TimelineStep, fromMs: number, toMs: number): TimedCue[] {
  if (toMs <= fromMs || fromMs < step.startMs || toMs >= step.endMs) return [];
  return timedCuesOf(step).filter(({ atMs }) => atMs > fromMs && atMs <= toMs).map(({ cue }) => cue);
}

/**
 * Every timed cue inside one step with its time on the workout's clock (ms), in order: the 3-2-1
 * count before its end and, for steps of `HALFWAY_CUE_MIN_MS` or more, the halfway point.
 */
export function timedCuesOf(step: TimelineStep): { atMs: number; cue: TimedCue }[] {
  const cues: { atMs: number; cue: TimedCue }[] = [];
  const lengthMs = step.endMs - step.startMs;
  if (lengthMs >= HALFWAY_CUE_MIN_MS) cues.push({ atMs: step.startMs + lengthMs / 2, cue: { kind: 'halfway' } });
  for (const secondsLeft of COUNTDOWN_BEEPS) {
    const atMs = step.endMs - secondsLeft * 1000;
    if (atMs > step.startMs) cues.push({ atMs, cue: { kind: 'count', secondsLeft } });
  }
  return cues.sort((a, b) => a.atMs - b.atMs);
}
