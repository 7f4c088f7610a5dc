import { getDb, type Database } from '../../db/client';
import { notFound } from './errors';
import { isUuid } from './http';
import { OWNER_COOKIE, readCookie } from './owner-cookie';
import { ensureResolvedOwner, resolveOwner, resolveOwnerSession } from './owner-session';
import { limitRequest } from './security/rate-limit';

/** The owner proven by the request's cookie, or null. */
export function ownerOf(db: Database, request: Request): Promise<string | null> {
  return resolveOwner(db, readCookie(request.headers.get('cookie'), OWNER_COOKIE));
}

/**
 * The request's owner, made on the spot (with a cookie to set) for a first-time visitor, as often as
 * a person could (`owner_create`, per client address): a script sending no cookie made one per call.
 */
export async function ensureOwnerOf(db: Database, request: Request): Promise<{ ownerId: string; setCookie: string | null }> {
  const resolved = await resolveOwnerSession(db, readCookie(request.headers.get('cookie'), OWNER_COOKIE));
  if (!resolved) await limitRequest(request, 'owner_create', null);
  return ensureResolvedOwner(db, resolved);
}

/**
 * The request's owner, read once: `ownerId` is who the cookie proves (null for a first-time
 * visitor), for the rate limit to count before anything is written; `ensure()` then makes the
 * anonymous owner (with its cookie) if there is none, without reading the cookie again.
 */
export async function requestOwner(db: Database, request: Request): Promise<{ ownerId: string | null; ensure: () => Promise<{ ownerId: string; setCookie: string | null }> }> {
  const resolved = await resolveOwnerSession(db, readCookie(request.headers.get('cookie'), OWNER_COOKIE));
  const ensure = async () => {
    if (!resolved) await limitRequest(request, 'owner_create', null);
    return ensureResolvedOwner(db, resolved);
  };
  return { ownerId: resolved?.ownerId ?? null, ensure };
}

export interface OwnedMontageRequest {
  db: Database;
  ownerId: string;
  montageId: string;
}

/**
 * The database, the request's owner and the montage id of a `/api/montages/[id]/…` route.
 * No owner or a malformed id is "Montage not found": ids leak nothing. Whether the owner owns
 * that montage is checked by the query that uses it.
 */
export async function montageRequest(request: Request, params: Promise<{ id: string }>): Promise<OwnedMontageRequest> {
  const { id } = await params;
  const db = await getDb();
  const ownerId = await ownerOf(db, request);
  if (!ownerId || !isUuid(id)) throw notFound('Montage');
  return { db, ownerId, montageId: id };
}
