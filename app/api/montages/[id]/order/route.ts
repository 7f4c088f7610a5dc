import { z } from 'zod';
import { reorderEntries } from '@/db/queries/montages';
import { handler, json, parseJsonBody } from '@/lib/server/http';
import { versionSchema } from '@/lib/server/input';
import { montageRequest } from '@/lib/server/request-owner';
import { changingSharedPages } from '@/lib/server/shared-cache';

const reorderSchema = z
  .object({
    version: versionSchema,
    entryIds: z.array(z.string().uuid('must be an entry id')).min(1).max(500),
  })
  .strict();

/** Puts the montage's tracks in a new order; `entryIds` lists every entry once. */
export const PUT = handler(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const { db, ownerId, montageId } = await montageRequest(request, context.params);
  const input = await parseJsonBody(request, reorderSchema);
  const version = await changingSharedPages(db, { montageId }, () => reorderEntries(db, { montageId, ownerId, ...input }));
  return json({ version });
});
