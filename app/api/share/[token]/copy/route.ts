import { getDb } from '@/db/client';
import { copySharedMontage } from '@/db/queries/shares';
import { notFound } from '@/lib/server/errors';
import { handler, json } from '@/lib/server/http';
import { requestOwner } from '@/lib/server/request-owner';
import { limitRequest } from '@/lib/server/security/rate-limit';
import { isShareToken } from '@/lib/server/security/text';

/** Copies a shared montage into the visitor's own montages. */
export const POST = handler(async (request: Request, context: { params: Promise<{ token: string }> }) => {
  const { token } = await context.params;
  if (!isShareToken(token)) throw notFound('Shared montage');
  const db = await getDb();
  const owner = await requestOwner(db, request);
  await limitRequest(request, 'copy', owner.ownerId);
  let setCookie: string | null = null;
  const id = await copySharedMontage(db, token, async () => {
    const ensured = await owner.ensure();
    setCookie = ensured.setCookie;
    return ensured.ownerId;
  });
  return json({ id, url: `/m/${id}` }, { status: 201, setCookie });
});
