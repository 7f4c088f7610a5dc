import { getMontageForOwner } from '@/db/queries/montages';
import { notFound } from '@/lib/server/errors';
import { fitWorkoutResponse } from '@/lib/server/fit-response';
import { handler } from '@/lib/server/http';
import { montageRequest } from '@/lib/server/request-owner';

/** The montage as a FIT workout file for a watch. */
export const GET = handler(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const { db, ownerId, montageId } = await montageRequest(request, context.params);
  const montage = await getMontageForOwner(db, montageId, ownerId);
  if (!montage) throw notFound('Montage');
  return fitWorkoutResponse(montage);
});
