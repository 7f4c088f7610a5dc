import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import { notFound } from 'next/navigation';
import { getDb, type Database } from '@/db/client';
import { getMontageForOwner, type MontageView } from '@/db/queries/montages';
import { isUuid } from '@/lib/server/http';
import { OWNER_COOKIE } from '@/lib/server/owner-cookie';
import { resolveOwner } from '@/lib/server/owner-session';
import { env } from '@/lib/server/env';
import { getSharedMontage } from '@/lib/server/shared-cache';

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
  const montage = token.length <= 100 ? await getSharedMontage(await getDb(), token) : null;
  if (!montage) notFound();
  return montage;
});

/** Where this app is reached from outside (link previews need absolute URLs): NEXTAUTH_URL, else the request's host. */
export async function publicBaseUrl(): Promise<string> {
  if (env.NEXTAUTH_URL) return env.NEXTAUTH_URL.replace(/\/$/u, '');
  const store = await headers();
  const host = store.get('x-forwarded-host') ?? store.get('host') ?? 'localhost:3000';
  const protocol = store.get('x-forwarded-proto') ?? (host.startsWith('localhost') || host.startsWith('127.') ? 'http' : 'https');
  return `${protocol}://${host}`;
}
