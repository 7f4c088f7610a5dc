import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { countLibrary, listLibraryTracks, listSequencerPool, type PoolScope } from '../../db/queries/library-tracks';
import { owners, tracks, trackTempos } from '../../db/schema';
import { and, eq, inArray } from 'drizzle-orm';
import { workoutSpecFor } from '../../lib/domain/workout';
import { narrowPool, poolWindowFor, WHOLE_POOL_UP_TO } from '../../lib/sequencer/pool-window';

/**
 * `size` tracks of a new owner, set-based: files with an analysed tempo from 60 to 199.5 BPM (every
 * tenth of unknown tempo), lengths from 20 s to 6 h (some longer than any montage), 300 artists.
 */
async function ownerWithTracks(size: number): Promise<string> {
  const db = await getDb();
  const [owner] = await db.insert(owners).values({}).returning();
  const ownerId = owner!.id;
  await db.execute(sql`insert into tracks (id, title, artist, duration_ms, duration_source, origin, owner_id, file_sha256)
    select 'scale-' || ${ownerId}::text || '-' || lpad(g::text, 6, '0'), 'Song ' || g, 'Artist ' || (g % 300),
      case when g % 97 = 0 then 20000 when g % 89 = 0 then 6 * 3600000 else 120000 + (g * 7919) % 240000 end,
      'test', case when g % 2 = 0 then 'local' else 'spotify' end, ${ownerId}::uuid, md5(${ownerId}::text || g)
    from generate_series(1, ${size}) g`);
  await db.execute(sql`insert into track_tempos (track_id, bpm, source, source_note, owner_id)
    select 'scale-' || ${ownerId}::text || '-' || lpad(g::text, 6, '0'), 60 + ((g * 37) % 280) / 2.0, 'analysis', 'test detector', ${ownerId}::uuid
    from generate_series(1, ${size}) g where g % 10 <> 0`);
  return ownerId;
}

const ids = (pool: { id: string }[]) => pool.map((t) => t.id);

describe('the pool read for a build (listSequencerPool)', () => {
  it('narrows a large library in SQL exactly as narrowPool defines it, for every scope', async () => {
    const db = await getDb();
    const ownerId = await ownerWithTracks(WHOLE_POOL_UP_TO + 1_000);
    const scopes: PoolScope[] = [
      { kind: 'all' },
      { kind: 'criteria', criteria: { origins: ['local'], halfDouble: true } },
      { kind: 'criteria', criteria: { q: 'song 1', halfDouble: true } },
    ];
    for (const choice of [{ mode: 'run' as const, cadenceSpm: 175, lengthMin: 40 }, { mode: 'circuit' as const, lengthMin: 90 }]) {
      const workout = workoutSpecFor(choice);
      const window = poolWindowFor(workout);
      for (const scope of scopes) {
        const whole = await listSequencerPool(db, { ownerId, scope });
        const narrowed = await listSequencerPool(db, { ownerId, scope, window });
        expect(ids(narrowed)).toEqual(ids(narrowPool(whole, window)));
        if (scope.kind === 'all') {
          // What the build gains: at most each band's take and the anchors (a Run's walks widen the
          // window to 48–370 BPM, so less is left out than of a circuit), every anchor kept, nothing it cannot place.
          expect(narrowed.length).toBeLessThanOrEqual(9 + window.bands.reduce((sum, band) => sum + band.take, 0));
          expect(narrowed.length).toBeLessThan(whole.length);
          expect(narrowed.filter((t) => t.isAnchor)).toHaveLength(9);
          expect(narrowed.every((t) => t.durationMs! <= window.maxDurationMs)).toBe(true);
          expect(narrowed.some((t) => t.bpm === null)).toBe(true);
        }
      }
    }
  }, 120_000);

  it('reads a library of up to WHOLE_POOL_UP_TO placeable tracks whole, as before', async () => {
    const db = await getDb();
    const ownerId = await ownerWithTracks(WHOLE_POOL_UP_TO);
    const window = poolWindowFor(workoutSpecFor({ mode: 'hiit', lengthMin: 30 }));
    const whole = await listSequencerPool(db, { ownerId, scope: { kind: 'all' } });
    expect(whole.length).toBe(WHOLE_POOL_UP_TO + 9);
    expect(ids(await listSequencerPool(db, { ownerId, scope: { kind: 'all' }, window }))).toEqual(ids(whole));
  });
});

describe('library counts (kept by triggers, never a scan of the library)', () => {
  /** The counts as a scan would give them, to compare with. */
  async function scanned(ownerId: string) {
    const db = await getDb();
    const rows = (await db.execute(sql`select origin, case when tempo_bpm is null then 'unknown' else tempo_source end as tempo,
        isrc is not null as has_isrc, count(*)::int as tracks from tracks where owner_id = ${ownerId} group by 1, 2, 3 order by 1, 2, 3`)) as unknown as { rows: unknown[] };
    return rows.rows;
  }
  async function kept(ownerId: string) {
    const db = await getDb();
    const rows = (await db.execute(sql`select origin, tempo, has_isrc, tracks from library_counts where owner_id = ${ownerId} order by 1, 2, 3`)) as unknown as { rows: unknown[] };
    return rows.rows;
  }

  it('follow adding tracks, their tempos changing, removal and moving to another owner', async () => {
    const db = await getDb();
    const ownerId = await ownerWithTracks(1_200);
    expect(await kept(ownerId)).toEqual(await scanned(ownerId));
    const soundtrackUnknown = (await countLibrary(db, null)).tempoUnknown;
    expect(await countLibrary(db, ownerId)).toMatchObject({ total: 1_210, byOrigin: { catalog: 10, local: 600, spotify: 600 }, tempoUnknown: 120 + soundtrackUnknown });

    const someIds = (await db.select({ id: tracks.id }).from(tracks).where(eq(tracks.ownerId, ownerId)).limit(40)).map((t) => t.id);
    // A tap on tracks of unknown and of analysed tempo, an ISRC learnt, then the tap removed.
    await db.insert(trackTempos).values(someIds.slice(0, 20).map((trackId) => ({ trackId, bpm: 150, source: 'tap' as const, ownerId })));
    await db.update(tracks).set({ isrc: 'QZTEST0000001' }).where(inArray(tracks.id, someIds.slice(10, 30)));
    expect(await kept(ownerId)).toEqual(await scanned(ownerId));
    expect((await countLibrary(db, ownerId)).tempoUnknown).toBe(120 + soundtrackUnknown - someIds.slice(0, 20).filter((id) => Number(id.slice(-6)) % 10 === 0).length);
    await db.delete(trackTempos).where(and(inArray(trackTempos.trackId, someIds.slice(0, 5)), eq(trackTempos.source, 'tap')));
    expect(await kept(ownerId)).toEqual(await scanned(ownerId));

    // Removed tracks, then the rest moved to another owner (an account claiming a device's library).
    await db.delete(tracks).where(inArray(tracks.id, someIds.slice(30)));
    const [other] = await db.insert(owners).values({}).returning();
    await db.update(tracks).set({ ownerId: other!.id }).where(eq(tracks.ownerId, ownerId));
    expect(await kept(ownerId)).toEqual([]);
    expect(await kept(other!.id)).toEqual(await scanned(other!.id));
    expect((await countLibrary(db, other!.id)).total).toBe(1_210 - 10);
    // An owner deleted with their tracks leaves no count behind.
    await db.delete(owners).where(eq(owners.id, other!.id));
    expect(await kept(other!.id)).toEqual([]);
  });

  it('give a filter on sources and origins its exact total, a search or tempo range an exact total up to 1,000 and an estimate past it', async () => {
    const db = await getDb();
    const ownerId = await ownerWithTracks(3_000);
    await db.execute(sql`analyze tracks`);
    const page = (criteria: Parameters<typeof listLibraryTracks>[1]['criteria']) => listLibraryTracks(db, { ownerId, criteria, sort: 'title', page: 2, pageSize: 50 });
    // Every tenth track has no tempo, and they are all files (even numbers).
    expect(await page({ sources: ['unknown'], origins: ['local'], halfDouble: true })).toMatchObject({ total: 300, isTotalExact: true });
    expect(await page({ sources: ['unknown'], origins: ['spotify'], halfDouble: true })).toMatchObject({ total: 0, isTotalExact: true });
    expect(await page({ sources: ['analysis'], origins: ['local', 'spotify'], halfDouble: true })).toMatchObject({ total: 2_700, isTotalExact: true });
    expect(await page({ q: 'song 12', halfDouble: true })).toMatchObject({ total: 111, isTotalExact: true });
    // A search sorts its matches for the page and counts them exactly on the way, however many: Song 1, 10–19, 100–199, 1000–1999.
    expect(await page({ q: 'Song 1', halfDouble: true })).toMatchObject({ total: 1_111, isTotalExact: true, hasNextPage: true });
    expect(await listLibraryTracks(db, { ownerId, criteria: { q: 'song 1', halfDouble: true }, sort: 'tempo', page: 23, pageSize: 50 })).toMatchObject({
      total: 1_111,
      hasNextPage: false,
    });
    // One or two characters match the start of a title or artist, read through their indexes and
    // counted like a tempo range: every title here starts with "Song".
    expect(await page({ q: 'so', halfDouble: true })).toMatchObject({ isTotalExact: false, hasNextPage: true });
    expect((await page({ q: 'so', halfDouble: true })).total).toBeGreaterThan(3_000 * 0.7);
    expect((await page({ q: 'so', halfDouble: true })).total).toBeLessThan(3_000 * 1.3);
    expect(await page({ q: 'zz', halfDouble: true })).toMatchObject({ total: 0, isTotalExact: true, tracks: [] });
    // 60 to 199.5 BPM in half steps: 80–130 with half and double time holds 60–65, 80–130 and 160–199.5.
    const ranged = await page({ minTempo: 80, maxTempo: 130, halfDouble: true });
    const actual = (3_000 * 0.9 * (11 + 101 + 80)) / 280;
    expect(ranged.isTotalExact).toBe(false);
    expect(ranged.total).toBeGreaterThan(actual * 0.7);
    expect(ranged.total).toBeLessThan(actual * 1.3);
    expect(ranged.tracks).toHaveLength(50);
  });
});
