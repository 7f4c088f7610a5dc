import type { Database } from '../../db/client';
import { getOrCreateSetting } from '../../db/queries/owners';
import { activeSessionExpiry, createOwnerWithSession, createSession, extendSession, isPreSessionOwner, revokeSession } from '../../db/queries/owner-sessions';
import { env } from './env';
import { open, seal } from './security/secret-box';
import { clearOwnerCookieHeader, newSecret, ownerCookieHeader, signOwnerSession, verifyOwnerCookie } from './owner-cookie';

let secretPromise: Promise<string> | undefined;

/** The cookie-signing secret: MONTAGE_SECRET, or one the app made once and keeps in its database. */
export function getCookieSecret(db: Database): Promise<string> {
  if (env.MONTAGE_SECRET) return Promise.resolve(env.MONTAGE_SECRET);
  // Kept sealed (AES-256-GCM): a database dump alone cannot forge owner cookies.
  secretPromise ??= getOrCreateSetting(db, 'cookie_secret', () => seal(newSecret())).then(open, (error: unknown) => {
    secretPromise = undefined;
    throw error;
  });
  return secretPromise;
}

const DAY_MS = 24 * 3600 * 1000;
const secure = () => env.MONTAGE_SECURE_COOKIES === 'true';

function sessionEnd(now: Date): Date {
  return new Date(now.getTime() + env.MONTAGE_SESSION_DAYS * DAY_MS);
}

export interface ResolvedOwner {
  ownerId: string;
  sessionId: string | null;
  expiresAt: Date | null;
}

async function resolve(db: Database, cookieValue: string | null | undefined, now: Date): Promise<ResolvedOwner | null> {
  const claim = verifyOwnerCookie(cookieValue, await getCookieSecret(db));
  if (!claim) return null;
  if (claim.sessionId === null) {
    // A cookie from before sessions: still proves its owner (who would otherwise lose every montage) until the
    // next write moves it onto a session or the device is forgotten, and for no longer than a session lasts.
    const isValid = await isPreSessionOwner(db, claim.ownerId, new Date(now.getTime() - env.MONTAGE_SESSION_DAYS * DAY_MS));
    return isValid ? { ownerId: claim.ownerId, sessionId: null, expiresAt: null } : null;
  }
  const expiresAt = await activeSessionExpiry(db, { ownerId: claim.ownerId, sessionId: claim.sessionId, now });
  return expiresAt ? { ownerId: claim.ownerId, sessionId: claim.sessionId, expiresAt } : null;
}

/** The owner a cookie value proves: a valid signature and a session that is neither revoked nor expired. */
export async function resolveOwner(db: Database, cookieValue: string | null | undefined): Promise<string | null> {
  return (await resolve(db, cookieValue, new Date()))?.ownerId ?? null;
}

/** A new session for `ownerId` and the `Set-Cookie` that carries it (sign-in re-issues the cookie this way). */
export async function startSession(db: Database, ownerId: string, now: Date = new Date()): Promise<{ value: string; maxAgeSec: number; setCookie: string }> {
  const expiresAt = sessionEnd(now);
  const sessionId = await createSession(db, ownerId, expiresAt);
  const value = signOwnerSession(ownerId, sessionId, await getCookieSecret(db));
  const maxAgeSec = (expiresAt.getTime() - now.getTime()) / 1000;
  return { value, maxAgeSec, setCookie: ownerCookieHeader(value, secure(), maxAgeSec) };
}

/**
 * The visitor's owner id, creating an anonymous owner with a session (and the cookie to set) when
 * they have none. A session past half its life is extended, and its cookie re-issued.
 */
export async function ensureOwner(
  db: Database,
  cookieValue: string | null | undefined,
): Promise<{ ownerId: string; setCookie: string | null }> {
  return ensureResolvedOwner(db, await resolveOwnerSession(db, cookieValue));
}

/** The owner and session a cookie value proves (null: none), to be read once per request and passed on. */
export function resolveOwnerSession(db: Database, cookieValue: string | null | undefined): Promise<ResolvedOwner | null> {
  return resolve(db, cookieValue, new Date());
}

/** `ensureOwner` for an owner already resolved from the request's cookie (`resolveOwnerSession`). */
export async function ensureResolvedOwner(db: Database, existing: ResolvedOwner | null): Promise<{ ownerId: string; setCookie: string | null }> {
  const now = new Date();
  if (existing?.sessionId && existing.expiresAt) {
    const left = existing.expiresAt.getTime() - now.getTime();
    if (left > (env.MONTAGE_SESSION_DAYS * DAY_MS) / 2) return { ownerId: existing.ownerId, setCookie: null };
    const expiresAt = sessionEnd(now);
    await extendSession(db, existing.sessionId, expiresAt);
    const value = signOwnerSession(existing.ownerId, existing.sessionId, await getCookieSecret(db));
    return { ownerId: existing.ownerId, setCookie: ownerCookieHeader(value, secure(), (expiresAt.getTime() - now.getTime()) / 1000) };
  }
  if (existing) return { ownerId: existing.ownerId, setCookie: (await startSession(db, existing.ownerId, now)).setCookie };
  const expiresAt = sessionEnd(now);
  const created = await createOwnerWithSession(db, expiresAt);
  const value = signOwnerSession(created.ownerId, created.sessionId, await getCookieSecret(db));
  return { ownerId: created.ownerId, setCookie: ownerCookieHeader(value, secure(), (expiresAt.getTime() - now.getTime()) / 1000) };
}

/**
 * Ends the session a cookie names ("forget this device", sign-out): the cookie proves nothing
 * from now on, even if a copy of it lives on. Returns the `Set-Cookie` that clears it.
 */
export async function endSession(db: Database, cookieValue: string | null | undefined): Promise<string> {
  const claim = verifyOwnerCookie(cookieValue, await getCookieSecret(db));
  if (claim?.sessionId) await revokeSession(db, claim.sessionId);
  else if (claim && (await resolve(db, cookieValue, new Date()))) {
    // A cookie from before sessions: a session revoked at once is what retires it (isPreSessionOwner).
    await revokeSession(db, await createSession(db, claim.ownerId, new Date()));
  }
  return clearOwnerCookieHeader(secure());
}
