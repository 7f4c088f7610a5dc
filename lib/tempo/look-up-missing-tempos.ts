import type { Database } from '../../db/client';
import { getCachedTempoLookups, isUsableBpm, recordTempoLookup, setLookupTempo, type CachedTempoLookup } from '../../db/queries/tempo-lookups';
import { listTracksMissingTempo } from '../../db/queries/tracks';
import type { DeezerTempoSource } from './deezer';

/** "Deezer does not know" is asked again after this long; a known tempo is kept for good. */
export const UNKNOWN_TEMPO_RECHECK_MS = 30 * 24 * 3600 * 1000;

/** Requests one batch may send: under Deezer's quota (50 every 5 s), so a batch does not spend it all. */
export const MAX_REQUESTS_PER_BATCH = 40;

export const QUOTA_MESSAGE =
  'Deezer’s request quota is used up for now (it allows 50 requests every 5 seconds). The tempos found so far are saved; try again in a few seconds for the rest.';

export interface LookedUpTrack {
  trackId: string;
  isrc: string;
  /** Null: the public source does not know this tempo (or gave one outside 30–300 BPM). */
  bpm: number | null;
  isFromCache: boolean;
}

export interface LookupReport {
  tracks: LookedUpTrack[];
  /** Tracks whose lookup failed (source busy or unreadable answer); nothing was cached for them. */
  failed: { trackId: string; isrc: string }[];
  /** Tracks not asked: the batch stopped, or reached MAX_REQUESTS_PER_BATCH (ask again for the rest). */
  notAsked: { trackId: string; isrc: string }[];
  /** Requests sent to the public source. */
  requests: number;
  stopped: { reason: 'quota_exceeded'; message: string } | null;
}

export interface LookUpMissingTemposParams {
  ownerId: string;
  /** Limit the lookup to these tracks (the owner's view of them); all their tracks missing a tempo otherwise. */
  trackIds?: readonly string[];
  source: DeezerTempoSource;
  now?: Date;
  maxRequests?: number;
}

function isFresh(cached: CachedTempoLookup, now: Date): boolean {
  return cached.bpm !== null || now.getTime() - cached.fetchedAt.getTime() < UNKNOWN_TEMPO_RECHECK_MS;
}

function noteOf(providerTrackId: string | null): string {
  return providerTrackId === null ? 'Deezer, bpm by ISRC' : `Deezer track ${providerTrackId}, bpm by ISRC`;
}

/**
 * Asks the public source (Deezer's `bpm` by ISRC) for the tempo of the owner's tracks that have
 * an ISRC and no tempo. Each ISRC is asked at most once: answers, "unknown" included, are cached.
 * A quota error stops the batch (nothing cached for it); what was found before stays saved.
 */
export async function lookUpMissingTempos(db: Database, params: LookUpMissingTemposParams): Promise<LookupReport> {
  const now = params.now ?? new Date();
  const missing = await listTracksMissingTempo(db, params.ownerId, params.trackIds);
  const tracksByIsrc = new Map<string, string[]>();
  for (const track of missing) tracksByIsrc.set(track.isrc, [...(tracksByIsrc.get(track.isrc) ?? []), track.id]);
  const cache = await getCachedTempoLookups(db, 'deezer', [...tracksByIsrc.keys()]);

  const report: LookupReport = { tracks: [], failed: [], notAsked: [], requests: 0, stopped: null };
  const each = (isrc: string, trackIds: string[]) => trackIds.map((trackId) => ({ trackId, isrc }));
  for (const [isrc, trackIds] of tracksByIsrc) {
    const cached = cache.get(isrc);
    if (cached && isFresh(cached, now)) {
      const bpm = isUsableBpm(cached.bpm) ? cached.bpm : null;
      if (bpm !== null) await setLookupTempo(db, { trackIds, bpm, note: noteOf(cached.providerTrackId) });
      report.tracks.push(...each(isrc, trackIds).map((t) => ({ ...t, bpm, isFromCache: true })));
      continue;
    }
    if (report.stopped || report.requests >= (params.maxRequests ?? MAX_REQUESTS_PER_BATCH)) {
      report.notAsked.push(...each(isrc, trackIds));
      continue;
    }
    report.requests += 1;
    const answer = await params.source.lookupByIsrc(isrc);
    if (answer.kind === 'quota_exceeded') {
      report.stopped = { reason: 'quota_exceeded', message: QUOTA_MESSAGE };
      report.notAsked.push(...each(isrc, trackIds));
      continue;
    }
    if (answer.kind === 'failed') {
      console.warn(`Tempo lookup for ISRC ${isrc} failed: ${answer.detail}`);
      report.failed.push(...each(isrc, trackIds));
      continue;
    }
    const known = answer.kind === 'track' ? answer : null;
    const providerTrackId = known?.providerTrackId ?? null;
    await recordTempoLookup(db, { provider: 'deezer', isrc, bpm: known?.bpm ?? null, providerTrackId, trackIds, note: noteOf(providerTrackId) });
    const bpm = isUsableBpm(known?.bpm ?? null) ? known!.bpm : null;
    report.tracks.push(...each(isrc, trackIds).map((t) => ({ ...t, bpm, isFromCache: false })));
  }
  return report;
}
