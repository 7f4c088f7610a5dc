import { getDb } from '@/db/client';
import { handler, json } from '@/lib/server/http';
import { OWNER_COOKIE, readCookie } from '@/lib/server/owner-cookie';
import { endSession } from '@/lib/server/owner-session';

/**
 * "Forget this device": revokes this browser's owner session on the server and clears its cookie.
 * The montages stay with their owner (an account keeps them; an anonymous owner's are reached by
 * no cookie any more and are purged after the retention period).
 */
export const DELETE = handler(async (request: Request) => {
  const db = await getDb();
  const setCookie = await endSession(db, readCookie(request.headers.get('cookie'), OWNER_COOKIE));
  return json({ forgotten: true }, { setCookie });
});
