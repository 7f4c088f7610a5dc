import { notFound } from '@/lib/server/errors';
import { handler, isUuid, json, parseJsonBody } from '@/lib/server/http';
import { swapEntry } from '@/lib/server/montage-edits';
import { montageRequest } from '@/lib/server/request-owner';
import { changingSharedPages } from '@/lib/server/shared-cache';
import { swapSchema } from './schema';

/** Replaces one entry's track by another of the owner's pool; the montage is re-timed and the entry re-planned. */
export const POST = handler(async (request: Request, context: { params: Promise<{ id: string; entryId: string }> }) => {
  const { db, ownerId, montageId } = await montageRequest(request, context.params);
  const { entryId } = await context.params;
  if (!isUuid(entryId)) throw notFound('Track entry');
  const input = await parseJsonBody(request, swapSchema);
  const version = await changingSharedPages(db, { montageId }, () => swapEntry(db, { montageId, ownerId, entryId, ...input }));
  return json({ version });
});
