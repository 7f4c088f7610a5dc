import { getDb } from '@/db/client';
import { deleteLibraryFilter } from '@/db/queries/library-filters';
import { notFound } from '@/lib/server/errors';
import { handler, isUuid, json } from '@/lib/server/http';
import { ownerOf } from '@/lib/server/request-owner';

/** Deletes one of the visitor's saved filters; montages built from it keep their tracks. */
export const DELETE = handler(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const { id } = await context.params;
  const db = await getDb();
  const ownerId = await ownerOf(db, request);
  if (!ownerId || !isUuid(id) || !(await deleteLibraryFilter(db, ownerId, id))) throw notFound('Saved filter');
  return json({ deleted: id });
});
