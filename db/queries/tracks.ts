import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { needsConfirmation } from '../../lib/domain/tempo-confidence';
import { pickTempo, pickTempoQuestion, type TempoCandidate } from '../../lib/domain/tempo-provenance';
import type { PoolTrack, TempoSource } from '../../lib/domain/types';
import { AppError } from '../../lib/server/errors';
import type { Database } from '../client';
import { montageEntries, montages, trackTempos, tracks } from '../schema';
import { listMissingTempoWithIsrc } from './library-tracks';

export interface TrackView extends PoolTrack {
  origin: 'catalog' | 'spotify' | 'local';
  catalogNumber: number | null;
  durationSource: string | null;
  tempoSource: TempoSource | null;
  tempoSourceNote: string | null;
  /** A detected tempo awaiting the owner's confirmation (then `bpm` is null); null otherwise. */
  tempoQuestionBpm: number | null;
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
    list.push({ bpm: t.bpm, source: t.source, ownerId: t.ownerId, sourceNote: t.sourceNote, needsConfirmation: t.needsConfirmation });
    byTrack.set(t.trackId, list);
  }
  return rows.map((row) => {
    const tempo = pickTempo(byTrack.get(row.id) ?? [], ownerId);
    const question = pickTempoQuestion(byTrack.get(row.id) ?? [], ownerId);
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
      tempoQuestionBpm: question?.bpm ?? null,
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

/** The bundled soundtrack, with each tempo as `ownerId` sees it (their own taps included). */
export async function listCatalogTracks(db: Database, ownerId: string | null): Promise<TrackView[]> {
  const rows = await db.select().from(tracks).where(isNull(tracks.ownerId)).orderBy(asc(tracks.catalogNumber), asc(tracks.title));
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
  /** The tempo the owner saw for the track when they made their change (null: none). */
  previousBpm: number | null;
}

/** The tempo `ownerId` sees for a track now (null: none), as pickTempo resolves it. */
export async function currentTempo(db: Database, trackId: string, ownerId: string | null): Promise<number | null> {
  const [track] = await getTracksByIds(db, [trackId], ownerId);
  return track?.bpm ?? null;
}

/** Whether the tempo the visitor saw is still the one they see (tempos are kept to 0.1 BPM). */
export function sameTempo(seen: number | null, now: number | null): boolean {
  return seen === null || now === null ? seen === now : Math.abs(seen - now) < 0.05;
}

export function staleTempo(now: number | null): AppError {
  return new AppError(
    'stale_version',
    `This track's tempo changed since you loaded it (now ${now === null ? 'unknown' : `${now} BPM`}). Reload to see it, then set yours again.`,
    [{ field: 'previousBpm', message: `is no longer the track's tempo (now ${now === null ? 'unknown' : now})` }],
  );
}

/**
 * Stores the owner's own tempo for a track, replacing their earlier one from the same source —
 * unless the tempo they see changed since they loaded it (another tab, a lookup): then 409, nothing written.
 */
export async function setOwnTempo(db: Database, params: SetOwnTempoParams): Promise<void> {
  await db.transaction(async (tx) => {
    // The track row is locked so that two saves made on the same view cannot both pass the check.
    await tx.select({ id: tracks.id }).from(tracks).where(eq(tracks.id, params.trackId)).for('update');
    const now = await currentTempo(tx, params.trackId, params.ownerId);
    if (!sameTempo(params.previousBpm, now)) throw staleTempo(now);
    await tx
      .insert(trackTempos)
      .values({ trackId: params.trackId, ownerId: params.ownerId, bpm: params.bpm, source: params.source })
      .onConflictDoUpdate({
        target: [trackTempos.trackId, trackTempos.source, trackTempos.ownerId],
        set: { bpm: params.bpm, createdAt: new Date() },
      });
  });
}

/** A track the owner may see: a catalog track or one of their own (no owner yet: the catalog only). */
export async function findVisibleTrack(db: Database, trackId: string, ownerId: string | null): Promise<TrackRow | null> {
  const [row] = await db
    .select()
    .from(tracks)
    .where(and(eq(tracks.id, trackId), ownerId === null ? isNull(tracks.ownerId) : or(isNull(tracks.ownerId), eq(tracks.ownerId, ownerId))));
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
  /** The detector's confidence in `bpm` (0..1); null when it gave none. */
  tempoConfidence?: number | null;
  isrc: string | null;
  fileSha256: string | null;
}

export interface AddLocalTracksParams {
  ownerId: string;
  tracks: LocalTrackInput[];
}

/**
 * Stores the owner's local files as tracks (metadata only: the audio stays on their device),
 * each with its analysed tempo, in one transaction of three statements whatever the batch size.
 * A file added before (same SHA-256) updates its track and keeps its id; the same file twice in
 * one batch counts once (the later wins). Returns the ids in input order.
 */
export async function addLocalTracks(db: Database, params: AddLocalTracksParams): Promise<string[]> {
  const fieldsOf = (input: LocalTrackInput) => ({ title: input.title, artist: input.artist, durationMs: input.durationMs, durationSource: 'decoded from your file', isrc: input.isrc });
  // One row per file: a multi-row upsert may not touch the same row twice.
  const lastBySha = new Map<string, LocalTrackInput>();
  for (const input of params.tracks) if (input.fileSha256 !== null) lastBySha.set(input.fileSha256, input);
  const rows = params.tracks
    .filter((input) => input.fileSha256 === null || lastBySha.get(input.fileSha256) === input)
    .map((input) => ({ input, newId: `local-${crypto.randomUUID()}` }));
  return db.transaction(async (tx) => {
    // One statement, so the same file added twice at once lands on one track, not a unique-index error.
    const stored = await tx
      .insert(tracks)
      .values(rows.map(({ input, newId }) => ({ id: newId, ...fieldsOf(input), origin: 'local' as const, ownerId: params.ownerId, fileSha256: input.fileSha256 })))
      .onConflictDoUpdate({
        target: [tracks.ownerId, tracks.fileSha256],
        set: { title: sql`excluded.title`, artist: sql`excluded.artist`, durationMs: sql`excluded.duration_ms`, durationSource: sql`excluded.duration_source`, isrc: sql`excluded.isrc` },
      })
      .returning({ id: tracks.id, fileSha256: tracks.fileSha256 });
    const idBySha = new Map(stored.filter((r) => r.fileSha256 !== null).map((r) => [r.fileSha256!, r.id]));
    const idOf = (input: LocalTrackInput, newId?: string) => (input.fileSha256 === null ? newId! : idBySha.get(input.fileSha256)!);
    const withTempo = rows.filter(({ input }) => input.bpm !== null);
    const withoutTempo = rows.filter(({ input }) => input.bpm === null).map(({ input, newId }) => idOf(input, newId));
    if (withoutTempo.length > 0) {
      await tx
        .delete(trackTempos)
        .where(and(inArray(trackTempos.trackId, withoutTempo), eq(trackTempos.source, 'analysis'), eq(trackTempos.ownerId, params.ownerId)));
    }
    if (withTempo.length > 0) {
      await tx
        .insert(trackTempos)
        .values(
          withTempo.map(({ input, newId }) => {
            const confidence = input.tempoConfidence ?? null;
            return {
              trackId: idOf(input, newId),
              ownerId: params.ownerId,
              bpm: input.bpm!,
              source: 'analysis' as const,
              sourceNote: input.analysisNote,
              confidence,
              needsConfirmation: needsConfirmation({ bpm: input.bpm!, confidence }),
            };
          }),
        )
        .onConflictDoUpdate({
          target: [trackTempos.trackId, trackTempos.source, trackTempos.ownerId],
          set: {
            bpm: sql`excluded.bpm`,
            sourceNote: sql`excluded.source_note`,
            confidence: sql`excluded.confidence`,
            needsConfirmation: sql`excluded.needs_confirmation`,
            createdAt: new Date(),
          },
        });
    }
    const newIdByInput = new Map(rows.map(({ input, newId }) => [input, newId]));
    return params.tracks.map((input) => idOf(input, newIdByInput.get(input)));
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
  return listMissingTempoWithIsrc(db, ownerId, trackIds);
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

export interface RemoveLocalTracksResult {
  removed: string[];
  /** Own files a montage still plays: kept, with the montages' names (the owner's) and how many of others'. */
  inUse: { trackId: string; title: string; ownMontageNames: string[]; othersMontages: number }[];
  /** Ids that are not the owner's local files (unknown, foreign, catalog or Spotify tracks). */
  notFound: string[];
}

/**
 * Removes several of the owner's local tracks and their tempos in one transaction; a track that
 * a montage still plays is kept and named in `inUse`; the rest are removed.
 */
export async function removeLocalTracks(db: Database, params: { ownerId: string; trackIds: readonly string[] }): Promise<RemoveLocalTracksResult> {
  const ids = [...new Set(params.trackIds)];
  if (ids.length === 0) return { removed: [], inUse: [], notFound: [] };
  return db.transaction(async (tx) => {
    const own = await tx
      .select({ id: tracks.id, title: tracks.title })
      .from(tracks)
      .where(and(inArray(tracks.id, ids), eq(tracks.ownerId, params.ownerId), eq(tracks.origin, 'local')))
      .for('update');
    const ownIds = new Set(own.map((t) => t.id));
    const uses =
      own.length === 0
        ? []
        : await tx
            .selectDistinct({ trackId: montageEntries.trackId, montageId: montages.id, name: montages.name, ownerId: montages.ownerId })
            .from(montageEntries)
            .innerJoin(montages, eq(montages.id, montageEntries.montageId))
            .where(inArray(montageEntries.trackId, [...ownIds]))
            .orderBy(asc(montages.name));
    const usesByTrack = new Map<string, typeof uses>();
    for (const use of uses) usesByTrack.set(use.trackId, [...(usesByTrack.get(use.trackId) ?? []), use]);
    const removable = own.filter((t) => !usesByTrack.has(t.id)).map((t) => t.id);
    if (removable.length > 0) await tx.delete(tracks).where(inArray(tracks.id, removable));
    return {
      removed: removable,
      inUse: own
        .filter((t) => usesByTrack.has(t.id))
        .map((t) => {
          const trackUses = usesByTrack.get(t.id)!;
          const mine = trackUses.filter((u) => u.ownerId === params.ownerId);
          return { trackId: t.id, title: t.title, ownMontageNames: mine.map((u) => u.name), othersMontages: trackUses.length - mine.length };
        }),
      notFound: ids.filter((id) => !ownIds.has(id)),
    };
  });
}
