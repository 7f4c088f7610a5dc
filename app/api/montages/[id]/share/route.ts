import { getDb } from '@/db/client';
import { ensureShareLink, revokeShareLinks } from '@/db/queries/shares';
import { notFound } from '@/lib/server/errors';
import { handler, isUuid, json } from '@/lib/server/http';
import { newShareToken } from '@/lib/server/owner-cookie';
import { ownerOf } from '@/lib/server/request-owner';
import { revalidateShared } from '@/lib/server/shared-cache';

interface Context {
  params: Promise<{ id: string }>;
}

/** Creates the montage's share link, or returns the active one. */
export const POST = handler(async (request: Request, context: Context) => {
  const { id } = await context.params;
  const db = await getDb();
  const ownerId = await ownerOf(db, request);
  if (!ownerId || !isUuid(id)) throw notFound('Montage');
  const token = await ensureShareLink(db, { montageId: id, ownerId, newToken: newShareToken() });
  return json({ token, path: `/s/${token}` }, { status: 201 });
});

/** Revokes the montage's share link: it answers 404 from now on. */
export const DELETE = handler(async (request: Request, context: Context) => {
  const { id } = await context.params;
  const db = await getDb();
  const ownerId = await ownerOf(db, request);
  if (!ownerId || !isUuid(id)) throw notFound('Montage');
  const revoked = await revokeShareLinks(db, { montageId: id, ownerId });
  revalidateShared(id);
  return json({ revoked });
});
