import type { Database } from '../../../db/client';
import { beginPrune, failImport, finishImport, getImportProgress, storeImportPage } from '../../../db/queries/library';
import { analyzeTracksIfStale } from '../../../db/queries/planner-statistics';
import type { SpotifyAdapter } from '../../spotify';
import { toAppError, userSpotify } from '../spotify';

export interface ImportJobData {
  userId: string;
  ownerId: string;
}

/** 'more': the run is not finished, run another slice; 'finished': done, failed, stopped or moved on elsewhere. */
export type SliceOutcome = 'more' | 'finished';

export interface SliceOptions {
  /** Stop starting new pages after this long (a job's expiry must leave room for the page in flight). */
  budgetMs: number;
  /** The user's Spotify (default: from their stored tokens). */
  adapter?: SpotifyAdapter;
  now?: () => number;
}

/**
 * One slice of a user's library import, continued from the stored run (`library_imports`): pages
 * of 50 from the stored offset, each stored with where the next starts in one transaction, until
 * the run ends or `budgetMs` has passed. Picked up again (another slice, another process after
 * this one died), it goes on from the last stored page: at most the page in flight is fetched
 * twice, and stored once (songs are keyed). A Spotify failure stops the run with its message
 * (the user resumes it); any other error is thrown for the job queue to retry.
 */
export async function runImportSlice(db: Database, job: ImportJobData, options: SliceOptions): Promise<SliceOutcome> {
  const now = options.now ?? Date.now;
  const deadline = now() + options.budgetMs;
  const run = await getImportProgress(db, job.userId);
  if (run?.status !== 'running') return 'finished';
  const adapter = options.adapter ?? userSpotify(db, job.userId);
  try {
    const isFetch = run.phase === 'fetch';
    let total = run.total;
    let seen = run.seen;
    for await (const page of adapter.importSavedTracks({ startOffset: run.nextOffset, since: isFetch ? run.since : null })) {
      const nextOffset = page.nextOffset ?? page.offset + page.limit;
      const isStored = await storeImportPage(db, {
        userId: job.userId,
        ownerId: job.ownerId,
        phase: run.phase,
        offset: page.offset,
        tracks: page.tracks.map((t) => ({ spotifyId: t.spotifyId, title: t.title, artist: t.artist, durationMs: t.durationMs, isrc: t.isrc })),
        // Entries Montage skips (local files) count too: Spotify's total includes them.
        entries: page.tracks.length + page.skipped,
        total: page.total,
        nextOffset,
        newestAddedAt: isFetch && page.offset === 0 ? (page.tracks[0]?.addedAt ?? null) : null,
      });
      if (!isStored) return 'finished';
      if (isFetch) {
        total = page.total;
        seen += page.tracks.length + page.skipped;
      }
      if (page.nextOffset !== null && now() >= deadline) return 'more';
    }
    // A re-sync whose count falls short of the last count plus the new songs: some were un-liked.
    const isShort = isFetch && run.since !== null && run.knownTotal !== null && total !== null && total < run.knownTotal + seen;
    if (isShort) return (await beginPrune(db, job.userId)) ? 'more' : 'finished';
    await finishImport(db, job);
    // Thousands of new songs: the library's plans and "about" counts follow (PGlite has no autovacuum).
    await analyzeTracksIfStale(db);
    return 'finished';
  } catch (error) {
    const appError = toAppError(error);
    if (appError === error) throw error;
    await failImport(db, job.userId, appError instanceof Error ? appError.message : 'The import stopped.');
    return 'finished';
  }
}
