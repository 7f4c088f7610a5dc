import { getDb } from '@/db/client';
import { copySharedMontage, getMontageByShareToken } from '@/db/queries/shares';
import { notFound } from '@/lib/server/errors';
import { handler, json } from '@/lib/server/http';
import { ensureOwnerOf } from '@/lib/server/request-owner';

/** Copies a shared montage into the visitor's own montages. */
export const POST = handler(async (request: Request, context: { params: Promise<{ token: string }> }) => {
  const { token } = await context.params;
  const db = await getDb();
  // An unknown or revoked token is refused before a first-time visitor is given an owner.
  if (token.length > 100 || !(await getMontageByShareToken(db, token))) throw notFound('Shared montage');
  const { ownerId, setCookie } = await ensureOwnerOf(db, request);
  const id = await copySharedMontage(db, token, ownerId);
  return json({ id, url: `/m/${id}` }, { status: 201, setCookie });
});
