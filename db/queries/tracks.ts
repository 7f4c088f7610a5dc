import { and, asc, desc, eq, inArray, isNull, or } from 'drizzle-orm';
import { pickTempo, type TempoCandidate } from '../../lib/domain/tempo-provenance';
import type { PoolTrack, TempoSource } from '../../lib/domain/types';
import type { Database } from '../client';
import { trackTempos, tracks } from '../schema';

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
