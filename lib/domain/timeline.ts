import { continuesPrevious } from './continued-interval';
import type { Intensity, IntervalKind } from './types';

export interface TimelineInput {
  track: { title: string; artist: string; durationMs: number | null };
  intervals: readonly { offsetMs: number; durationMs: number; kind: IntervalKind; exercise: string; intensity: Intensity; cue: string }[];
}

export interface TimelineStep {
  startMs: number;
  endMs: number;
  entryIndex: number;
  trackTitle: string;
  trackArtist: string;
  kind: IntervalKind;
  exercise: string;
  intensity: Intensity;
  cue: string;
}

/**
 * Every interval of the montage laid on one clock: step i ends where step i+1 starts. An interval
 * that continues the last one of the track before (`continuesPrevious`: a HIIT round over a track
 * change) lengthens that step instead of starting one, so the round is one step of the track it
 * started in.
 */
export function buildTimeline(entries: readonly TimelineInput[]): TimelineStep[] {
  const steps: TimelineStep[] = [];
  let trackStartMs = 0;
  entries.forEach((entry, entryIndex) => {
    for (const interval of entry.intervals) {
      const last = steps[steps.length - 1];
      if (last && last.entryIndex < entryIndex && continuesPrevious(interval, last)) {
        last.endMs = trackStartMs + interval.durationMs;
        continue;
      }
      steps.push({
        startMs: trackStartMs + interval.offsetMs,
        endMs: trackStartMs + interval.offsetMs + interval.durationMs,
        entryIndex,
        trackTitle: entry.track.title,
        trackArtist: entry.track.artist,
        kind: interval.kind,
        exercise: interval.exercise,
        intensity: interval.intensity,
        cue: interval.cue,
      });
    }
    trackStartMs += entry.track.durationMs ?? 0;
  });
  return steps;
}

export interface Position {
  /** Index of the current step, or `steps.length` once the workout is over. */
  index: number;
  /** Time left in the current step (0 when over). */
  remainingMs: number;
  isFinished: boolean;
}

/** Where `elapsedMs` falls in the timeline (binary search; boundaries belong to the later step). */
export function locate(steps: readonly TimelineStep[], elapsedMs: number): Position {
  const last = steps[steps.length - 1];
  if (!last || elapsedMs >= last.endMs) return { index: steps.length, remainingMs: 0, isFinished: true };
  let low = 0;
  let high = steps.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (steps[mid]!.startMs <= elapsedMs) low = mid;
    else high = mid - 1;
  }
  return { index: low, remainingMs: steps[low]!.endMs - Math.max(0, elapsedMs), isFinished: false };
}

/** "1:05:03" or "4:07" for a countdown, rounding up so 0:00 shows only at the boundary. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = (total % 60).toString().padStart(2, '0');
  return hours > 0 ? `${hours}:${minutes.toString().padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}
