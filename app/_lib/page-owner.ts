import { cookies } from 'next/headers';
import { cache } from 'react';
import { notFound } from 'next/navigation';
import { getDb, type Database } from '@/db/client';
import { getMontageForOwner, type MontageView } from '@/db/queries/montages';
import { isUuid } from '@/lib/server/http';
import { OWNER_COOKIE } from '@/lib/server/owner-cookie';
import { resolveOwner } from '@/lib/server/owner-session';
import { env } from '@/lib/server/env';
import { getSharedMontage } from '@/lib/server/shared-cache';
import { isShareToken } from '@/lib/server/security/text';

/** The owner proven by the visitor's cookie, for server components. */
export async function pageOwner(db: Database): Promise<string | null> {
  const store = await cookies();
  return resolveOwner(db, store.get(OWNER_COOKIE)?.value);
}

/** The visitor's own montage, or the 404 page (for a stranger exactly as for a missing id). */
export const ownMontageOrNotFound = cache(async (id: string): Promise<{ db: Database; ownerId: string; montage: MontageView }> => {
  const db = await getDb();
  const ownerId = await pageOwner(db);
  const montage = ownerId && isUuid(id) ? await getMontageForOwner(db, id, ownerId) : null;
  if (!montage || !ownerId) notFound();
  return { db, ownerId, montage };
});

/** The montage behind an active share link, or the 404 page. */
export const sharedMontageOrNotFound = cache(async (token: string): Promise<MontageView> => {
  const montage = isShareToken(token) ? await getSharedMontage(await getDb(), token) : null;
  if (!montage) notFound();
  return montage;
});

/**
 * Where this app is reached from outside, for link previews' absolute URLs: NEXTAUTH_URL. Unset,
 * the URLs stay relative to Next's metadataBase. Never the request's Host header: share pages read
 * no header, so they can be served from the cache.
 */
export function publicBaseUrl(): string {
  return env.NEXTAUTH_URL ? env.NEXTAUTH_URL.replace(/\/$/u, '') : '';
}
