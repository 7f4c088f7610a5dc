import { z } from 'zod';
import { getDb } from '@/db/client';
import { reorderEntries } from '@/db/queries/montages';
import { notFound } from '@/lib/server/errors';
import { handler, isUuid, json, parseJsonBody } from '@/lib/server/http';
import { ownerOf } from '@/lib/server/request-owner';
import { revalidateShared } from '@/lib/server/shared-cache';

const reorderSchema = z
  .object({
    version: z.number().int().positive(),
    entryIds: z.array(z.string().uuid('must be an entry id')).min(1).max(500),
  })
  .strict();

/** Puts the montage's tracks in a new order; `entryIds` lists every entry once. */
export const PUT = handler(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const { id } = await context.params;
  const db = await getDb();
  const ownerId = await ownerOf(db, request);
  if (!ownerId || !isUuid(id)) throw notFound('Montage');
  const input = await parseJsonBody(request, reorderSchema);
  const version = await reorderEntries(db, { montageId: id, ownerId, ...input });
  revalidateShared(id);
  return json({ version });
});
