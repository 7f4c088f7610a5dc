import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';

/**
 * The PostgreSQL major version the installed PGlite writes (PGlite 0.6 is PostgreSQL 19). A data
 * folder holds its major version in PG_VERSION, and PostgreSQL opens only folders of its own major.
 */
const CURRENT_MAJOR = 19;
/** The one older major a folder can be carried over from: PGlite 0.5 (PostgreSQL 18), Montage's engine until Node 24. */
const PREVIOUS_MAJOR = 18;

export interface DataFolderUpgrade {
  fromMajor: number;
  toMajor: number;
  /** Where the folder as it was is kept (never deleted: the user removes it once satisfied). */
  keptAt: string;
  rowsCopied: number;
}

/** The PostgreSQL major version that wrote this data folder, or null for a folder not made yet. */
export function dataFolderMajor(dataDir: string): number | null {
  const file = `${dataDir}/PG_VERSION`;
  if (!existsSync(file)) return null;
  return Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
}

/**
 * Carries an embedded data folder written by PGlite 0.5 (PostgreSQL 18) over to the installed
 * PGlite (PostgreSQL 19), as pg_upgrade would by dump and restore: the old folder is opened with
 * the old engine (kept as the dependency `@electric-sql/pglite-postgres18`) and brought to the
 * current migrations; a new folder is made with the same migrations, and every table's rows are
 * copied into it (COPY, one transaction, triggers and foreign-key checks off as in a restore),
 * with each sequence's position. Only then is the old folder renamed aside and the new one put
 * in its place: a failure at any step leaves the user's folder as it was.
 * The caller holds the folder's lock. Returns null when the folder needs nothing.
 */
export async function upgradeDataFolder(dataDir: string, migrationsFolder: string): Promise<DataFolderUpgrade | null> {
  const major = dataFolderMajor(dataDir);
  if (major === null || major === CURRENT_MAJOR) return null;
  if (major !== PREVIOUS_MAJOR) {
    throw new Error(
      `The embedded database folder ${dataDir} was written by PostgreSQL ${major}; this Montage reads PostgreSQL ${CURRENT_MAJOR} ` +
        `and can carry over folders of PostgreSQL ${PREVIOUS_MAJOR} only. Open it with the Montage version that wrote it and export your data first.`,
    );
  }
  const { PGlite: PGliteOld } = await import('@electric-sql/pglite-postgres18');
  const { pg_trgm: pgTrgmOld } = await import('@electric-sql/pglite-postgres18/contrib/pg_trgm');
  const staging = `${dataDir}.upgrading`;
  rmSync(staging, { recursive: true, force: true }); // a copy left by an upgrade that was cut off
  const old = new PGliteOld(dataDir, { extensions: { pg_trgm: pgTrgmOld } });
  const fresh = new PGlite(staging, { extensions: { pg_trgm } });
  let rowsCopied = 0;
  try {
    // Both at the same schema, so every table has the same columns in the same order.
    await migrate(drizzle(old as unknown as PGlite), { migrationsFolder });
    await migrate(drizzle(fresh), { migrationsFolder });
    const tables = await old.query<{ name: string }>(
      `select quote_ident(schemaname) || '.' || quote_ident(tablename) as name from pg_tables where schemaname in ('public', 'drizzle') order by schemaname, tablename`,
    );
    const sequences = await old.query<{ name: string; lastValue: string | null; isCalled: boolean }>(
      `select quote_ident(s.schemaname) || '.' || quote_ident(s.sequencename) as name, s.last_value::text as "lastValue", s.last_value is not null as "isCalled"
         from pg_sequences s where s.schemaname in ('public', 'drizzle')`,
    );
    await fresh.transaction(async (tx) => {
      await tx.exec('set local session_replication_role = replica');
      // What the migrations wrote into the new folder is replaced by the old folder's rows.
      if (tables.rows.length > 0) await tx.exec(`truncate ${tables.rows.map((t) => t.name).join(', ')}`);
      for (const { name } of tables.rows) {
        const out = await old.query(`copy ${name} to '/dev/blob'`);
        if (!out.blob) continue;
        const copied = await tx.query(`copy ${name} from '/dev/blob'`, [], { blob: out.blob });
        rowsCopied += copied.affectedRows ?? 0;
      }
      for (const sequence of sequences.rows) {
        if (sequence.lastValue !== null) await tx.query('select setval($1::regclass, $2::bigint, $3)', [sequence.name, sequence.lastValue, sequence.isCalled]);
      }
    });
  } catch (error) {
    await Promise.allSettled([old.close(), fresh.close()]);
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  await old.close();
  await fresh.close();
  const keptAt = `${dataDir}.postgres${PREVIOUS_MAJOR}-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  renameSync(dataDir, keptAt);
  renameSync(staging, dataDir);
  return { fromMajor: PREVIOUS_MAJOR, toMajor: CURRENT_MAJOR, keptAt, rowsCopied };
}
