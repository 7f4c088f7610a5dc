import type { Position, TimelineStep } from './timeline';

/** The next interval is announced this long before it starts. */
export const AHEAD_MS = 10_000;

export interface AheadCue {
  /** The step the cue announces (a cue is spoken once per step). */
  forIndex: number;
  text: string;
}

/**
 * What to say ahead of the next boundary, e.g. "Next, sled pull, in 10 seconds", once the
 * current interval has `AHEAD_MS` or less to go. Null when there is nothing to announce yet, or
 * when the current interval is too short for the announcement to fit before its own cue.
 */
export function aheadCue(steps: readonly TimelineStep[], position: Position): AheadCue | null {
  if (position.isFinished) return null;
  const current = steps[position.index];
  const next = steps[position.index + 1];
  if (!current || position.remainingMs > AHEAD_MS || current.endMs - current.startMs < AHEAD_MS + 3000) return null;
  const seconds = Math.max(1, Math.round(position.remainingMs / 1000));
  if (!next) return { forIndex: steps.length, text: `Last one: the workout ends in ${seconds} seconds.` };
  const what = next.kind === 'rest' ? 'rest' : next.exercise.toLowerCase();
  return { forIndex: position.index + 1, text: `Next, ${what}, in ${seconds} seconds.` };
}
