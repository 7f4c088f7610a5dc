import { continuesPrevious } from './continued-interval';
import { effectiveTempo } from './tempo';
import type { Intensity, IntervalKind, Multiplier, WorkoutMode } from './types';

/** Plus or minus this many steps/min around a track's tempo makes a Run step's cadence range. */
export const CADENCE_TOLERANCE_SPM = 5;

export interface WatchStep {
  name: string;
  durationMs: number;
  kind: IntervalKind;
  intensity: Intensity;
  notes: string;
  /** Run steps: the track's cadence (steps/min) ± tolerance; null when the track's tempo is unknown. */
  cadenceSpm: { low: number; high: number } | null;
}

export interface WatchWorkout {
  name: string;
  sport: 'running' | 'training';
  steps: WatchStep[];
}

export interface WatchMontageInput {
  name: string;
  mode: WorkoutMode | string;
  entries: readonly {
    multiplier: Multiplier;
    track: { title: string; artist: string; durationMs: number | null; bpm: number | null };
    intervals: readonly { durationMs: number; kind: IntervalKind; exercise: string; intensity: Intensity; cue: string }[];
  }[];
}

/** A montage that cannot become a watch workout: names the entry at fault. */
export class WatchWorkoutError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.name = 'WatchWorkoutError';
    this.field = field;
  }
}

/** FIT keeps a string in at most 255 bytes of UTF-8, its terminating zero included: longer, the SDK throws. */
const FIT_STRING_MAX_BYTES = 254;
const utf8 = new TextEncoder();

/**
 * `text` cut to `max` characters and to what FIT can hold in bytes, with an ellipsis when cut: a
 * cue of 84 three-byte characters (`✓`, `日本語`) is 120 characters but over 255 bytes. Cut between
 * characters (code points), never inside one.
 */
function clip(text: string, max: number): string {
  const characters = Array.from(text);
  if (characters.length <= max && utf8.encode(text).length <= FIT_STRING_MAX_BYTES) return text;
  let kept = characters.slice(0, max - 1);
  while (kept.length > 0 && utf8.encode(`${kept.join('')}…`).length > FIT_STRING_MAX_BYTES) kept = kept.slice(0, -1);
  return `${kept.join('')}…`;
}

/**
 * The montage as the steps of a watch workout. A Run is one step per track, as long as the track,
 * with a cadence range around the track's effective tempo (half/double time applied). Circuits
 * and HIIT are one work or rest step per interval, named by the exercise, with the cue and the
 * track in the notes. An untimed track (no length yet) cannot be laid on a watch's clock: refused.
 */
export function planWatchWorkout(montage: WatchMontageInput): WatchWorkout {
  montage.entries.forEach((entry, index) => {
    if (entry.track.durationMs === null || entry.track.durationMs <= 0) {
      throw new WatchWorkoutError(
        `entries.${index}.track.durationMs`,
        `"${entry.track.title}" (track ${index + 1}) has no length yet, so it cannot be timed on a watch. Time it or swap it, then export again.`,
      );
    }
  });
  if (montage.entries.length === 0) throw new WatchWorkoutError('entries', 'This montage has no tracks to export.');

  if (montage.mode === 'run') {
    return {
      name: clip(montage.name, 40),
      sport: 'running',
      steps: montage.entries.map((entry) => {
        const spm = entry.track.bpm === null ? null : Math.round(effectiveTempo(entry.track.bpm, entry.multiplier));
        const first = entry.intervals[0];
        return {
          name: clip(entry.track.title, 40),
          durationMs: entry.track.durationMs!,
          kind: 'work',
          intensity: first?.intensity ?? 'moderate',
          notes: clip([first?.exercise, spm === null ? 'tempo unknown' : `${spm} steps/min`, `${entry.track.title} — ${entry.track.artist}`].filter(Boolean).join(' · '), 120),
          cadenceSpm: spm === null ? null : { low: spm - CADENCE_TOLERANCE_SPM, high: spm + CADENCE_TOLERANCE_SPM },
        };
      }),
    };
  }
  // A HIIT round over a track change is one step on the watch too, as on the workout clock.
  const steps: WatchStep[] = [];
  let previous: (typeof montage.entries)[number]['intervals'][number] | undefined;
  for (const entry of montage.entries) {
    entry.intervals.forEach((interval, k) => {
      const last = steps[steps.length - 1];
      if (k === 0 && last && continuesPrevious({ ...interval, offsetMs: 0 }, previous)) {
        last.durationMs += interval.durationMs;
      } else {
        steps.push({
          name: clip(interval.exercise, 40),
          durationMs: interval.durationMs,
          kind: interval.kind,
          intensity: interval.intensity,
          notes: clip([interval.cue, `♪ ${entry.track.title}`].filter(Boolean).join(' · '), 120),
          cadenceSpm: null,
        });
      }
      previous = interval;
    });
  }
  return { name: clip(montage.name, 40), sport: 'training', steps };
}
