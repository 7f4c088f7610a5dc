import { leftOutOf, misplacedSoundtrack, soundtrackCandidates, type LeftOutTrack, type SoundtrackShare } from '../domain/soundtrack-share';
import type { PoolTrack, WorkoutSpec } from '../domain/types';
import { sequenceMontage, type MontageSequence } from './index';
import type { SearchOptions } from './search';

/** A sequence with the soundtrack tracks it leaves out, and why. */
export interface SoundtrackSequence extends MontageSequence {
  /** The share the montage was built with: the one asked for, or `all` when `fit` left nothing to play. */
  soundtrackShare: SoundtrackShare;
  soundtrackLeftOut: LeftOutTrack[];
}

/**
 * Sequences `pool` with the soundtrack (its `isAnchor` tracks) in the place the user chose.
 *
 * With `fit`, anchors are a choice with a fit condition, not an unconditional first rule: only the
 * soundtrack tracks that fit some part of the curve join as anchors (the sequencer then places them
 * before tempo cost, as it places every anchor), and an anchor the search still had to put where it
 * does not fit (more of them fit the walks than the walks hold) is taken out and the pool sequenced
 * again, until every soundtrack track played fits its place. Each pass takes out at least one
 * anchor, so there are at most as many passes as soundtrack tracks; the passes that only settle
 * which anchors stay are quick ones, so a build costs one full search and a few tens of ms.
 * With `all` and `none` it is one pass of `sequenceMontage` (none: without the soundtrack).
 *
 * When `fit` leaves nothing at all to play (a pool of the soundtrack alone, none of it on the
 * curve: a first Run with no tracks of one's own), the montage is built with `all` instead and
 * says so (`soundtrackShare`), rather than refusing to build: an empty workout helps no one.
 */
export function sequenceWithSoundtrack(
  pool: readonly PoolTrack[],
  workout: WorkoutSpec,
  share: SoundtrackShare,
  options: SearchOptions = {},
): SoundtrackSequence {
  const candidates = soundtrackCandidates(pool, workout, share);
  const leftOut = [...candidates.leftOut];
  let sequence: MontageSequence;
  if (share === 'fit') {
    // The anchor set is settled on quick passes (the first order and its local optimum, no kicks:
    // a few % of a full search), then searched in full, and checked again.
    const settled = withoutMisplaced(candidates.pool, workout, { ...options, rounds: 0 });
    sequence = withoutMisplaced(settled.pool, workout, options).sequence;
  } else {
    sequence = sequenceMontage(candidates.pool, workout, options);
  }
  if (share === 'fit' && sequence.tracks.length === 0) return sequenceWithSoundtrack(pool, workout, 'all', options);
  if (share !== 'none') {
    const placed = new Set(sequence.tracks.map((t) => t.track.id));
    const listed = new Set(leftOut.map((t) => t.trackId));
    for (const track of pool) {
      if (track.isAnchor && !placed.has(track.id) && !listed.has(track.id)) leftOut.push(leftOutOf(track, 'no_room'));
    }
  }
  return { ...sequence, soundtrackShare: share, soundtrackLeftOut: leftOut };
}

/** The sequence of `pool` once the anchors `sequenceMontage` (with `options`) put where they do not fit are taken out. */
function withoutMisplaced(pool: PoolTrack[], workout: WorkoutSpec, options: SearchOptions): { pool: PoolTrack[]; sequence: MontageSequence } {
  let current = pool;
  for (;;) {
    const sequence = sequenceMontage(current, workout, options);
    const misplaced = misplacedSoundtrack(sequence.tracks, sequence.totalMs, workout.curve);
    if (misplaced.length === 0) return { pool: current, sequence };
    const out = new Set(misplaced.map((placed) => placed.track.id));
    current = current.filter((track) => !out.has(track.id));
  }
}
