import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { CurvePoint, Intensity, IntervalKind, Multiplier, PlannedEntry, PlannedInterval, WorkoutMode } from '../../lib/domain/types';
import type { LeftOutTrack, SoundtrackShare } from '../../lib/domain/soundtrack-share';
import { AppError, notFound, staleVersion } from '../../lib/server/errors';
import type { Database, Transaction } from '../client';
import { intervals, montageEntries, montages, shareLinks, tracks, trackTempos } from '../schema';
import { getTracksByIds, type TrackView } from './tracks';

export interface IntervalView extends PlannedInterval {
  id: string;
  position: number;
}

export interface EntryView {
  id: string;
  position: number;
  multiplier: Multiplier;
  /** Where the track starts in the montage. */
  startMs: number;
  track: TrackView;
  intervals: IntervalView[];
}

/** What a montage was asked to be, as stored. */
export interface MontageSettings {
  ownerId: string;
  name: string;
  mode: WorkoutMode;
  lengthMin: number;
  cadenceSpm: number | null;
  hiitWorkSec: number | null;
  hiitRestSec: number | null;
  curveName: string;
  curvePoints: CurvePoint[];
  /** The soundtrack's place (the database says `all` when not given: montages from before the choice). */
  soundtrackShare?: SoundtrackShare;
  soundtrackLeftOut?: LeftOutTrack[];
}

export interface MontageView extends MontageSettings {
  soundtrackShare: SoundtrackShare;
  soundtrackLeftOut: LeftOutTrack[];
  id: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  totalMs: number;
  entries: EntryView[];
}

export interface CreateMontageParams extends MontageSettings {
  entries: PlannedEntry[];
  /** The owner's own tempos to store with it (a copy keeps the tempos set by hand); an own value they already have wins. */
  ownTempos?: { trackId: string; bpm: number; source: 'manual' | 'tap'; sourceNote: string }[];
}

/** Stores a montage with its entries and intervals in one transaction; returns its id. */
export async function createMontage(db: Database, params: CreateMontageParams): Promise<string> {
  return db.transaction(async (tx) => {
    const { entries, ownTempos = [], ...montage } = params;
    await lockTracks(tx, entries.map((e) => e.trackId));
    const [row] = await tx.insert(montages).values(montage).returning({ id: montages.id });
    const montageId = row!.id;
    await insertEntries(tx, montageId, entries);
    if (ownTempos.length > 0) {
      await tx
        .insert(trackTempos)
        .values(ownTempos.map((t) => ({ ...t, ownerId: montage.ownerId })))
        .onConflictDoNothing();
    }
    return montageId;
  });
}

/**
 * Holds the montage's tracks until the transaction ends (a concurrent removal of one waits, then
 * finds it in use); a track removed before we got here is a conflict the caller can retry, never
 * a foreign-key failure.
 */
async function lockTracks(tx: Transaction, trackIds: string[]): Promise<void> {
  const wanted = [...new Set(trackIds)];
  if (wanted.length === 0) return;
  const found = await tx.select({ id: tracks.id }).from(tracks).where(inArray(tracks.id, wanted)).for('key share');
  if (found.length < wanted.length) {
    throw new AppError('conflict', 'A track of this montage was removed while it was being saved; nothing was saved. Try again.');
  }
}

async function insertEntries(tx: Transaction, montageId: string, entries: PlannedEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const entryRows = await tx
    .insert(montageEntries)
    .values(entries.map((e, position) => ({ montageId, position, trackId: e.trackId, multiplier: e.multiplier })))
    .returning({ id: montageEntries.id, position: montageEntries.position });
  const intervalRows = entryRows.flatMap((entryRow) =>
    entries[entryRow.position]!.intervals.map((interval, position) => ({ entryId: entryRow.id, position, ...interval })),
  );
  if (intervalRows.length > 0) await tx.insert(intervals).values(intervalRows);
}

/** A montage with its tracks (tempo resolved for its owner) and intervals, or null. */
export async function getMontageById(db: Database, montageId: string): Promise<MontageView | null> {
  const [montage] = await db.select().from(montages).where(eq(montages.id, montageId));
  if (!montage) return null;
  const entryRows = await db
    .select()
    .from(montageEntries)
    .where(eq(montageEntries.montageId, montageId))
    .orderBy(asc(montageEntries.position));
  const intervalRows =
    entryRows.length === 0
      ? []
      : await db
          .select()
          .from(intervals)
          .where(
            inArray(
              intervals.entryId,
              entryRows.map((e) => e.id),
            ),
          )
          .orderBy(asc(intervals.position));
  const trackViews = await getTracksByIds(
    db,
    entryRows.map((e) => e.trackId),
    montage.ownerId,
  );
  const trackById = new Map(trackViews.map((t) => [t.id, t]));
  let startMs = 0;
  const entries: EntryView[] = entryRows.map((entry) => {
    const track = trackById.get(entry.trackId)!;
    const view: EntryView = {
      id: entry.id,
      position: entry.position,
      multiplier: entry.multiplier as Multiplier,
      startMs,
      track,
      intervals: intervalRows
        .filter((i) => i.entryId === entry.id)
        .map((i) => ({
          id: i.id,
          position: i.position,
          offsetMs: i.offsetMs,
          durationMs: i.durationMs,
          kind: i.kind as IntervalKind,
          exercise: i.exercise,
          intensity: i.intensity as Intensity,
          cue: i.cue,
        })),
    };
    startMs += track.durationMs ?? 0;
    return view;
  });
  return { ...montage, totalMs: startMs, entries };
}

/**
 * The owner's montage, or null: anyone else gets null, exactly as if it did not exist. Ownership is
 * part of the first lookup, so another owner's id costs the same one query as a missing id (its
 * timing tells nothing).
 */
export async function getMontageForOwner(db: Database, montageId: string, ownerId: string): Promise<MontageView | null> {
  const [owned] = await db
    .select({ id: montages.id })
    .from(montages)
    .where(and(eq(montages.id, montageId), eq(montages.ownerId, ownerId)));
  return owned ? getMontageById(db, montageId) : null;
}

export interface MontageSummary {
  id: string;
  name: string;
  mode: WorkoutMode;
  lengthMin: number;
  updatedAt: Date;
}

export async function listMontagesByOwner(db: Database, ownerId: string): Promise<MontageSummary[]> {
  return db
    .select({ id: montages.id, name: montages.name, mode: montages.mode, lengthMin: montages.lengthMin, updatedAt: montages.updatedAt })
    .from(montages)
    .where(eq(montages.ownerId, ownerId))
    .orderBy(desc(montages.updatedAt));
}

interface VersionedChange {
  montageId: string;
  ownerId: string;
  /** The version the client last saw; a different current version refuses the change. */
  version: number;
}

/**
 * Claims the next version of a montage inside `tx`, or throws not_found (not the owner's, or
 * missing) or stale_version (someone saved first). Returns the new version.
 */
export async function bumpVersion(tx: Transaction, change: VersionedChange): Promise<number> {
  const [bumped] = await tx
    .update(montages)
    .set({ version: sql`${montages.version} + 1`, updatedAt: new Date() })
    .where(and(eq(montages.id, change.montageId), eq(montages.ownerId, change.ownerId), eq(montages.version, change.version)))
    .returning({ version: montages.version });
  if (bumped) return bumped.version;
  const [current] = await tx
    .select({ version: montages.version })
    .from(montages)
    .where(and(eq(montages.id, change.montageId), eq(montages.ownerId, change.ownerId)));
  if (!current) throw notFound('Montage');
  throw staleVersion(current.version);
}

export async function renameMontage(db: Database, change: VersionedChange & { name: string }): Promise<number> {
  return db.transaction(async (tx) => {
    const version = await bumpVersion(tx, change);
    await tx.update(montages).set({ name: change.name }).where(eq(montages.id, change.montageId));
    return version;
  });
}

/** Puts the entries in the order of `entryIds`, which must name every entry of the montage once. */
export async function reorderEntries(db: Database, change: VersionedChange & { entryIds: string[] }): Promise<number> {
  return db.transaction(async (tx) => {
    const version = await bumpVersion(tx, change);
    const rows = await tx
      .select({ id: montageEntries.id })
      .from(montageEntries)
      .where(eq(montageEntries.montageId, change.montageId));
    const known = new Set(rows.map((r) => r.id));
    const wanted = new Set(change.entryIds);
    if (wanted.size !== change.entryIds.length || wanted.size !== known.size || [...wanted].some((id) => !known.has(id))) {
      throw new AppError('invalid_input', 'entryIds must list every track of the montage exactly once', [
        { field: 'entryIds', message: `expected the ${known.size} entry ids of this montage, each once` },
      ]);
    }
    // Two steps keep (montage_id, position) unique at every statement.
    await tx
      .update(montageEntries)
      .set({ position: sql`${montageEntries.position} + 100000` })
      .where(eq(montageEntries.montageId, change.montageId));
    for (const [position, id] of change.entryIds.entries()) {
      await tx.update(montageEntries).set({ position }).where(eq(montageEntries.id, id));
    }
    return version;
  });
}

/** Replaces the intervals of one entry; the caller has checked they cover the track. */
export async function replaceIntervals(
  db: Database,
  change: VersionedChange & { entryId: string; intervals: PlannedInterval[] },
): Promise<number> {
  return db.transaction(async (tx) => {
    const version = await bumpVersion(tx, change);
    const [entry] = await tx
      .select({ id: montageEntries.id })
      .from(montageEntries)
      .where(and(eq(montageEntries.id, change.entryId), eq(montageEntries.montageId, change.montageId)));
    if (!entry) throw notFound('Track entry');
    await tx.delete(intervals).where(eq(intervals.entryId, change.entryId));
    await tx.insert(intervals).values(change.intervals.map((i, position) => ({ entryId: change.entryId, position, ...i })));
    return version;
  });
}

export async function deleteMontage(db: Database, montageId: string, ownerId: string): Promise<boolean> {
  const deleted = await db
    .delete(montages)
    .where(and(eq(montages.id, montageId), eq(montages.ownerId, ownerId)))
    .returning({ id: montages.id });
  return deleted.length > 0;
}

/** Active share token of a montage, if any. */
export async function getActiveShareToken(db: Database, montageId: string): Promise<string | null> {
  const [row] = await db
    .select({ token: shareLinks.token })
    .from(shareLinks)
    .where(and(eq(shareLinks.montageId, montageId), isNull(shareLinks.revokedAt)));
  return row?.token ?? null;
}
