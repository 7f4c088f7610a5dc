import type { PoolTrack, SequenceResult, WorkoutSpec } from '../domain/types';
import { sequenceCost } from './cost';
import { toProblem } from './problem';
import { searchOrder, type SearchOptions } from './search';
import { toSequencedTracks } from './sequenced-tracks';
import { distinctTracks, validateWorkout } from './validate';

export { curveFraction, sequenceCost } from './cost';
export { exactOptimum } from './exhaustive';
export type { SearchOptions } from './search';
export { SequencerInputError, MAX_LENGTH_MS } from './validate';
export { alternativesForSlot, resequenceWithPins, type EditedEntry, type SlotAlternative } from './edits';

/** A sequence with what the app shows beside it. */
export interface MontageSequence extends SequenceResult {
  /**
   * How far the montage ends below `lengthMs − toleranceMs` because the pool cannot reach it
   * (0 when the length is within tolerance). The curve is laid over `totalMs` all the same.
   */
  shortfallMs: number;
  /** Anchors that could not be placed because they do not all fit in `lengthMs + toleranceMs`. */
  anchorsLeftOut: number;
  /** Neighbours by the same artist the pool left no way to avoid. */
  sameArtistPairs: number;
}

/**
 * Picks and orders tracks from `pool` so their effective tempo follows `workout.curve`, each at
 * the multiplier (½×, 1×, 2×) nearest the curve's mean over the time it plays.
 *
 * Guarantees: no track twice; tracks without a length of at least 1 s never placed; the length within
 * `lengthMs ± toleranceMs` whenever the pool can reach it (else as long as the pool allows, under
 * `lengthMs + toleranceMs`, with `shortfallMs` saying by how much); every anchor placed when they
 * all fit (else as many as fit); non-anchor tracks of unknown tempo only when nothing else reaches
 * the length; no two neighbours by one artist where the pool allows. Among such montages it
 * minimises `sequenceCost` by iterated local search (see `searchOrder`): near the optimum, not
 * proven optimal. Deterministic: the same pool, workout and seed give the same montage.
 *
 * Input: a track id listed twice is merged into its first listing. A length or tolerance that is
 * not a finite number ≥ 0 (or a length over `MAX_LENGTH_MS`), a curve without points or with a
 * point that is not finite throws `SequencerInputError` naming the field. The work is bounded by
 * a count of scored spans (`WORK_LIMIT`, search-context.ts), so a many-hour target answers in about a second.
 */
export function sequenceMontage(pool: readonly PoolTrack[], workout: WorkoutSpec, options: SearchOptions = {}): MontageSequence {
  validateWorkout(workout);
  const problem = toProblem(distinctTracks(pool), workout);
  const { order, score } = searchOrder(problem, options);
  const tracks = toSequencedTracks(problem, order);
  return {
    tracks,
    totalMs: score.totalMs,
    cost: sequenceCost(tracks, workout, problem.curve),
    shortfallMs: score.shortfallMs,
    anchorsLeftOut: score.anchorsMissing,
    sameArtistPairs: score.sameArtistPairs,
  };
}
