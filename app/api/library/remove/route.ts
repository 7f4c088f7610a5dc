import { getDb } from '@/db/client';
import { removeLocalTracks } from '@/db/queries/tracks';
import { handler, json, parseJsonBody } from '@/lib/server/http';
import { ensureOwnerOf } from '@/lib/server/request-owner';
import { changingSharedPages } from '@/lib/server/shared-cache';
import { removeTracksSchema } from '../schema';

/**
 * Removes several of the visitor's own files from the library in one transaction. A file a
 * montage still plays is kept and named; ids that are not their files are listed as not found.
 */
export const POST = handler(async (request: Request) => {
  const db = await getDb();
  const input = await parseJsonBody(request, removeTracksSchema);
  const { ownerId, setCookie } = await ensureOwnerOf(db, request);
  const result = await changingSharedPages(db, { ownerId }, () => removeLocalTracks(db, { ownerId, trackIds: input.trackIds }));
  return json(result, { setCookie });
});
