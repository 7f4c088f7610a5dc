import type { Database } from '../../db/client';
import { swapEntryTrack } from '../../db/queries/montage-swap';
import { getMontageForOwner, type MontageView } from '../../db/queries/montages';
import { listPoolTracks } from '../../db/queries/tracks';
import { findCoverageProblems } from '../domain/intervals';
import { targetTempoOfSpan } from '../domain/curve-fit';
import { effectiveTempo } from '../domain/tempo';
import type { TempoSource, WorkoutSpec } from '../domain/types';
import { workoutSpecFor } from '../domain/workout';
import { planIntervals } from '../planner';
import { alternativesForSlot } from '../sequencer';
import { layOutSwap } from '../sequencer/swap-layout';
import { AppError, fromSequencerInput, notFound } from './errors';

/** The workout a stored montage was built for, with its own curve. */
function workoutOf(montage: MontageView): WorkoutSpec {
  return workoutSpecFor(montage, { name: montage.curveName, points: montage.curvePoints });
}

async function ownedEntry(db: Database, montageId: string, ownerId: string, entryId: string) {
  const montage = await getMontageForOwner(db, montageId, ownerId);
  if (!montage) throw notFound('Montage');
  const at = montage.entries.findIndex((e) => e.id === entryId);
  if (at < 0) throw notFound('Track entry');
  return { montage, at };
}

export interface Alternative {
  trackId: string;
  title: string;
  artist: string;
  durationMs: number;
  bpm: number;
  multiplier: number;
  tempoSource: TempoSource | null;
  /** A track of the Rocky IV soundtrack (it ranks first only in a montage with all of the soundtrack). */
  isAnchor: boolean;
  /** The tempo it would play at in the place (`bpm` × `multiplier`), in the slot's unit. */
  tempo: number;
  /** The montage's tempo cost with this track in the place (lower fits better); the list is best first. */
  score: number;
}

/** The place being swapped: the curve's mean tempo over it, in steps/min for a run and BPM otherwise. */
export interface SlotTarget {
  targetTempo: number;
  unit: 'spm' | 'BPM';
}

/**
 * Up to 10 tracks of the owner's pool that could replace one entry, best first (see
 * `alternativesForSlot`), with the tempo the place asks for.
 */
export async function alternativesForEntry(
  db: Database,
  params: { montageId: string; ownerId: string; entryId: string },
): Promise<{ slot: SlotTarget; alternatives: Alternative[] }> {
  const { montage, at } = await ownedEntry(db, params.montageId, params.ownerId, params.entryId);
  const entry = montage.entries[at]!;
  const totalMs = Math.max(1, montage.totalMs);
  const targetTempo = targetTempoOfSpan(workoutOf(montage).curve, entry.startMs, entry.track.durationMs ?? 0, totalMs);
  const slot: SlotTarget = { targetTempo: Math.round(targetTempo * 10) / 10, unit: montage.mode === 'run' ? 'spm' : 'BPM' };
  const pool = await listPoolTracks(db, params.ownerId);
  const byId = new Map(pool.map((t) => [t.id, t]));
  // The montage's own tracks as stored (a track may have left the pool's listing, e.g. its length unknown now).
  const withMontage = [...pool, ...montage.entries.map((e) => e.track).filter((t) => !byId.has(t.id))];
  // Origin ranks first only when the montage holds all the soundtrack; otherwise fit wins over origin.
  const ranked = montage.soundtrackShare === 'all' ? withMontage : withMontage.map((t) => (t.isAnchor ? { ...t, isAnchor: false } : t));
  const isSoundtrack = new Set(withMontage.filter((t) => t.isAnchor).map((t) => t.id));
  try {
    const alternatives = alternativesForSlot(ranked, workoutOf(montage), montage.entries.map((e) => e.track.id), at, 10).map((a) => ({
      trackId: a.track.id,
      title: a.track.title,
      artist: a.track.artist,
      durationMs: a.track.durationMs!,
      bpm: a.track.bpm!,
      multiplier: a.multiplier,
      tempoSource: byId.get(a.track.id)?.tempoSource ?? null,
      isAnchor: isSoundtrack.has(a.track.id),
      tempo: Math.round(effectiveTempo(a.track.bpm!, a.multiplier) * 10) / 10,
      score: a.cost,
    }));
    return { slot, alternatives };
  } catch (error) {
    throw fromSequencerInput(error);
  }
}

/**
 * Replaces one entry's track by `trackId` from the owner's pool: the montage is re-timed (the
 * later entries start later or earlier by the difference in length), the swapped entry plays at
 * the multiplier nearest the curve over its new span, and its intervals are planned again and
 * checked to cover it, all written in one transaction. The other entries keep what they had.
 */
export async function swapEntry(
  db: Database,
  params: { montageId: string; ownerId: string; entryId: string; version: number; trackId: string },
): Promise<number> {
  const { montage, at } = await ownedEntry(db, params.montageId, params.ownerId, params.entryId);
  const pool = await listPoolTracks(db, params.ownerId);
  const track = pool.find((t) => t.id === params.trackId);
  if (!track) throw new AppError('invalid_input', 'Invalid request: trackId: that track is not in your library.', [{ field: 'trackId', message: 'not a track of your pool' }]);
  if (track.durationMs === null || track.durationMs < 1_000) {
    throw new AppError('invalid_input', `Invalid request: trackId: "${track.title}" has no known length, so it cannot be timed.`, [{ field: 'trackId', message: 'the track has no known length' }]);
  }
  if (montage.entries.some((e, k) => k !== at && e.track.id === track.id)) {
    throw new AppError('invalid_input', `Invalid request: trackId: "${track.title}" is already in this montage.`, [{ field: 'trackId', message: 'already in this montage' }]);
  }
  const workout = workoutOf(montage);
  const { tracks, totalMs } = layOutSwap({ workout, entries: montage.entries, at, track });
  const planned = planIntervals({ tracks, totalMs, cost: 0 }, workout)[at]!;
  const problems = findCoverageProblems(planned.intervals, track.durationMs);
  if (problems.length > 0) {
    throw new AppError('invalid_input', `Invalid request: trackId: the intervals could not be planned for "${track.title}".`, [{ field: 'trackId', message: problems[0]!.message }]);
  }
  return swapEntryTrack(db, {
    montageId: params.montageId,
    ownerId: params.ownerId,
    version: params.version,
    entryId: params.entryId,
    trackId: track.id,
    multiplier: planned.multiplier,
    intervals: planned.intervals,
  });
}
