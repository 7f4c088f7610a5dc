import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { Pool } from 'pg';
import { env } from '../lib/server/env';
import * as coreSchema from './schema';
import * as spotifySchema from './schema-spotify';
import * as sessionSchema from './schema-sessions';
import * as planSchema from './schema-plans';
import * as liveSchema from './schema-live';
import { upsertCatalog } from './queries/catalog';
import { analyzeTracksIfStale } from './queries/planner-statistics';
import { lockDataFolder } from './folder-lock';
import { upgradeDataFolder } from './pglite-upgrade';

const schema = { ...coreSchema, ...spotifySchema, ...sessionSchema, ...planSchema, ...liveSchema };

/** What every query receives: the same type on PGlite and on PostgreSQL. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/** The handle a `db.transaction` callback receives. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

export interface OpenedDatabase {
  db: Database;
  close: () => Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A PostgreSQL connection string; without it, PGlite in `dataDir`. */
  url?: string;
  dataDir?: string;
}

const MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations');

/** Any number fixed for this app: the key of the PostgreSQL advisory lock that migrations run under. */
const MIGRATION_LOCK_KEY = 4_821_337_209;

/**
 * Opens a database, applies the committed migrations and loads the bundled catalog.
 * The one place that knows which driver is in use.
 *
 * PostgreSQL: many processes may start at once on one database, so migrations and the catalog
 * run under a session advisory lock (one process migrates, the others wait and find it done).
 * PGlite: the data folder is locked for this process alone (a second process opening it would
 * corrupt it); `DataFolderLockedError` names the holder.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  if (options.url) {
    const pool = new Pool({ connectionString: options.url, max: 10 });
    // An idle connection that the server drops (a restart, a failover, an administrator) must not
    // take the app down: the pool forgets it and opens a new one on the next query.
    pool.on('error', (error) => console.error(`PostgreSQL dropped an idle connection; the next query opens a new one (${error.message})`));
    try {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        try {
          const locked = drizzlePg(client, { schema });
          await migratePg(locked, { migrationsFolder: MIGRATIONS_FOLDER });
          await upsertCatalog(locked);
        } finally {
          await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
        }
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end();
      throw error;
    }
    return { db: drizzlePg(pool, { schema }), close: () => pool.end() };
  }
  const dataDir = options.dataDir ?? 'memory://';
  const isOnDisk = !dataDir.includes('://');
  if (isOnDisk) mkdirSync(dataDir, { recursive: true });
  const release = isOnDisk ? lockDataFolder(dataDir) : () => {};
  try {
    if (isOnDisk) {
      const upgrade = await upgradeDataFolder(dataDir, MIGRATIONS_FOLDER);
      if (upgrade) {
        console.info(
          `The embedded database was carried over from PostgreSQL ${upgrade.fromMajor} to ${upgrade.toMajor} (${upgrade.rowsCopied} rows); ` +
            `the folder as it was is kept at ${upgrade.keptAt}.`,
        );
      }
    }
    // pg_trgm: the library's search by title or artist uses trigram indexes (migration 0008).
    const client = new PGlite(dataDir, { extensions: { pg_trgm } });
    const db = drizzlePglite(client, { schema });
    await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
    await upsertCatalog(db);
    // No autovacuum here: statistics left stale by the last run (or never gathered) are gathered now.
    await analyzeTracksIfStale(db);
    return {
      db,
      close: async () => {
        try {
          await client.close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

const globalForDb = globalThis as unknown as { montageDb?: Promise<OpenedDatabase> };

/** The app's database, opened once per process (and kept across dev-server reloads). */
export async function getDb(): Promise<Database> {
  globalForDb.montageDb ??= openDatabase({ url: env.DATABASE_URL, dataDir: env.MONTAGE_DATA_DIR }).catch(
    (error: unknown) => {
      globalForDb.montageDb = undefined;
      throw error;
    },
  );
  return (await globalForDb.montageDb).db;
}

/** Closes the app's database (tests and scripts; the server keeps it open for its lifetime). */
export async function closeDb(): Promise<void> {
  const opened = globalForDb.montageDb;
  globalForDb.montageDb = undefined;
  if (opened) await (await opened).close();
}
