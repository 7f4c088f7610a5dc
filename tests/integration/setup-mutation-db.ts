import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll } from 'vitest';

/**
 * Mutation runs only (vitest.mutation.config.ts), after setup-db.ts: the test file's embedded
 * database is a copy of an already migrated one (scripts/mutation-pglite-template.ts) instead of
 * a fresh in-memory one, since creating a database from scratch is most of what a test file costs
 * and a mutation run reruns test files once per mutant. Same schema, same empty tables; the app
 * still opens it, migrates (nothing left to do) and loads the catalog through db/client.ts.
 */
const template = process.env.MUTATION_PGLITE_TEMPLATE;
const copies = process.env.MUTATION_PGLITE_COPIES;
if (process.env.TEST_DB !== 'postgres' && template && copies) {
  const folder = mkdtempSync(path.join(copies, 'file-'));
  const dataDir = path.join(folder, 'pglite');
  cpSync(template, dataDir, { recursive: true });
  process.env.MONTAGE_DATA_DIR = dataDir;
  afterAll(async () => {
    const { closeDb } = await import('../../db/client');
    await closeDb();
    rmSync(folder, { recursive: true, force: true });
  });
}
