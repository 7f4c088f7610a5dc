import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { montageEntries, tracks } from '../schema';
import { libraryImports, spotifyPlaylists } from '../schema-spotify';

export interface LibraryTrackRow {
  spotifyId: string;
  title: string;
  artist: string;
  durationMs: number;
  isrc: string | null;
}

export type ImportProgress = typeof libraryImports.$inferSelect;

/** Stable id of an owner's Spotify track: importing it twice finds the same row. */
export function spotifyTrackId(ownerId: string, spotifyId: string): string {
  return `spotify:${ownerId}:${spotifyId}`;
}

export async function getImportProgress(db: Database, userId: string): Promise<ImportProgress | null> {
  const [row] = await db.select().from(libraryImports).where(eq(libraryImports.userId, userId));
  return row ?? null;
}

/**
 * Marks an import as running and says where to start: the offset an interrupted import reached,
 * or 0 for a new one (a re-sync when an earlier one finished).
 */
export async function beginImport(db: Database, userId: string): Promise<{ startOffset: number; since: string | null }> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(libraryImports).where(eq(libraryImports.userId, userId)).for('update');
    if (existing && existing.status !== 'done') {
      // Resuming: walk on from where it stopped to the end (what it stores is keyed, never doubled).
      await tx.update(libraryImports).set({ status: 'running', error: null }).where(eq(libraryImports.userId, userId));
      return { startOffset: existing.nextOffset, since: null };
    }
    const since = existing?.newestAddedAt ?? null;
    await tx
      .insert(libraryImports)
      .values({ userId, status: 'running', imported: 0, nextOffset: 0, newestAddedAt: since })
      .onConflictDoUpdate({
        target: libraryImports.userId,
        set: { status: 'running', imported: 0, nextOffset: 0, total: null, error: null, startedAt: new Date(), finishedAt: null },
      });
    return { startOffset: 0, since };
  });
}

export interface StorePageParams {
  userId: string;
  ownerId: string;
  tracks: LibraryTrackRow[];
  total: number;
  nextOffset: number;
  /** `added_at` of the newest liked song seen so far (from the first page). */
  newestAddedAt: string | null;
}

/** Stores one page of liked songs and where the next page starts, in one transaction: resuming never duplicates. */
export async function storeImportPage(db: Database, params: StorePageParams): Promise<void> {
  await db.transaction(async (tx) => {
    if (params.tracks.length > 0) {
      await tx
        .insert(tracks)
        .values(
          params.tracks.map((t) => ({
            id: spotifyTrackId(params.ownerId, t.spotifyId),
            title: t.title.slice(0, 300) || '(untitled)',
            artist: t.artist,
            durationMs: t.durationMs > 0 ? t.durationMs : null,
            durationSource: 'Spotify',
            origin: 'spotify' as const,
            ownerId: params.ownerId,
            spotifyId: t.spotifyId,
            isrc: t.isrc,
          })),
        )
        .onConflictDoUpdate({
          target: tracks.id,
          set: { title: sql`excluded.title`, artist: sql`excluded.artist`, isrc: sql`excluded.isrc` },
        });
    }
    await tx
      .update(libraryImports)
      .set({
        imported: sql`${libraryImports.imported} + ${params.tracks.length}`,
        total: params.total,
        nextOffset: params.nextOffset,
        ...(params.newestAddedAt ? { newestAddedAt: sql`coalesce(${libraryImports.newestAddedAt}, ${params.newestAddedAt})` } : {}),
      })
      .where(eq(libraryImports.userId, params.userId));
  });
}

export async function finishImport(db: Database, userId: string, newestAddedAt: string | null): Promise<void> {
  await db
    .update(libraryImports)
    .set({ status: 'done', finishedAt: new Date(), nextOffset: 0, ...(newestAddedAt ? { newestAddedAt } : {}) })
    .where(eq(libraryImports.userId, userId));
}

export async function failImport(db: Database, userId: string, message: string): Promise<void> {
  await db.update(libraryImports).set({ status: 'failed', error: message }).where(eq(libraryImports.userId, userId));
}

/**
 * After a re-sync found songs un-liked on Spotify: removes the owner's imported tracks that are
 * no longer liked, except those a montage of theirs uses — a montage keeps its tracks (they still
 * play on Spotify); such a track leaves the library at a later re-sync once no montage uses it.
 * One transaction. Returns how many were removed.
 */
export async function removeUnlikedTracks(db: Database, params: { ownerId: string; likedSpotifyIds: ReadonlySet<string> }): Promise<number> {
  return db.transaction(async (tx) => {
    const imported = await tx
      .select({ id: tracks.id, spotifyId: tracks.spotifyId })
      .from(tracks)
      .where(and(eq(tracks.ownerId, params.ownerId), eq(tracks.origin, 'spotify')));
    const unliked = imported.filter((t) => t.spotifyId === null || !params.likedSpotifyIds.has(t.spotifyId)).map((t) => t.id);
    let removed = 0;
    for (let i = 0; i < unliked.length; i += 500) {
      const ids = unliked.slice(i, i + 500);
      const deleted = await tx
        .delete(tracks)
        .where(and(inArray(tracks.id, ids), sql`not exists (select 1 from ${montageEntries} where ${montageEntries.trackId} = ${tracks.id})`))
        .returning({ id: tracks.id });
      removed += deleted.length;
    }
    return removed;
  });
}

export async function getSavedPlaylistId(db: Database, montageId: string): Promise<string | null> {
  const [row] = await db.select().from(spotifyPlaylists).where(eq(spotifyPlaylists.montageId, montageId));
  return row?.playlistId ?? null;
}

/** Remembers the playlist a montage went to, so saving again updates it. */
export async function recordSavedPlaylist(db: Database, params: { montageId: string; playlistId: string; trackCount: number }): Promise<void> {
  await db
    .insert(spotifyPlaylists)
    .values({ montageId: params.montageId, playlistId: params.playlistId, savedTrackCount: params.trackCount })
    .onConflictDoUpdate({
      target: spotifyPlaylists.montageId,
      set: { playlistId: params.playlistId, savedTrackCount: params.trackCount, savedAt: new Date() },
    });
}

export interface CatalogResolution {
  trackId: string;
  spotifyId: string;
  isrc: string | null;
  spotifyDurationMs: number;
}

/**
 * Stores what Spotify says of catalog tracks: its id and ISRC; its duration only where no source
 * gave a length yet (intervals already planned on the LP length stay valid).
 */
export async function storeCatalogResolutions(db: Database, resolutions: CatalogResolution[]): Promise<void> {
  await db.transaction(async (tx) => {
    for (const r of resolutions) {
      await tx.update(tracks).set({ spotifyId: r.spotifyId, isrc: r.isrc }).where(eq(tracks.id, r.trackId));
      await tx
        .update(tracks)
        .set({ durationMs: r.spotifyDurationMs, durationSource: 'Spotify' })
        .where(and(eq(tracks.id, r.trackId), isNull(tracks.durationMs)));
    }
  });
}
