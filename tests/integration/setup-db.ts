import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, inject } from 'vitest';
import pg from 'pg';

/**
 * Points the app at a throwaway database before any app module loads: an embedded PGlite, or
 * (TEST_DB=postgres) a fresh database on the PostgreSQL server, dropped afterwards.
 */
const adminUrl = process.env.TEST_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

if (process.env.TEST_DB === 'postgres') {
  const name = `montage_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  // A service on PostgreSQL takes its secrets from the environment (lib/server/env.ts requires them).
  process.env.MONTAGE_SECRET ??= randomBytes(32).toString('base64url');
  process.env.MONTAGE_ENCRYPTION_KEY ??= randomBytes(32).toString('base64');
  afterAll(async () => {
    const { closeDb } = await import('../../db/client');
    await closeDb();
    const dropper = new pg.Client({ connectionString: adminUrl });
    await dropper.connect();
    await dropper.query(`drop database if exists ${name} with (force)`);
    await dropper.end();
  });
} else {
  delete process.env.DATABASE_URL;
  // On disk, as the embedded default runs: a copy of the run's migrated folder (tests/support/pglite-template.ts),
  // or a fresh in-memory database where no template is provided (the mutation config).
  const template = inject('pgliteTemplate');
  const folder = template ? mkdtempSync(path.join(tmpdir(), 'montage-it-')) : null;
  if (template && folder) cpSync(template, path.join(folder, 'pglite'), { recursive: true });
  process.env.MONTAGE_DATA_DIR = folder ? path.join(folder, 'pglite') : 'memory://';
  afterAll(async () => {
    const { closeDb } = await import('../../db/client');
    await closeDb();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });
}
