import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { montages, owners, trackTempos, tracks } from '../schema';
import { workoutSessions } from '../schema-sessions';
import { spotifyTokens, users } from '../schema-spotify';
import { open, seal } from '../../lib/server/security/secret-box';

export interface SpotifyTokenSet {
  accessToken: string;
  refreshToken: string;
  scope: string;
  expiresAt: Date;
}

/** Tokens as stored: access and refresh token sealed (AES-256-GCM), never plain text at rest. */
export function sealTokens<T extends Partial<SpotifyTokenSet>>(tokens: T): T {
  return {
    ...tokens,
    ...(tokens.accessToken === undefined ? {} : { accessToken: seal(tokens.accessToken) }),
    ...(tokens.refreshToken === undefined ? {} : { refreshToken: seal(tokens.refreshToken) }),
  };
}

/** Tokens as read back: opened. */
export function openTokens<T extends { accessToken: string; refreshToken: string }>(row: T): T {
  return { ...row, accessToken: open(row.accessToken), refreshToken: open(row.refreshToken) };
}

export interface SignInParams {
  spotifyId: string;
  displayName: string | null;
  /** The owner the browser's anonymous cookie proves, if any: their montages move to the account. */
  anonymousOwnerId: string | null;
  tokens: SpotifyTokenSet;
}

export interface SignedInUser {
  userId: string;
  ownerId: string;
}

/**
 * Finds or creates the user for a Spotify id, stores their tokens, and attaches what the browser
 * made anonymously to the account, all in one transaction. Signing in again keeps everything.
 */
export async function signInSpotifyUser(db: Database, params: SignInParams): Promise<SignedInUser> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(users).where(eq(users.spotifyId, params.spotifyId));
    const anonymous = params.anonymousOwnerId;
    const [anonymousIsAccount] = anonymous
      ? await tx.select({ id: users.id }).from(users).where(eq(users.ownerId, anonymous))
      : [];
    const claimable = anonymous && !anonymousIsAccount ? anonymous : null;

    let user: SignedInUser;
    if (!existing) {
      const ownerId = claimable ?? (await tx.insert(owners).values({}).returning({ id: owners.id }))[0]!.id;
      const [row] = await tx
        .insert(users)
        .values({ spotifyId: params.spotifyId, displayName: params.displayName, ownerId })
        .returning({ userId: users.id, ownerId: users.ownerId });
      user = row!;
    } else {
      user = { userId: existing.id, ownerId: existing.ownerId };
      await tx.update(users).set({ displayName: params.displayName }).where(eq(users.id, existing.id));
      // An account's owner is never claimable: this moves another browser's work.
      if (claimable) {
        await tx.update(montages).set({ ownerId: existing.ownerId }).where(eq(montages.ownerId, claimable));
        await tx.update(tracks).set({ ownerId: existing.ownerId }).where(eq(tracks.ownerId, claimable));
        await tx.update(workoutSessions).set({ ownerId: existing.ownerId }).where(eq(workoutSessions.ownerId, claimable));
        // The account's own tempo wins where both set one for the same track and source.
        await tx.execute(sql`
          delete from ${trackTempos} t using ${trackTempos} mine
          where t.owner_id = ${claimable} and mine.owner_id = ${existing.ownerId}
            and mine.track_id = t.track_id and mine.source = t.source`);
        await tx.update(trackTempos).set({ ownerId: existing.ownerId }).where(eq(trackTempos.ownerId, claimable));
        await tx.delete(owners).where(eq(owners.id, claimable));
      }
    }
    await tx
      .insert(spotifyTokens)
      .values({ userId: user.userId, ...sealTokens(params.tokens), needsReconnect: false })
      .onConflictDoUpdate({
        target: spotifyTokens.userId,
        set: { ...sealTokens(params.tokens), needsReconnect: false, updatedAt: new Date() },
      });
    return user;
  });
}

export interface SpotifyUserView {
  userId: string;
  spotifyId: string;
  displayName: string | null;
  needsReconnect: boolean;
}

/** The Spotify account behind an owner, if the owner signed in. */
export async function getUserByOwner(db: Database, ownerId: string): Promise<SpotifyUserView | null> {
  const [row] = await db
    .select({ userId: users.id, spotifyId: users.spotifyId, displayName: users.displayName, needsReconnect: spotifyTokens.needsReconnect })
    .from(users)
    .leftJoin(spotifyTokens, eq(spotifyTokens.userId, users.id))
    .where(eq(users.ownerId, ownerId));
  return row ? { ...row, needsReconnect: row.needsReconnect ?? true } : null;
}

export async function getTokens(db: Database, userId: string): Promise<(SpotifyTokenSet & { needsReconnect: boolean }) | null> {
  const [row] = await db.select().from(spotifyTokens).where(eq(spotifyTokens.userId, userId));
  return row ? openTokens(row) : null;
}

export async function saveRefreshedTokens(db: Database, userId: string, tokens: SpotifyTokenSet): Promise<void> {
  await db
    .update(spotifyTokens)
    .set({ ...sealTokens(tokens), needsReconnect: false, updatedAt: new Date() })
    .where(eq(spotifyTokens.userId, userId));
}

export async function markNeedsReconnect(db: Database, userId: string): Promise<void> {
  await db.update(spotifyTokens).set({ needsReconnect: true, updatedAt: new Date() }).where(and(eq(spotifyTokens.userId, userId)));
}
