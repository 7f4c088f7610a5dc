import { getDb } from '@/db/client';
import { deleteSession } from '@/db/queries/sessions';
import { notFound } from '@/lib/server/errors';
import { handler, isUuid, json } from '@/lib/server/http';
import { ownerOf } from '@/lib/server/request-owner';

/** Deletes one of the visitor's sessions. */
export const DELETE = handler(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const db = await getDb();
  const ownerId = await ownerOf(db, request);
  if (!ownerId || !isUuid(id)) throw notFound('Session');
  await deleteSession(db, ownerId, id);
  return json({ deleted: id });
});
