import { cookies } from 'next/headers';
import { notFound } from 'next/navigation';
import { getDb, type Database } from '@/db/client';
import { getMontageForOwner, type MontageView } from '@/db/queries/montages';
import { isUuid } from '@/lib/server/http';
import { OWNER_COOKIE } from '@/lib/server/owner-cookie';
import { resolveOwner } from '@/lib/server/owner-session';
import { getSharedMontage } from '@/lib/server/shared-cache';
import { isShareToken } from '@/lib/server/security/text';

/** The owner proven by the visitor's cookie, for server components. */
export async function pageOwner(db: Database): Promise<string | null> {
  const store = await cookies();
  return resolveOwner(db, store.get(OWNER_COOKIE)?.value);
}

/** The visitor's own montage, or the 404 page (for a stranger exactly as for a missing id). */
export async function ownMontageOrNotFound(id: string): Promise<{ db: Database; ownerId: string; montage: MontageView }> {
  const db = await getDb();
  const ownerId = await pageOwner(db);
  const montage = ownerId && isUuid(id) ? await getMontageForOwner(db, id, ownerId) : null;
  if (!montage || !ownerId) notFound();
  return { db, ownerId, montage };
}

/** The montage behind an active share link, or the 404 page. */
export async function sharedMontageOrNotFound(token: string): Promise<MontageView> {
  const montage = isShareToken(token) ? await getSharedMontage(await getDb(), token) : null;
  if (!montage) notFound();
  return montage;
}
