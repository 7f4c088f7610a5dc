import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';

/**
 * An embedded database folder with the committed migrations applied and nothing else. Creating a
 * PGlite database from scratch (initdb, then every migration) is most of what starting a test's
 * database costs on 2 cores; a test copies this folder instead. The catalog is left out, so that
 * every copy still loads it through db/client.ts, the code under test, which also finds the
 * migrations done. Written to a sibling folder and renamed, so two runs building it at once do
 * not share a half-written one.
 */
export async function buildPgliteTemplate(target: string): Promise<void> {
  if (existsSync(target)) return;
  const building = `${target}.building-${process.pid}`;
  mkdirSync(path.dirname(target), { recursive: true });
  // The same extension and migrations as openDatabase in db/client.ts.
  const client = new PGlite(building, { extensions: { pg_trgm } });
  await migrate(drizzle(client), { migrationsFolder: path.join(process.cwd(), 'db', 'migrations') });
  await client.close();
  try {
    renameSync(building, target);
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    if (!existsSync(target)) throw error;
  }
}
