import { cookies } from 'next/headers';
import type { Database } from '@/db/client';
import { OWNER_COOKIE } from '@/lib/server/owner-cookie';
import { resolveOwner } from '@/lib/server/owner-session';

/** The owner proven by the visitor's cookie, for server components. */
export async function pageOwner(db: Database): Promise<string | null> {
  const store = await cookies();
  return resolveOwner(db, store.get(OWNER_COOKIE)?.value);
}
