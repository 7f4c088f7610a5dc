import type { Database } from '../../db/client';
import { createOwner, getOrCreateSetting, ownerExists } from '../../db/queries/owners';
import { env } from './env';
import { newSecret, ownerCookieHeader, signOwner, verifyOwner } from './owner-cookie';

let secretPromise: Promise<string> | undefined;

/** The cookie-signing secret: MONTAGE_SECRET, or one the app made once and keeps in its database. */
export function getCookieSecret(db: Database): Promise<string> {
  if (env.MONTAGE_SECRET) return Promise.resolve(env.MONTAGE_SECRET);
  secretPromise ??= getOrCreateSetting(db, 'cookie_secret', newSecret).catch((error: unknown) => {
    secretPromise = undefined;
    throw error;
  });
  return secretPromise;
}

/** The owner a cookie value proves, if that owner still exists. */
export async function resolveOwner(db: Database, cookieValue: string | null | undefined): Promise<string | null> {
  const ownerId = verifyOwner(cookieValue, await getCookieSecret(db));
  return ownerId && (await ownerExists(db, ownerId)) ? ownerId : null;
}

/** The visitor's owner id, creating an anonymous owner (and the cookie to set) when they have none. */
export async function ensureOwner(
  db: Database,
  cookieValue: string | null | undefined,
): Promise<{ ownerId: string; setCookie: string | null }> {
  const existing = await resolveOwner(db, cookieValue);
  if (existing) return { ownerId: existing, setCookie: null };
  const ownerId = await createOwner(db);
  const value = signOwner(ownerId, await getCookieSecret(db));
  return { ownerId, setCookie: ownerCookieHeader(value, env.MONTAGE_SECURE_COOKIES === 'true') };
}
