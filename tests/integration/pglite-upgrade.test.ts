import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite as PGlitePostgres18 } from '@electric-sql/pglite-postgres18';
import { pg_trgm as pgTrgmPostgres18 } from '@electric-sql/pglite-postgres18/contrib/pg_trgm';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/client';
import { dataFolderMajor } from '../../db/pglite-upgrade';
import { upsertCatalog } from '../../db/queries/catalog';
import { createMontage, getMontageById, listMontagesByOwner } from '../../db/queries/montages';
import { createOwner, ownerExists } from '../../db/queries/owners';
import { catalogTrackId } from '../../lib/catalog/rocky-iv';

/**
 * A user of an earlier Montage has an embedded data folder written by PGlite 0.5 (PostgreSQL 18);
 * PGlite 0.6 (PostgreSQL 19) cannot open it as it is. The first start carries it over.
 */
const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const MIGRATIONS = path.join(process.cwd(), 'db', 'migrations');

/** The committed migrations up to (and with) the one of this index: the schema of an older Montage. */
function migrationsUpTo(lastIndex: number): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'montage-migrations-'));
  folders.push(folder);
  cpSync(MIGRATIONS, folder, { recursive: true });
  const journalPath = path.join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number }[] };
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.filter((e) => e.idx <= lastIndex) }));
  return folder;
}

/** A folder as PGlite 0.5 left it, with an owner and a one-track montage in it. */
async function postgres18Folder(migrationsFolder: string): Promise<{ dataDir: string; ownerId: string; montageId: string }> {
  const root = mkdtempSync(path.join(tmpdir(), 'montage-pg18-'));
  folders.push(root);
  const dataDir = path.join(root, 'pglite');
  const old = new PGlitePostgres18(dataDir, { extensions: { pg_trgm: pgTrgmPostgres18 } });
  const db = drizzle(old as unknown as PGlite) as unknown as Database;
  await migrate(db as never, { migrationsFolder });
  await upsertCatalog(db);
  const ownerId = await createOwner(db);
  const montageId = await createMontage(db, {
    ownerId,
    name: 'Moscow, week 1',
    mode: 'circuit',
    lengthMin: 20,
    cadenceSpm: null,
    hiitWorkSec: null,
    hiitRestSec: null,
    curveName: 'flat',
    curvePoints: [{ atFraction: 0, tempo: 120 }],
    entries: [{ trackId: catalogTrackId(1), multiplier: 1, intervals: [{ offsetMs: 0, durationMs: 231_000, kind: 'work', exercise: 'Log carry', intensity: 'hard', cue: 'Carry it up the hill' }] }],
  });
  await old.close();
  return { dataDir, ownerId, montageId };
}

describe('an embedded data folder from PGlite 0.5 (PostgreSQL 18)', () => {
  // Three engines start on disk and migrate (initdb each time): slow on a busy machine.
  it('opens on PostgreSQL 19 with every montage, and the old folder is kept beside it', { timeout: 180_000 }, async () => {
    const { dataDir, ownerId, montageId } = await postgres18Folder(MIGRATIONS);
    expect(dataFolderMajor(dataDir)).toBe(18);

    const opened = await openDatabase({ dataDir });
    try {
      expect(dataFolderMajor(dataDir)).toBe(19);
      const montage = await getMontageById(opened.db, montageId);
      expect(montage?.name).toBe('Moscow, week 1');
      expect(montage?.ownerId).toBe(ownerId);
      expect(montage?.entries.map((e) => e.intervals.map((i) => i.cue))).toEqual([['Carry it up the hill']]);
      // New rows go on from where the old folder's sequences were (no id taken twice).
      const second = await createOwner(opened.db);
      expect(second).not.toBe(ownerId);
      expect(await listMontagesByOwner(opened.db, ownerId)).toHaveLength(1);
    } finally {
      await opened.close();
    }
    const kept = readdirSync(path.dirname(dataDir)).filter((name) => name.startsWith('pglite.postgres18-'));
    expect(kept).toHaveLength(1);
    expect(dataFolderMajor(path.join(path.dirname(dataDir), kept[0]!))).toBe(18);
  });

  it('from an older Montage (fewer migrations): brought to the current schema, then carried over', { timeout: 180_000 }, async () => {
    // Written as that Montage wrote it: its schema (migrations up to 0008), an owner made by plain SQL.
    const root = mkdtempSync(path.join(tmpdir(), 'montage-pg18-'));
    folders.push(root);
    const dataDir = path.join(root, 'pglite');
    const old = new PGlitePostgres18(dataDir, { extensions: { pg_trgm: pgTrgmPostgres18 } });
    await migrate(drizzle(old as unknown as PGlite), { migrationsFolder: migrationsUpTo(8) });
    const { rows } = await old.query<{ id: string }>('insert into owners default values returning id');
    await old.close();
    const opened = await openDatabase({ dataDir });
    try {
      expect(await ownerExists(opened.db, rows[0]!.id)).toBe(true);
    } finally {
      await opened.close();
    }
    // Opening it again is an ordinary start: nothing more is carried over or kept.
    const again = await openDatabase({ dataDir });
    await again.close();
    expect(readdirSync(path.dirname(dataDir)).filter((name) => name.startsWith('pglite.postgres18-'))).toHaveLength(1);
    expect(existsSync(`${dataDir}.upgrading`)).toBe(false);
  });
});
