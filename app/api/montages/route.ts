import { getDb } from '@/db/client';
import { listMontagesByOwner } from '@/db/queries/montages';
import { handler, json, parseJsonBody } from '@/lib/server/http';
import { buildMontage, poolScopeOf } from '@/lib/server/montage-service';
import { ownerOf, requestOwner } from '@/lib/server/request-owner';
import { limitRequest } from '@/lib/server/security/rate-limit';
import { buildMontageSchema } from './schema';

/** Builds a montage from the owner's pool and stores it. */
export const POST = handler(async (request: Request) => {
  const db = await getDb();
  const input = await parseJsonBody(request, buildMontageSchema);
  const owner = await requestOwner(db, request);
  await limitRequest(request, 'montage_create', owner.ownerId);
  const { filterId, trackIds, ...choice } = input;
  // The saved filter is looked up before any owner is made: an unknown one is a 404 that writes nothing.
  const scope = await poolScopeOf(db, owner.ownerId, { filterId, trackIds });
  const { ownerId, setCookie } = await owner.ensure();
  const id = await buildMontage(db, { ...choice, ownerId, scope });
  return json({ id, url: `/m/${id}` }, { status: 201, setCookie });
});

/** The visitor's montages, newest first. */
export const GET = handler(async (request: Request) => {
  const db = await getDb();
  const ownerId = await ownerOf(db, request);
  return json({ montages: ownerId ? await listMontagesByOwner(db, ownerId) : [] });
});
