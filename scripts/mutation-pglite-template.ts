/**
 * `tsx scripts/mutation-pglite-template.ts <folder>`: an embedded database with the committed
 * migrations applied and nothing else, for mutation runs (scripts/test-mutation.mjs). Creating a
 * PGlite database from scratch (initdb) is most of what an integration test file costs on 2 shared
 * cores, and a mutation run pays it once per test file per mutant; each file of a mutation run
 * opens a copy of this folder instead (tests/integration/setup-mutation-db.ts). The catalog is left
 * out so that every test file still loads it through db/client.ts, the code under test.
 * Written to a sibling folder and renamed, so two runs that build it at once do not share a half.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';

const target = process.argv[2];
if (!target) throw new Error('usage: tsx scripts/mutation-pglite-template.ts <folder>');
if (!existsSync(target)) {
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
