import { inArray } from 'drizzle-orm';
import type { Database } from '../client';
import { pendingCacheExpiries } from '../schema';

export interface PendingCacheExpiry {
  id: string;
  tags: string[];
}

/** Keeps `tags` as an expiry Redis has yet to apply; returns its id. */
export async function recordPendingCacheExpiry(db: Database, tags: string[]): Promise<string> {
  const [row] = await db.insert(pendingCacheExpiries).values({ tags }).returning({ id: pendingCacheExpiries.id });
  return row!.id;
}

/** The expiries Redis has yet to apply, oldest first, at most `limit`. */
export async function listPendingCacheExpiries(db: Database, limit: number): Promise<PendingCacheExpiry[]> {
  return db.select({ id: pendingCacheExpiries.id, tags: pendingCacheExpiries.tags }).from(pendingCacheExpiries).orderBy(pendingCacheExpiries.createdAt).limit(limit);
}

/** Forgets expiries Redis has applied. */
export async function deletePendingCacheExpiries(db: Database, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.delete(pendingCacheExpiries).where(inArray(pendingCacheExpiries.id, ids));
}
