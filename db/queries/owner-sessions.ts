import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { owners, ownerSessions } from '../schema';

/** A new anonymous owner and its first session, in one transaction. */
export async function createOwnerWithSession(db: Database, expiresAt: Date): Promise<{ ownerId: string; sessionId: string }> {
  return db.transaction(async (tx) => {
    const [owner] = await tx.insert(owners).values({}).returning({ id: owners.id });
    const [session] = await tx.insert(ownerSessions).values({ ownerId: owner!.id, expiresAt }).returning({ id: ownerSessions.id });
    return { ownerId: owner!.id, sessionId: session!.id };
  });
}

/** A new session for an existing owner (sign-in, or an old cookie without one). */
export async function createSession(db: Database, ownerId: string, expiresAt: Date): Promise<string> {
  const [session] = await db.insert(ownerSessions).values({ ownerId, expiresAt }).returning({ id: ownerSessions.id });
  return session!.id;
}

/** When the session ends, if it is the owner's, not revoked and not expired at `now`; otherwise null. */
export async function activeSessionExpiry(db: Database, params: { ownerId: string; sessionId: string; now: Date }): Promise<Date | null> {
  const [row] = await db
    .select({ expiresAt: ownerSessions.expiresAt })
    .from(ownerSessions)
    .where(
      and(
        eq(ownerSessions.id, params.sessionId),
        eq(ownerSessions.ownerId, params.ownerId),
        isNull(ownerSessions.revokedAt),
        gt(ownerSessions.expiresAt, params.now),
      ),
    );
  return row?.expiresAt ?? null;
}

/** Moves an active session's end further out (a visitor who keeps coming back stays signed in). */
export async function extendSession(db: Database, sessionId: string, expiresAt: Date): Promise<void> {
  await db.update(ownerSessions).set({ expiresAt }).where(and(eq(ownerSessions.id, sessionId), isNull(ownerSessions.revokedAt)));
}

/** Revokes one session: its cookie proves nothing from now on, on every process. */
export async function revokeSession(db: Database, sessionId: string, now: Date = new Date()): Promise<void> {
  await db.update(ownerSessions).set({ revokedAt: now }).where(and(eq(ownerSessions.id, sessionId), isNull(ownerSessions.revokedAt)));
}

/**
 * Whether a cookie from before sessions may still prove `ownerId`: the owner exists, was made after
 * `createdAfter` (such a cookie lasts no longer than a session), and has never had a session. Its
 * first write moves it onto one and "forget this device" leaves a revoked one: either way the old
 * cookie, and any copy of it, proves nothing from then on.
 */
export async function isPreSessionOwner(db: Database, ownerId: string, createdAfter: Date): Promise<boolean> {
  const rows = await db
    .select({ id: owners.id })
    .from(owners)
    .where(and(eq(owners.id, ownerId), gt(owners.createdAt, createdAfter), sql`not exists (select 1 from ${ownerSessions} where ${ownerSessions.ownerId} = ${owners.id})`));
  return rows.length > 0;
}
