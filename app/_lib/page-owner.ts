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
 * Where this app is reached from outside, for link previews' absolute URLs (a preview fetcher
 * needs them: a relative og:url or an og:image on `localhost` shows nothing): NEXTAUTH_URL, else
 * the address this server listens on (`next start -H 127.0.0.1 -p 3000` → http://127.0.0.1:3000).
 * Never the request's Host header: share pages read no header, so they can be served from the
 * cache. Behind a proxy or a load balancer, NEXTAUTH_URL is the public address.
 */
export function publicBaseUrl(): string {
  const origin = env.NEXTAUTH_URL ?? env.__NEXT_PRIVATE_ORIGIN ?? '';
  return origin.replace(/\/$/u, '');
}
