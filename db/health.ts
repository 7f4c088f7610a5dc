import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Database } from './client';

export interface DatabaseHealth {
  isReachable: boolean;
  /** Every committed migration is applied (the server applies them at start). */
  areMigrationsCurrent: boolean;
}

function committedMigrationCount(): number {
  const journal = JSON.parse(readFileSync(path.join(process.cwd(), 'db', 'migrations', 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
  return journal.entries.length;
}

/** Asks the database itself: it answers, and holds as many applied migrations as are committed. */
export async function checkDatabase(db: Database): Promise<DatabaseHealth> {
  try {
    // Both drivers answer { rows }; the migrations table is drizzle's own, outside our schema.
    const result = (await db.execute(sql`select count(*)::int as applied from drizzle.__drizzle_migrations`)) as unknown as { rows: { applied: number }[] };
    const applied = Number(result.rows[0]?.applied ?? 0);
    return { isReachable: true, areMigrationsCurrent: applied >= committedMigrationCount() };
  } catch {
    return { isReachable: false, areMigrationsCurrent: false };
  }
}
