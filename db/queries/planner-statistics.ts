import { sql } from 'drizzle-orm';
import type { Database } from '../client';

/** Whether each database runs autovacuum, asked once: it does not change while the app runs. */
const hasAutovacuumByDb = new WeakMap<Database, Promise<boolean>>();

function hasAutovacuum(db: Database): Promise<boolean> {
  let known = hasAutovacuumByDb.get(db);
  if (!known) {
    known = db
      .execute(sql`select exists (select 1 from pg_stat_activity where backend_type = 'autovacuum launcher') as has`)
      .then((result) => Boolean((result as unknown as { rows: { has: boolean }[] }).rows[0]?.has));
    hasAutovacuumByDb.set(db, known);
  }
  return known;
}

/**
 * Refreshes the planner's statistics of `tracks` when they are stale, by autovacuum's own rule
 * (never analysed, or more than 50 rows + 10 % of the table written since), and says whether it
 * did. The library's plans and its "about" counts (the planner's row estimate) rest on them.
 * PostgreSQL's autovacuum does this by itself: where its launcher runs, nothing is done. PGlite
 * runs no autovacuum, so the app calls this after its large writes (an import finished, a batch of
 * local files) and when it opens the database. Cheap when fresh: one look at the table's counters.
 */
export async function analyzeTracksIfStale(db: Database): Promise<boolean> {
  if (await hasAutovacuum(db)) return false;
  // The counters are flushed once a second at most; flush what this connection has written first.
  await db.execute(sql`select pg_stat_force_next_flush()`);
  const result = await db.execute(sql`select c.reltuples < 0 or s.n_mod_since_analyze > 50 + 0.1 * c.reltuples as is_stale
    from pg_class c join pg_stat_user_tables s on s.relid = c.oid
    where c.oid = 'tracks'::regclass`);
  const isStale = Boolean((result as unknown as { rows: { is_stale: boolean }[] }).rows[0]?.is_stale);
  if (isStale) await db.execute(sql`analyze tracks`);
  return isStale;
}
