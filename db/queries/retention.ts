import { and, isNotNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { owners, ownerSessions, rateLimits, shareLinks } from '../schema';

export interface PurgeOptions {
  now: Date;
  /** Revoked share links, and owners with nothing, are kept this many days. */
  retentionDays: number;
}

export interface PurgeReport {
  revokedLinks: number;
  emptyOwners: number;
  endedSessions: number;
  expiredLimits: number;
}

/**
 * Deletes what no one can use any more: share links revoked more than N days ago, anonymous
 * owners older than N days that hold nothing (no montage, track, tempo or account), sessions
 * that ended more than N days ago, and spent rate-limit counters. Safe to run from any number of
 * processes at once (each delete is idempotent); schedule it however the app schedules jobs.
 */
export async function purgeExpired(db: Database, options: PurgeOptions): Promise<PurgeReport> {
  const cutoff = new Date(options.now.getTime() - options.retentionDays * 24 * 3600 * 1000);
  const revokedLinks = await db
    .delete(shareLinks)
    .where(and(isNotNull(shareLinks.revokedAt), lt(shareLinks.revokedAt, cutoff)))
    .returning({ token: shareLinks.token });
  const emptyOwners = await db
    .delete(owners)
    .where(
      and(
        lt(owners.createdAt, cutoff),
        sql`not exists (select 1 from montages m where m.owner_id = ${owners.id})`,
        sql`not exists (select 1 from tracks t where t.owner_id = ${owners.id})`,
        sql`not exists (select 1 from track_tempos tt where tt.owner_id = ${owners.id})`,
        sql`not exists (select 1 from users u where u.owner_id = ${owners.id})`,
        // Still coming back: a session used (made or extended) within the period keeps the owner.
        sql`not exists (select 1 from owner_sessions s where s.owner_id = ${owners.id} and s.revoked_at is null and s.expires_at > ${options.now} and s.created_at >= ${cutoff})`,
      ),
    )
    .returning({ id: owners.id });
  const endedSessions = await db
    .delete(ownerSessions)
    .where(or(lt(ownerSessions.revokedAt, cutoff), lt(ownerSessions.expiresAt, cutoff)))
    .returning({ id: ownerSessions.id });
  const expiredLimits = await db.delete(rateLimits).where(lt(rateLimits.expire, options.now)).returning({ key: rateLimits.key });
  return { revokedLinks: revokedLinks.length, emptyOwners: emptyOwners.length, endedSessions: endedSessions.length, expiredLimits: expiredLimits.length };
}
