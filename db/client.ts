import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
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
import { upsertCatalog } from './queries/catalog';

const schema = { ...coreSchema, ...spotifySchema, ...sessionSchema };

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

/**
 * Opens a database, applies the committed migrations and loads the bundled catalog.
 * The one place that knows which driver is in use.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  if (options.url) {
    const pool = new Pool({ connectionString: options.url, max: 10 });
    // An idle connection that the server drops (a restart, a failover, an administrator) must not
    // take the app down: the pool forgets it and opens a new one on the next query.
    pool.on('error', (error) => console.error(`PostgreSQL dropped an idle connection; the next query opens a new one (${error.message})`));
    const db = drizzlePg(pool, { schema });
    await migratePg(db, { migrationsFolder: MIGRATIONS_FOLDER });
    await upsertCatalog(db);
    return { db, close: () => pool.end() };
  }
  const dataDir = options.dataDir ?? 'memory://';
  if (!dataDir.includes('://')) mkdirSync(dataDir, { recursive: true });
  const client = new PGlite(dataDir);
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
  await upsertCatalog(db);
  return { db, close: () => client.close() };
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
