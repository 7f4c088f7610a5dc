import { getDb } from '@/db/client';
import { notFound } from '@/lib/server/errors';
import { fitWorkoutResponse } from '@/lib/server/fit-response';
import { handler } from '@/lib/server/http';
import { getSharedMontage } from '@/lib/server/shared-cache';
import { isShareToken } from '@/lib/server/security/text';

/** A shared montage as a FIT workout file; unknown and revoked tokens are 404. */
export const GET = handler(async (_request: Request, context: { params: Promise<{ token: string }> }) => {
  const { token } = await context.params;
  const montage = isShareToken(token) ? await getSharedMontage(await getDb(), token) : null;
  if (!montage) throw notFound('Shared montage');
  return fitWorkoutResponse(montage);
});
