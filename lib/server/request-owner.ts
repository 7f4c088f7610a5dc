import type { Database } from '../../db/client';
import { OWNER_COOKIE, readCookie } from './owner-cookie';
import { ensureOwner, resolveOwner } from './owner-session';

/** The owner proven by the request's cookie, or null. */
export function ownerOf(db: Database, request: Request): Promise<string | null> {
  return resolveOwner(db, readCookie(request.headers.get('cookie'), OWNER_COOKIE));
}

/** The request's owner, made on the spot (with a cookie to set) for a first-time visitor. */
export function ensureOwnerOf(db: Database, request: Request) {
  return ensureOwner(db, readCookie(request.headers.get('cookie'), OWNER_COOKIE));
}
