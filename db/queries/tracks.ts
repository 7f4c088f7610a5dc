import { and, asc, desc, eq, inArray, isNotNull, isNull, or } from 'drizzle-orm';
import { pickTempo, type TempoCandidate } from '../../lib/domain/tempo-provenance';
import type { PoolTrack, TempoSource } from '../../lib/domain/types';
import type { Database } from '../client';
import { montageEntries, montages, trackTempos, tracks } from '../schema';

export interface TrackView extends PoolTrack {
  origin: 'catalog' | 'spotify' | 'local';
  catalogNumber: number | null;
  durationSource: string | null;
  tempoSource: TempoSource | null;
  tempoSourceNote: string | null;
  spotifyId: string | null;
  musicalKey: string | null;
}

type TrackRow = typeof tracks.$inferSelect;

/** Resolves each track's tempo for `ownerId` (see pickTempo for the order of trust). */
async function withTempos(db: Database, rows: TrackRow[], ownerId: string | null): Promise<TrackView[]> {
  if (rows.length === 0) return [];
  const tempoRows = await db
    .select()
    .from(trackTempos)
    .where(
      and(
        inArray(
          trackTempos.trackId,
          rows.map((r) => r.id),
        ),
        ownerId === null ? isNull(trackTempos.ownerId) : or(isNull(trackTempos.ownerId), eq(trackTempos.ownerId, ownerId)),
      ),
    )
    .orderBy(desc(trackTempos.createdAt));
  const byTrack = new Map<string, TempoCandidate[]>();
  for (const t of tempoRows) {
    const list = byTrack.get(t.trackId) ?? [];
    list.push({ bpm: t.bpm, source: t.source, ownerId: t.ownerId, sourceNote: t.sourceNote });
    byTrack.set(t.trackId, list);
  }
  return rows.map((row) => {
    const tempo = pickTempo(byTrack.get(row.id) ?? [], ownerId);
    return {
      id: row.id,
      title: row.title,
      artist: row.artist,
      durationMs: row.durationMs,
      bpm: tempo?.bpm ?? null,
      isAnchor: row.isAnchor,
      origin: row.origin,
      catalogNumber: row.catalogNumber,
      durationSource: row.durationSource,
      tempoSource: tempo?.source ?? null,
      tempoSourceNote: tempo?.sourceNote ?? null,
      spotifyId: row.spotifyId,
      musicalKey: row.musicalKey,
    };
  });
}

/** The tracks `ownerId` may build from: the bundled catalog and their own tracks, with resolved tempos. */
export async function listPoolTracks(db: Database, ownerId: string | null): Promise<TrackView[]> {
  const rows = await db
    .select()
    .from(tracks)
    .where(ownerId === null ? isNull(tracks.ownerId) : or(isNull(tracks.ownerId), eq(tracks.ownerId, ownerId)))
    .orderBy(asc(tracks.catalogNumber), asc(tracks.title));
  return withTempos(db, rows, ownerId);
}

export async function getTracksByIds(db: Database, ids: string[], ownerId: string | null): Promise<TrackView[]> {
  if (ids.length === 0) return [];
  const rows = await db.select().from(tracks).where(inArray(tracks.id, ids));
  return withTempos(db, rows, ownerId);
}

export interface SetOwnTempoParams {
  trackId: string;
  ownerId: string;
  bpm: number;
  source: 'manual' | 'tap';
}

/** Stores the owner's own tempo for a track, replacing their earlier one from the same source. */
export async function setOwnTempo(db: Database, params: SetOwnTempoParams): Promise<void> {
  await db
    .insert(trackTempos)
    .values({ trackId: params.trackId, ownerId: params.ownerId, bpm: params.bpm, source: params.source })
    .onConflictDoUpdate({
      target: [trackTempos.trackId, trackTempos.source, trackTempos.ownerId],
      set: { bpm: params.bpm, createdAt: new Date() },
    });
}

/** A track the owner may see: a catalog track or one of their own. */
export async function findVisibleTrack(db: Database, trackId: string, ownerId: string): Promise<TrackRow | null> {
  const [row] = await db
    .select()
    .from(tracks)
    .where(and(eq(tracks.id, trackId), or(isNull(tracks.ownerId), eq(tracks.ownerId, ownerId))));
  return row ?? null;
}

export interface LocalTrackInput {
  title: string;
  artist: string;
  durationMs: number;
  /** The tempo the browser detected in the file; null when it found none. */
  bpm: number | null;
  /** How it was detected (library and method), kept as the tempo's source note. */
  analysisNote: string | null;
  isrc: string | null;
  fileSha256: string | null;
}

export interface AddLocalTracksParams {
  ownerId: string;
  tracks: LocalTrackInput[];
}

/**
 * Stores the owner's local files as tracks (metadata only: the audio stays on their device),
 * each with its analysed tempo, in one transaction. A file added before (same SHA-256) updates
 * its track and keeps its id. Returns the ids in input order.
 */
export async function addLocalTracks(db: Database, params: AddLocalTracksParams): Promise<string[]> {
  return db.transaction(async (tx) => {
    const ids: string[] = [];
    for (const input of params.tracks) {
      const fields = { title: input.title, artist: input.artist, durationMs: input.durationMs, durationSource: 'decoded from your file', isrc: input.isrc };
      // One statement, so the same file added twice at once lands on one track, not a unique-index error.
      const [row] = await tx
        .insert(tracks)
        .values({ id: `local-${crypto.randomUUID()}`, ...fields, origin: 'local', ownerId: params.ownerId, fileSha256: input.fileSha256 })
        .onConflictDoUpdate({ target: [tracks.ownerId, tracks.fileSha256], set: fields })
        .returning({ id: tracks.id });
      const id = row!.id;
      if (input.bpm === null) {
        await tx.delete(trackTempos).where(and(eq(trackTempos.trackId, id), eq(trackTempos.source, 'analysis'), eq(trackTempos.ownerId, params.ownerId)));
      } else {
        await tx
          .insert(trackTempos)
          .values({ trackId: id, ownerId: params.ownerId, bpm: input.bpm, source: 'analysis', sourceNote: input.analysisNote })
          .onConflictDoUpdate({
            target: [trackTempos.trackId, trackTempos.source, trackTempos.ownerId],
            set: { bpm: input.bpm, sourceNote: input.analysisNote, createdAt: new Date() },
          });
      }
      ids.push(id);
    }
    return ids;
  });
}

export interface TrackMissingTempo {
  id: string;
  isrc: string;
}

/**
 * Tracks `ownerId` may see that carry an ISRC but have no tempo from any source they trust, so
 * a public lookup may help. `trackIds` narrows the search; unknown or foreign ids are skipped.
 */
export async function listTracksMissingTempo(db: Database, ownerId: string, trackIds?: readonly string[]): Promise<TrackMissingTempo[]> {
  const rows = await db
    .select()
    .from(tracks)
    .where(
      and(
        or(isNull(tracks.ownerId), eq(tracks.ownerId, ownerId)),
        isNotNull(tracks.isrc),
        trackIds === undefined ? undefined : inArray(tracks.id, trackIds.length > 0 ? [...trackIds] : ['']),
      ),
    )
    .orderBy(asc(tracks.catalogNumber), asc(tracks.title));
  const views = await withTempos(db, rows, ownerId);
  const isrcById = new Map(rows.map((r) => [r.id, r.isrc!]));
  return views.filter((v) => v.bpm === null).map((v) => ({ id: v.id, isrc: isrcById.get(v.id)! }));
}

export type RemoveLocalTrackResult =
  | { kind: 'removed' }
  | { kind: 'not_found' }
  /** Montages still play it: the owner's (by name) and how many of other people's (copied from a share). */
  | { kind: 'in_use'; ownMontageNames: string[]; othersMontages: number };

/**
 * Removes one of the owner's local tracks and its tempos, in one transaction, unless a montage
 * still plays it: then nothing is removed and the answer says which montages.
 */
export async function removeLocalTrack(db: Database, params: { ownerId: string; trackId: string }): Promise<RemoveLocalTrackResult> {
  return db.transaction(async (tx) => {
    const [track] = await tx
      .select({ id: tracks.id })
      .from(tracks)
      .where(and(eq(tracks.id, params.trackId), eq(tracks.ownerId, params.ownerId), eq(tracks.origin, 'local')))
      .for('update');
    if (!track) return { kind: 'not_found' };
    const uses = await tx
      .selectDistinct({ montageId: montages.id, name: montages.name, ownerId: montages.ownerId })
      .from(montageEntries)
      .innerJoin(montages, eq(montages.id, montageEntries.montageId))
      .where(eq(montageEntries.trackId, track.id))
      .orderBy(asc(montages.name));
    if (uses.length > 0) {
      const own = uses.filter((u) => u.ownerId === params.ownerId);
      return { kind: 'in_use', ownMontageNames: own.map((u) => u.name), othersMontages: uses.length - own.length };
    }
    await tx.delete(tracks).where(eq(tracks.id, track.id));
    return { kind: 'removed' };
  });
}
