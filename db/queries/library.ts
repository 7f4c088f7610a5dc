import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database, Transaction } from '../client';
import { montageEntries, tracks } from '../schema';
import { libraryImportSeen, libraryImports, spotifyPlaylists, users } from '../schema-spotify';

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

export type BeginImportResult =
  /** A new run (or a stopped one resumed): a job must be started for it. */
  | { kind: 'started'; progress: ImportProgress }
  /** One is running already (another tab, another process): nothing changed. */
  | { kind: 'running'; progress: ImportProgress };

/**
 * Starts an import run unless one is running, in one transaction under a per-user lock (two
 * requests at once, on any processes: one starts it, the other finds it running). A stopped run
 * (failed) resumes from its stored offset and phase; after a finished one a re-sync starts that
 * fetches only songs liked since, remembering Spotify's last count (un-likes show as a shortfall).
 */
export async function beginImport(db: Database, userId: string): Promise<BeginImportResult> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`library-import:${userId}`}))`);
    const [existing] = await tx.select().from(libraryImports).where(eq(libraryImports.userId, userId)).for('update');
    if (existing?.status === 'running') return { kind: 'running', progress: existing };
    if (existing && existing.status !== 'done') {
      const [resumed] = await tx.update(libraryImports).set({ status: 'running', error: null }).where(eq(libraryImports.userId, userId)).returning();
      return { kind: 'started', progress: resumed! };
    }
    await tx.delete(libraryImportSeen).where(eq(libraryImportSeen.userId, userId));
    const fresh = { status: 'running' as const, imported: 0, nextOffset: 0, total: null, error: null, phase: 'fetch' as const, seen: 0, runNewestAddedAt: null };
    const [started] = await tx
      .insert(libraryImports)
      .values({ userId, ...fresh, since: null, knownTotal: null })
      .onConflictDoUpdate({
        target: libraryImports.userId,
        set: { ...fresh, since: existing?.newestAddedAt ?? null, knownTotal: existing?.total ?? null, startedAt: new Date(), finishedAt: null },
      })
      .returning();
    return { kind: 'started', progress: started! };
  });
}

/** Users whose import is running: a job picks each up (at start, after a process died). */
export async function listRunningImports(db: Database): Promise<{ userId: string; ownerId: string }[]> {
  return db
    .select({ userId: libraryImports.userId, ownerId: users.ownerId })
    .from(libraryImports)
    .innerJoin(users, eq(users.id, libraryImports.userId))
    .where(eq(libraryImports.status, 'running'));
}

export interface StorePageParams {
  userId: string;
  ownerId: string;
  phase: 'fetch' | 'prune';
  /** Where this page started: stored only if the run is still there (else another runner moved it on). */
  offset: number;
  tracks: LibraryTrackRow[];
  /** Entries of the page, skipped ones included. */
  entries: number;
  total: number;
  nextOffset: number;
  /** `added_at` of the newest liked song, from the run's first page. */
  newestAddedAt: string | null;
}

/**
 * Stores one page and where the next starts, in one transaction: in 'fetch' the liked songs
 * (keyed: a page stored twice is one row per song), in 'prune' the ids seen. Returns false, storing
 * nothing, when the run is no longer at `offset` in that phase (stopped, or moved on by another runner).
 */
export async function storeImportPage(db: Database, params: StorePageParams): Promise<boolean> {
  return db.transaction(async (tx) => {
    const isFetch = params.phase === 'fetch';
    const moved = await tx
      .update(libraryImports)
      .set({
        imported: isFetch ? sql`${libraryImports.imported} + ${params.tracks.length}` : undefined,
        seen: isFetch ? sql`${libraryImports.seen} + ${params.entries}` : undefined,
        total: isFetch ? params.total : undefined,
        nextOffset: params.nextOffset,
        ...(params.newestAddedAt ? { runNewestAddedAt: sql`coalesce(${libraryImports.runNewestAddedAt}, ${params.newestAddedAt})` } : {}),
      })
      .where(
        and(
          eq(libraryImports.userId, params.userId),
          eq(libraryImports.status, 'running'),
          eq(libraryImports.phase, params.phase),
          eq(libraryImports.nextOffset, params.offset),
        ),
      )
      .returning({ userId: libraryImports.userId });
    if (moved.length === 0) return false;
    if (params.tracks.length === 0) return true;
    if (!isFetch) {
      await tx
        .insert(libraryImportSeen)
        .values(params.tracks.map((t) => ({ userId: params.userId, spotifyId: t.spotifyId })))
        .onConflictDoNothing();
      return true;
    }
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
    return true;
  });
}

/** After the last 'fetch' page of a re-sync that found songs un-liked: read everything once more. Returns false when the run moved on. */
export async function beginPrune(db: Database, userId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.delete(libraryImportSeen).where(eq(libraryImportSeen.userId, userId));
    const moved = await tx
      .update(libraryImports)
      .set({ phase: 'prune', nextOffset: 0 })
      .where(and(eq(libraryImports.userId, userId), eq(libraryImports.status, 'running'), eq(libraryImports.phase, 'fetch')))
      .returning({ userId: libraryImports.userId });
    return moved.length > 0;
  });
}

/**
 * Ends a run, in one transaction: after a 'prune' phase removes the owner's imported tracks not
 * seen in it (see removeUnlikedTracks); records the newest liked song for the next re-sync.
 */
export async function finishImport(db: Database, params: { userId: string; ownerId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const [run] = await tx
      .select()
      .from(libraryImports)
      .where(and(eq(libraryImports.userId, params.userId), eq(libraryImports.status, 'running')))
      .for('update');
    if (!run) return;
    if (run.phase === 'prune') {
      const seen = await tx.select({ spotifyId: libraryImportSeen.spotifyId }).from(libraryImportSeen).where(eq(libraryImportSeen.userId, params.userId));
      await removeUnlikedTracksIn(tx, { ownerId: params.ownerId, likedSpotifyIds: new Set(seen.map((r) => r.spotifyId)) });
      await tx.delete(libraryImportSeen).where(eq(libraryImportSeen.userId, params.userId));
    }
    await tx
      .update(libraryImports)
      .set({
        status: 'done',
        finishedAt: new Date(),
        nextOffset: 0,
        phase: 'fetch',
        newestAddedAt: sql`coalesce(${libraryImports.runNewestAddedAt}, ${libraryImports.newestAddedAt})`,
      })
      .where(eq(libraryImports.userId, params.userId));
  });
}

export async function failImport(db: Database, userId: string, message: string): Promise<void> {
  await db
    .update(libraryImports)
    .set({ status: 'failed', error: message })
    .where(and(eq(libraryImports.userId, userId), eq(libraryImports.status, 'running')));
}

/**
 * After a re-sync found songs un-liked on Spotify: removes the owner's imported tracks that are
 * no longer liked, except those a montage of theirs uses — a montage keeps its tracks (they still
 * play on Spotify); such a track leaves the library at a later re-sync once no montage uses it.
 * One transaction. Returns how many were removed.
 */
export async function removeUnlikedTracks(db: Database, params: { ownerId: string; likedSpotifyIds: ReadonlySet<string> }): Promise<number> {
  return db.transaction((tx) => removeUnlikedTracksIn(tx, params));
}

async function removeUnlikedTracksIn(tx: Transaction, params: { ownerId: string; likedSpotifyIds: ReadonlySet<string> }): Promise<number> {
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
