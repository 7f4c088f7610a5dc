import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb, openDatabase } from '../../db/client';
import { createMontage, getMontageById, type MontageSettings } from '../../db/queries/montages';
import { createOwner } from '../../db/queries/owners';
import { intervals, montageEntries, tracks } from '../../db/schema';
import { catalogTrackId } from '../../lib/catalog/rocky-iv';

const interval = { offsetMs: 0, durationMs: 231_000, kind: 'work' as const, exercise: 'Log carry', intensity: 'hard' as const, cue: '' };

function circuitSettings(ownerId: string): MontageSettings {
  return {
    ownerId,
    name: 'Test',
    mode: 'circuit',
    lengthMin: 20,
    cadenceSpm: null,
    hiitWorkSec: null,
    hiitRestSec: null,
    curveName: 'flat',
    curvePoints: [{ atFraction: 0, tempo: 120 }],
  };
}

async function oneTrackMontage() {
  const db = await getDb();
  const ownerId = await createOwner(db);
  const id = await createMontage(db, {
    ...circuitSettings(ownerId),
    entries: [{ trackId: catalogTrackId(1), multiplier: 1, intervals: [interval] }],
  });
  return { db, montage: (await getMontageById(db, id))! };
}

describe('the database enforces what it can', () => {
  it('loads the catalog with unknowns left unknown', async () => {
    const db = await getDb();
    const [training] = await db.select().from(tracks).where(eq(tracks.id, catalogTrackId(10)));
    expect(training).toMatchObject({ title: 'Training Montage', durationMs: null });
  });

  it('refuses a zero-length interval, a duplicate position and an unknown multiplier', async () => {
    const { db, montage } = await oneTrackMontage();
    const entryId = montage.entries[0]!.id;
    await expect(db.insert(intervals).values({ ...interval, entryId, position: 1, offsetMs: 5, durationMs: 0 })).rejects.toThrow();
    await expect(db.insert(intervals).values({ ...interval, entryId, position: 0, offsetMs: 7 })).rejects.toThrow();
    await expect(
      db.update(montageEntries).set({ multiplier: 3 }).where(eq(montageEntries.id, entryId)),
    ).rejects.toThrow();
  });

  it('never leaves half a montage when one row is bad', async () => {
    const db = await getDb();
    const ownerId = await createOwner(db);
    const before = (await db.select().from(montageEntries)).length;
    await expect(
      createMontage(db, {
        ...circuitSettings(ownerId),
        entries: [
          { trackId: catalogTrackId(1), multiplier: 1, intervals: [interval] },
          { trackId: catalogTrackId(4), multiplier: 1, intervals: [{ ...interval, durationMs: -1 }] },
        ],
      }),
    ).rejects.toThrow();
    expect((await db.select().from(montageEntries)).length).toBe(before);
  });
});

describe('the embedded database', () => {
  it('keeps data across a restart and re-applies migrations harmlessly', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'montage-pglite-'));
    try {
      const first = await openDatabase({ dataDir: dir });
      const ownerId = await createOwner(first.db);
      await first.close();
      const second = await openDatabase({ dataDir: dir });
      const { owners } = await import('../../db/schema');
      const rows = await second.db.select().from(owners).where(eq(owners.id, ownerId));
      expect(rows).toHaveLength(1);
      expect((await second.db.select().from(tracks)).length).toBe(10);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
