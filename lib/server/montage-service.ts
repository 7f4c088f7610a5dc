import type { Database } from '../../db/client';
import { createMontage, getMontageForOwner, replaceIntervals } from '../../db/queries/montages';
import { getLibraryFilter } from '../../db/queries/library-filters';
import { listSequencerPool, type PoolScope } from '../../db/queries/library-tracks';
import { findCoverageProblems } from '../domain/intervals';
import type { PlannedInterval } from '../domain/types';
import { defaultMontageName, workoutSpecFor, type WorkoutChoice } from '../domain/workout';
import { planIntervals } from '../planner';
import { defaultSoundtrackShare, type SoundtrackShare } from '../domain/soundtrack-share';
import { sequenceWithSoundtrack } from '../sequencer/soundtrack-fit';
import { poolWindowFor } from '../sequencer/pool-window';
import { AppError, fromSequencerInput, notFound } from './errors';
import { scopeOfSaved } from './library-criteria';

export interface BuildMontageParams extends WorkoutChoice {
  ownerId: string;
  name?: string | undefined;
  /** The part of the library to draw from (the soundtrack joins it as `soundtrack` says); everything by default. */
  scope?: PoolScope | undefined;
  /** The soundtrack's place; by default where it fits for a Run or HIIT, all of it for the circuit-like modes. */
  soundtrack?: SoundtrackShare | undefined;
}

/** What a build draws from: a saved filter or set of the owner's (else 404; no owner yet has none), picked tracks, or everything. */
export async function poolScopeOf(db: Database, ownerId: string | null, from: { filterId?: string | undefined; trackIds?: readonly string[] | undefined }): Promise<PoolScope> {
  if (from.filterId !== undefined) {
    const saved = ownerId === null ? null : await getLibraryFilter(db, ownerId, from.filterId);
    if (!saved) throw notFound('Saved filter');
    return scopeOfSaved(saved);
  }
  return from.trackIds !== undefined ? { kind: 'tracks', trackIds: from.trackIds } : { kind: 'all' };
}

/** Sequences the owner's pool for the chosen workout, plans its intervals and stores the montage. */
export async function buildMontage(db: Database, params: BuildMontageParams): Promise<string> {
  const { ownerId, name, scope, soundtrack, ...choice } = params;
  const workout = workoutSpecFor(choice);
  const soundtrackShare = soundtrack ?? defaultSoundtrackShare(choice.mode);
  const pool = await listSequencerPool(db, { ownerId, scope: scope ?? { kind: 'all' }, window: poolWindowFor(workout) });
  let sequence: ReturnType<typeof sequenceWithSoundtrack>;
  try {
    sequence = sequenceWithSoundtrack(pool, workout, soundtrackShare);
  } catch (error) {
    throw fromSequencerInput(error);
  }
  if (sequence.tracks.length === 0) {
    throw new AppError('invalid_input', 'No timed track is available to build from.', [
      { field: 'lengthMin', message: 'no track with a known length fits' },
    ]);
  }
  return createMontage(db, {
    ownerId,
    name: name?.trim() || defaultMontageName(choice),
    mode: choice.mode,
    lengthMin: choice.lengthMin,
    cadenceSpm: choice.mode === 'run' ? (choice.cadenceSpm ?? 170) : null,
    hiitWorkSec: choice.mode === 'hiit' ? (workout.hiit?.workSec ?? null) : null,
    hiitRestSec: choice.mode === 'hiit' ? (workout.hiit?.restSec ?? null) : null,
    curveName: workout.curve.name,
    curvePoints: workout.curve.points,
    soundtrackShare: sequence.soundtrackShare,
    soundtrackLeftOut: sequence.soundtrackLeftOut,
    entries: planIntervals(sequence, workout),
  });
}

export interface EditIntervalsParams {
  montageId: string;
  ownerId: string;
  entryId: string;
  version: number;
  intervals: PlannedInterval[];
}

/**
 * Replaces one track's intervals after checking they cover the track exactly; a bad plan is
 * refused with every problem named and nothing written.
 */
export async function editIntervals(db: Database, params: EditIntervalsParams): Promise<number> {
  const montage = await getMontageForOwner(db, params.montageId, params.ownerId);
  if (!montage) throw notFound('Montage');
  const entry = montage.entries.find((e) => e.id === params.entryId);
  if (!entry) throw notFound('Track entry');
  const trackDurationMs = entry.track.durationMs ?? 0;
  const problems = findCoverageProblems(params.intervals, trackDurationMs);
  if (problems.length > 0) {
    const fieldProblems = problems.map((p) => ({
      field: p.index === null ? 'intervals' : `intervals.${p.index}.${p.field}`,
      message: p.message,
    }));
    throw new AppError(
      'invalid_input',
      `The intervals must cover "${entry.track.title}" from start to end with no gap or overlap: ${fieldProblems
        .map((p) => `${p.field}: ${p.message}`)
        .join('; ')}`,
      fieldProblems,
    );
  }
  return replaceIntervals(db, params);
}
