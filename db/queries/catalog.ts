import { sql } from 'drizzle-orm';
import { ROCKY_IV_CATALOG, catalogTrackId } from '../../lib/catalog/rocky-iv';
import type { Database } from '../client';
import { trackTempos, tracks } from '../schema';

/** Loads the bundled Rocky IV catalog, idempotently, in one transaction. */
export async function upsertCatalog(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    for (const entry of ROCKY_IV_CATALOG) {
      const id = catalogTrackId(entry.number);
      const row = {
        id,
        title: entry.title,
        artist: entry.artist,
        durationMs: entry.durationMs,
        durationSource: entry.durationSource,
        origin: 'catalog' as const,
        isAnchor: true,
        catalogNumber: entry.number,
        writers: entry.writers,
        musicalKey: entry.musicalKey,
        spotifyId: entry.spotifyId,
      };
      await tx
        .insert(tracks)
        .values(row)
        .onConflictDoUpdate({
          target: tracks.id,
          set: {
            title: row.title,
            artist: row.artist,
            durationMs: sql`coalesce(${tracks.durationMs}, excluded.duration_ms)`,
            durationSource: sql`coalesce(${tracks.durationSource}, excluded.duration_source)`,
            writers: row.writers,
            musicalKey: row.musicalKey,
          },
        });
      if (entry.bpm !== null) {
        await tx
          .insert(trackTempos)
          .values({ trackId: id, bpm: entry.bpm, source: 'catalog', sourceNote: entry.tempoSource })
          .onConflictDoNothing();
      }
    }
  });
}
