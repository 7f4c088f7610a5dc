/**
 * An interval that goes on over a track change. Intervals are stored per track and cover it
 * exactly (`findCoverageProblems`), so a HIIT round that spans a track change is stored as two
 * intervals: the part in the track it starts in, and the rest of it as the first interval of the
 * next track, with the same kind and exercise and this cue. On the workout clock (`buildTimeline`)
 * the two are one step that belongs to the track it starts in: one countdown, one spoken cue.
 */
export const CONTINUED_CUE = 'Keep going: the same round, into the next track.';

/** Whether `interval`, the first of its track, carries on the interval before it (the last of the track before). */
export function continuesPrevious(
  interval: { offsetMs: number; kind: string; exercise: string; cue: string },
  previous: { kind: string; exercise: string } | undefined,
): boolean {
  return previous !== undefined && interval.offsetMs === 0 && interval.cue === CONTINUED_CUE && interval.kind === previous.kind && interval.exercise === previous.exercise;
}
