import { formatDuration } from './tempo';

/** Limits every interval obeys, in the UI, the API and the database alike. */
export const INTERVAL_LIMITS = {
  exerciseMaxLength: 60,
  cueMaxLength: 200,
  minDurationMs: 1_000,
  maxIntervalsPerTrack: 60,
} as const;

export interface TimedSpan {
  offsetMs: number;
  durationMs: number;
}

export interface CoverageProblem {
  /** Index of the interval at fault, or null for the set as a whole. */
  index: number | null;
  field: 'offsetMs' | 'durationMs' | 'intervals';
  message: string;
}

/**
 * Checks that `intervals`, in order, cover a track of `trackDurationMs` exactly: the first starts
 * at 0, each starts where the previous ends (no gap, no overlap), every duration is at least
 * `INTERVAL_LIMITS.minDurationMs`, and the last ends at the end of the track.
 * Returns every problem found; an empty list means the plan is valid.
 */
export function findCoverageProblems(intervals: readonly TimedSpan[], trackDurationMs: number): CoverageProblem[] {
  const problems: CoverageProblem[] = [];
  if (intervals.length === 0) {
    return [{ index: null, field: 'intervals', message: 'a track needs at least one interval' }];
  }
  if (intervals.length > INTERVAL_LIMITS.maxIntervalsPerTrack) {
    problems.push({
      index: null,
      field: 'intervals',
      message: `at most ${INTERVAL_LIMITS.maxIntervalsPerTrack} intervals per track (got ${intervals.length})`,
    });
  }
  let expectedStartMs = 0;
  intervals.forEach((interval, index) => {
    if (interval.durationMs < INTERVAL_LIMITS.minDurationMs) {
      problems.push({
        index,
        field: 'durationMs',
        message: `must be at least ${INTERVAL_LIMITS.minDurationMs / 1000} s (got ${interval.durationMs} ms)`,
      });
    }
    if (interval.offsetMs > expectedStartMs) {
      problems.push({
        index,
        field: 'offsetMs',
        message: `starts at ${formatDuration(interval.offsetMs)} but the previous interval ends at ${formatDuration(expectedStartMs)}: a gap of ${interval.offsetMs - expectedStartMs} ms`,
      });
    } else if (interval.offsetMs < expectedStartMs) {
      problems.push({
        index,
        field: 'offsetMs',
        message: `starts at ${formatDuration(interval.offsetMs)} but the previous interval ends at ${formatDuration(expectedStartMs)}: an overlap of ${expectedStartMs - interval.offsetMs} ms`,
      });
    }
    expectedStartMs = interval.offsetMs + interval.durationMs;
  });
  if (expectedStartMs !== trackDurationMs) {
    problems.push({
      index: null,
      field: 'intervals',
      message: `the intervals end at ${formatDuration(expectedStartMs)} but the track lasts ${formatDuration(trackDurationMs)}: ${formatGap(
        Math.abs(trackDurationMs - expectedStartMs),
      )} ${expectedStartMs < trackDurationMs ? 'not covered' : 'too long'}; they must cover it exactly`,
    });
  }
  return problems;
}

/** Offsets for intervals given only their durations, laid end to end from 0. */
export function layEndToEnd<T extends { durationMs: number }>(intervals: readonly T[]): (T & TimedSpan)[] {
  let offsetMs = 0;
  return intervals.map((interval) => {
    const placed = { ...interval, offsetMs };
    offsetMs += interval.durationMs;
    return placed;
  });
}

/** A coverage gap as a person reads it: under a second in ms (m:ss alone would show "3:51 vs 3:51"), else m:ss. */
function formatGap(gapMs: number): string {
  return gapMs < 1000 ? `${gapMs} ms` : formatDuration(gapMs);
}
