/** Plain data shared by the domain modules. No framework, database or network types here. */

export const WORKOUT_MODES = ['circuit', 'run', 'hiit', 'drago', 'versus'] as const;
export type WorkoutMode = (typeof WORKOUT_MODES)[number];

export const TEMPO_SOURCES = ['catalog', 'analysis', 'tap', 'manual', 'lookup'] as const;
export type TempoSource = (typeof TEMPO_SOURCES)[number];

/** Half time, as recorded, double time: chosen by the sequencer, never applied to the audio. */
export const MULTIPLIERS = [0.5, 1, 2] as const;
export type Multiplier = (typeof MULTIPLIERS)[number];

export const INTENSITIES = ['rest', 'easy', 'moderate', 'hard', 'max'] as const;
export type Intensity = (typeof INTENSITIES)[number];

export const INTERVAL_KINDS = ['work', 'rest'] as const;
export type IntervalKind = (typeof INTERVAL_KINDS)[number];

/** A track the sequencer may place. Unknown `bpm` is never placed by tempo; unknown `durationMs` is never placed. */
export interface PoolTrack {
  id: string;
  title: string;
  artist: string;
  durationMs: number | null;
  /** Raw tempo as its source gave it (may be off by ×2 or ×½). */
  bpm: number | null;
  /** Soundtrack tracks the montage is built around. */
  isAnchor: boolean;
}

/** A point of a target curve: effective tempo (BPM, or steps/min for runners) at a fraction of the workout. */
export interface CurvePoint {
  atFraction: number;
  tempo: number;
}

/** Piecewise-linear effective tempo over the workout, points sorted by `atFraction` from 0 to 1. */
export interface TargetCurve {
  name: string;
  points: CurvePoint[];
}

export interface HiitSpec {
  workSec: number;
  restSec: number;
}

export interface WorkoutSpec {
  mode: WorkoutMode;
  /** Wanted length of the montage. */
  lengthMs: number;
  /** Accepted distance of the montage's length from `lengthMs`. */
  toleranceMs: number;
  curve: TargetCurve;
  /** Run mode: the runner's target cadence in steps/min. */
  cadenceSpm?: number;
  /** HIIT mode: work and rest lengths. */
  hiit?: HiitSpec;
}

/** One placed track: where it starts in the montage and the tempo multiplier chosen for it. */
export interface SequencedTrack {
  track: PoolTrack;
  multiplier: Multiplier;
  startMs: number;
}

export interface SequenceResult {
  tracks: SequencedTrack[];
  totalMs: number;
  /** Duration-weighted squared tempo error, per millisecond (lower is better). */
  cost: number;
}

export interface PlannedInterval {
  offsetMs: number;
  durationMs: number;
  kind: IntervalKind;
  exercise: string;
  intensity: Intensity;
  cue: string;
}

export interface PlannedEntry {
  trackId: string;
  multiplier: Multiplier;
  intervals: PlannedInterval[];
}

/** A raw-tempo band `[minBpm, maxBpm)` of the library, of which at most `take` tracks are read. */
export interface TempoBand {
  minBpm: number;
  maxBpm: number;
  take: number;
}

/**
 * What a large pool is narrowed to before sequencing (see lib/sequencer/pool-window.ts): tempo
 * bands covering every raw tempo, fine where some multiplier (½×, 1×, 2×) lands near the curve and
 * coarse elsewhere, each read up to its `take` (lowest tempo first, then id); tracks of unknown
 * tempo only the first at or above each of `fillerLengthsMs`; lengths from 1 s to `maxDurationMs`.
 * Anchors are always read whole.
 */
export interface PoolWindow {
  /** Pools with at most this many placeable tracks are read whole. */
  wholeUpTo: number;
  bands: TempoBand[];
  fillerLengthsMs: number[];
  maxDurationMs: number;
}
