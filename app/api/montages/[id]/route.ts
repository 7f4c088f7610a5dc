import { deleteMontage, getMontageForOwner, renameMontage } from '@/db/queries/montages';
import { notFound } from '@/lib/server/errors';
import { handler, json, parseJsonBody } from '@/lib/server/http';
import { montageRequest } from '@/lib/server/request-owner';
import { changingSharedPages } from '@/lib/server/shared-cache';
import { renameMontageSchema } from './schema';

interface Context {
  params: Promise<{ id: string }>;
}

export const GET = handler(async (request: Request, context: Context) => {
  const { db, ownerId, montageId } = await montageRequest(request, context.params);
  const montage = await getMontageForOwner(db, montageId, ownerId);
  if (!montage) throw notFound('Montage');
  return json({ montage });
});

/** Renames the montage; `version` must be the one the client last saw. */
export const PATCH = handler(async (request: Request, context: Context) => {
  const { db, ownerId, montageId } = await montageRequest(request, context.params);
  const input = await parseJsonBody(request, renameMontageSchema);
  const version = await changingSharedPages(db, { montageId }, () => renameMontage(db, { montageId, ownerId, ...input }));
  return json({ version });
});

export const DELETE = handler(async (request: Request, context: Context) => {
  const { db, ownerId, montageId } = await montageRequest(request, context.params);
  if (!(await changingSharedPages(db, { montageId }, () => deleteMontage(db, montageId, ownerId)))) throw notFound('Montage');
  return json({ deleted: true });
});
