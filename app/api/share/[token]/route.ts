import { getDb } from '@/db/client';
import { notFound } from '@/lib/server/errors';
import { handler, json } from '@/lib/server/http';
import { getCachedSharedMontage } from '@/lib/server/shared-cache';
import { toPublicMontage } from '@/lib/server/public-montage';
import { isShareToken } from '@/lib/server/security/text';

/** A shared montage, read-only; unknown and revoked tokens are 404. */
export const GET = handler(async (_request: Request, context: { params: Promise<{ token: string }> }) => {
  const { token } = await context.params;
  const db = await getDb();
  const montage = isShareToken(token) ? await getCachedSharedMontage(db, token) : null;
  if (!montage) throw notFound('Shared montage');
  return json({ montage: toPublicMontage(montage) });
});
