import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { listSequencerPool, type PoolScope } from '../../db/queries/library-tracks';
import { owners } from '../../db/schema';
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
    const ownerId = await ownerWithTracks(WHOLE_POOL_UP_TO + 1_500);
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
          // What the build gains: a fraction of the library, every anchor kept, nothing it cannot place.
          expect(narrowed.length).toBeLessThan(whole.length / 2);
          expect(narrowed.filter((t) => t.isAnchor)).toHaveLength(9);
          expect(narrowed.every((t) => t.durationMs! <= window.maxDurationMs)).toBe(true);
          expect(narrowed.some((t) => t.bpm === null)).toBe(true);
        }
      }
    }
  });

  it('reads a library of up to WHOLE_POOL_UP_TO placeable tracks whole, as before', async () => {
    const db = await getDb();
    const ownerId = await ownerWithTracks(WHOLE_POOL_UP_TO);
    const window = poolWindowFor(workoutSpecFor({ mode: 'hiit', lengthMin: 30 }));
    const whole = await listSequencerPool(db, { ownerId, scope: { kind: 'all' } });
    expect(whole.length).toBe(WHOLE_POOL_UP_TO + 9);
    expect(ids(await listSequencerPool(db, { ownerId, scope: { kind: 'all' }, window }))).toEqual(ids(whole));
  });
});
