import { notFound } from '@/lib/server/errors';
import { handler, isUuid, json } from '@/lib/server/http';
import { alternativesForEntry } from '@/lib/server/montage-edits';
import { montageRequest } from '@/lib/server/request-owner';

/** The best replacements for one track of the owner's montage, best first (at most 10), and the tempo its place asks for. */
export const GET = handler(async (request: Request, context: { params: Promise<{ id: string; entryId: string }> }) => {
  const { db, ownerId, montageId } = await montageRequest(request, context.params);
  const { entryId } = await context.params;
  if (!isUuid(entryId)) throw notFound('Track entry');
  return json(await alternativesForEntry(db, { montageId, ownerId, entryId }));
});
