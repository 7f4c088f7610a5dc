import { multipliersFittingCurve, placedTrackFit } from './curve-fit';
import type { PoolTrack, SequencedTrack, TargetCurve, WorkoutMode, WorkoutSpec } from './types';

/**
 * The Rocky IV soundtrack's place in a montage, the user's choice per montage:
 * - `fit`: a soundtrack track is placed only where its tempo (½×, 1×, 2×) fits the curve where it
 *   plays; among tracks that fit there it goes first (the montage is built around it), and one that
 *   fits nowhere is left out, with the reason;
 * - `all`: every soundtrack track placed wherever the length allows, fitting or not (the circuit's film montage);
 * - `none`: the montage is made of the user's own tracks only.
 */
export const SOUNDTRACK_SHARES = ['fit', 'all', 'none'] as const;
export type SoundtrackShare = (typeof SOUNDTRACK_SHARES)[number];

export const SOUNDTRACK_SHARE_LABELS: Record<SoundtrackShare, string> = {
  fit: 'where they fit',
  all: 'all of them',
  none: 'none',
};

/**
 * "Where they fit" for a Run and HIIT, whose tracks are chosen for their tempo; "all of them" for
 * the circuit-like modes, which follow the film's montage whatever the tempo.
 */
export function defaultSoundtrackShare(mode: WorkoutMode): SoundtrackShare {
  return mode === 'run' || mode === 'hiit' ? 'fit' : 'all';
}

export const LEFT_OUT_REASONS = ['unknown_tempo', 'fits_nowhere', 'no_room'] as const;
export type LeftOutReason = (typeof LEFT_OUT_REASONS)[number];

/** A soundtrack track the montage does not play, and why. */
export interface LeftOutTrack {
  trackId: string;
  title: string;
  bpm: number | null;
  reason: LeftOutReason;
}

export interface SoundtrackCandidates {
  /** The pool the sequencer draws from: with `fit`, only soundtrack tracks that fit some part of the curve stay anchors. */
  pool: PoolTrack[];
  leftOut: LeftOutTrack[];
}

/**
 * Applies the share to a pool whose soundtrack tracks are marked `isAnchor`. With `fit` a soundtrack
 * track of unknown tempo, or whose tempo fits no part of the curve at any multiplier, is taken out
 * of the pool (and listed); a part counts when at least half the track can play inside it (so the
 * half-minute slope from a walk to the cadence is no part). With `none` every one is taken out
 * (not listed: the user asked for none).
 */
export function soundtrackCandidates(pool: readonly PoolTrack[], workout: Pick<WorkoutSpec, 'curve' | 'lengthMs'>, share: SoundtrackShare): SoundtrackCandidates {
  if (share === 'all') return { pool: [...pool], leftOut: [] };
  if (share === 'none') return { pool: pool.filter((t) => !t.isAnchor), leftOut: [] };
  const kept: PoolTrack[] = [];
  const leftOut: LeftOutTrack[] = [];
  for (const track of pool) {
    if (!track.isAnchor) kept.push(track);
    else if (track.bpm === null || !(track.bpm > 0)) leftOut.push(leftOutOf(track, 'unknown_tempo'));
    else if (multipliersFittingCurve(track.bpm, workout.curve, halfShareOf(track, workout.lengthMs)).length === 0) leftOut.push(leftOutOf(track, 'fits_nowhere'));
    else kept.push(track);
  }
  return { pool: kept, leftOut };
}

function halfShareOf(track: PoolTrack, lengthMs: number): number {
  return lengthMs > 0 ? Math.max(0, track.durationMs ?? 0) / lengthMs / 2 : 0;
}

/** Soundtrack tracks of a built montage that play where they do not fit (with `fit`, these must go). */
export function misplacedSoundtrack(tracks: readonly SequencedTrack[], totalMs: number, curve: TargetCurve): SequencedTrack[] {
  return tracks.filter((placed) => placed.track.isAnchor && placedTrackFit(placed, totalMs, curve)?.fits !== true);
}

export function leftOutOf(track: PoolTrack, reason: LeftOutReason): LeftOutTrack {
  return { trackId: track.id, title: track.title, bpm: track.bpm, reason };
}

/** "Heart's on Fire, 137 BPM, fits no part of this run": what the montage page lists. */
export function leftOutLabel(track: LeftOutTrack, workoutNoun: string): string {
  const tempo = track.bpm === null ? 'tempo unknown' : `${Math.round(track.bpm)} BPM`;
  switch (track.reason) {
    case 'unknown_tempo':
      return `${track.title}, tempo unknown: no place in this ${workoutNoun} can be said to fit it`;
    case 'fits_nowhere':
      return `${track.title}, ${tempo}, fits no part of this ${workoutNoun}`;
    case 'no_room':
      return `${track.title}, ${tempo}, no room left where it fits in this ${workoutNoun}`;
  }
}
