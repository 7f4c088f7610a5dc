import type { PoolTrack, WorkoutSpec } from '../domain/types';

/** Longest montage the sequencer accepts: 24 hours (a day of music is past any workout). */
export const MAX_LENGTH_MS = 24 * 3_600_000;

/**
 * Input the sequencer refuses, with the field at fault as a dotted path (`lengthMs`,
 * `toleranceMs`, `curve.points`, `curve.points.3.tempo`). Thrown by the public entry points before
 * any work is done, so a bad input never turns into NaN, a hang or an untyped error.
 */
export class SequencerInputError extends Error {
  readonly code = 'invalid_sequencer_input' as const;
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'SequencerInputError';
    this.field = field;
  }
}

/** Throws `SequencerInputError` for the first field of `workout` the sequencer cannot work with. */
export function validateWorkout(workout: WorkoutSpec): void {
  const { lengthMs, toleranceMs, curve } = workout;
  if (typeof lengthMs !== 'number' || !Number.isFinite(lengthMs) || lengthMs < 0) {
    throw new SequencerInputError('lengthMs', 'must be a finite number of milliseconds, 0 or more');
  }
  if (lengthMs > MAX_LENGTH_MS) throw new SequencerInputError('lengthMs', `must be at most ${MAX_LENGTH_MS} ms (24 hours)`);
  if (typeof toleranceMs !== 'number' || !Number.isFinite(toleranceMs) || toleranceMs < 0) {
    throw new SequencerInputError('toleranceMs', 'must be a finite number of milliseconds, 0 or more');
  }
  if (!curve || !Array.isArray(curve.points) || curve.points.length === 0) {
    throw new SequencerInputError('curve.points', 'the target curve needs at least one point');
  }
  curve.points.forEach((point, i) => {
    if (!Number.isFinite(point.atFraction)) throw new SequencerInputError(`curve.points.${i}.atFraction`, 'must be a finite number');
    if (!Number.isFinite(point.tempo) || point.tempo <= 0) throw new SequencerInputError(`curve.points.${i}.tempo`, 'must be a finite tempo above 0');
    const previous = curve.points[i - 1];
    if (previous && point.atFraction < previous.atFraction) {
      throw new SequencerInputError(`curve.points.${i}.atFraction`, 'points must be in order of atFraction');
    }
  });
}

/**
 * The pool with each track id once: a track listed again is merged into its first listing (the
 * first one's facts are kept), so the same track can never be placed twice.
 */
export function distinctTracks(pool: readonly PoolTrack[]): PoolTrack[] {
  const seen = new Set<string>();
  const distinct: PoolTrack[] = [];
  for (const track of pool) {
    if (seen.has(track.id)) continue;
    seen.add(track.id);
    distinct.push(track);
  }
  return distinct;
}
