import { ensureShareLink, revokeShareLinks } from '@/db/queries/shares';
import { handler, json } from '@/lib/server/http';
import { newShareToken } from '@/lib/server/owner-cookie';
import { montageRequest } from '@/lib/server/request-owner';
import { changingSharedPages } from '@/lib/server/shared-cache';
import { limitRequest } from '@/lib/server/security/rate-limit';

interface Context {
  params: Promise<{ id: string }>;
}

/** Creates the montage's share link, or returns the active one. */
export const POST = handler(async (request: Request, context: Context) => {
  const { db, ownerId, montageId } = await montageRequest(request, context.params);
  await limitRequest(request, 'share_create', ownerId);
  const token = await ensureShareLink(db, { montageId, ownerId, newToken: newShareToken() });
  return json({ token, path: `/s/${token}` }, { status: 201 });
});

/** Revokes the montage's share link: it answers 404 from now on. */
export const DELETE = handler(async (request: Request, context: Context) => {
  const { db, ownerId, montageId } = await montageRequest(request, context.params);
  const revoked = await changingSharedPages(db, { montageId }, () => revokeShareLinks(db, { montageId, ownerId }));
  return json({ revoked });
});
