import { getDb } from '@/db/client';
import { deleteMontage, getMontageForOwner, renameMontage } from '@/db/queries/montages';
import { notFound } from '@/lib/server/errors';
import { handler, isUuid, json, parseJsonBody } from '@/lib/server/http';
import { ownerOf } from '@/lib/server/request-owner';
import { revalidateShared } from '@/lib/server/shared-cache';
import { renameMontageSchema } from './schema';

interface Context {
  params: Promise<{ id: string }>;
}

export const GET = handler(async (request: Request, context: Context) => {
  const { id } = await context.params;
  const db = await getDb();
  const ownerId = await ownerOf(db, request);
  const montage = ownerId && isUuid(id) ? await getMontageForOwner(db, id, ownerId) : null;
  if (!montage) throw notFound('Montage');
  return json({ montage });
});

/** Renames the montage; `version` must be the one the client last saw. */
export const PATCH = handler(async (request: Request, context: Context) => {
  const { id } = await context.params;
  const db = await getDb();
  const ownerId = await ownerOf(db, request);
  if (!ownerId || !isUuid(id)) throw notFound('Montage');
  const input = await parseJsonBody(request, renameMontageSchema);
  const version = await renameMontage(db, { montageId: id, ownerId, ...input });
  revalidateShared(id);
  return json({ version });
});

export const DELETE = handler(async (request: Request, context: Context) => {
  const { id } = await context.params;
  const db = await getDb();
  const ownerId = await ownerOf(db, request);
  if (!ownerId || !isUuid(id) || !(await deleteMontage(db, id, ownerId))) throw notFound('Montage');
  revalidateShared(id);
  return json({ deleted: true });
});
