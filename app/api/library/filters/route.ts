import { getDb } from '@/db/client';
import { createLibraryFilter, listLibraryFilters } from '@/db/queries/library-filters';
import { getLibraryTracksByIds } from '@/db/queries/library-tracks';
import { AppError } from '@/lib/server/errors';
import { handler, json, parseJsonBody } from '@/lib/server/http';
import { ensureOwnerOf, ownerOf } from '@/lib/server/request-owner';
import { saveFilterSchema } from '../schema';

/** The visitor's saved filters and hand-picked sets, by name. */
export const GET = handler(async (request: Request) => {
  const db = await getDb();
  const ownerId = await ownerOf(db, request);
  return json({ filters: ownerId ? await listLibraryFilters(db, ownerId) : [] });
});

/** Saves a filter (its criteria) or a hand-picked set of tracks under a name the visitor has not used. */
export const POST = handler(async (request: Request) => {
  const db = await getDb();
  const input = await parseJsonBody(request, saveFilterSchema);
  const { ownerId, setCookie } = await ensureOwnerOf(db, request);
  let criteria: Record<string, unknown>;
  if (input.kind === 'tracks') {
    const visible = new Set((await getLibraryTracksByIds(db, ownerId, input.trackIds)).map((t) => t.id));
    const unknown = input.trackIds.findIndex((id) => !visible.has(id));
    if (unknown >= 0) throw new AppError('invalid_input', `Invalid request: trackIds.${unknown}: a picked track is not in your library.`, [{ field: `trackIds.${unknown}`, message: 'is not a track of your library' }]);
    criteria = { trackIds: [...new Set(input.trackIds)] };
  } else {
    criteria = { ...input.criteria };
  }
  const saved = await createLibraryFilter(db, { ownerId, name: input.name, kind: input.kind, criteria });
  if (!saved) throw new AppError('conflict', `You already have a saved filter named “${input.name}”.`, [{ field: 'name', message: 'is already used' }]);
  return json({ filter: saved }, { status: 201, setCookie });
});
