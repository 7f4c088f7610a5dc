import { getDb } from '@/db/client';
import { listLibraryTracks } from '@/db/queries/library-tracks';
import { AppError } from '@/lib/server/errors';
import { handler, json } from '@/lib/server/http';
import { ownerOf } from '@/lib/server/request-owner';
import { parseLibraryQuery } from './schema';

/**
 * One page of the visitor's library (their files, their Spotify songs, the soundtrack) filtered
 * on the server: `?q=&min=&max=&exact=1&source=&origin=&sort=&page=&pageSize=` (see schema.ts).
 */
export const GET = handler(async (request: Request) => {
  const parsed = parseLibraryQuery(new URL(request.url).searchParams);
  if (!parsed.ok) {
    throw new AppError('invalid_input', `Invalid library query: ${parsed.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`, parsed.problems);
  }
  const db = await getDb();
  const ownerId = await ownerOf(db, request);
  const { query } = parsed;
  const page = await listLibraryTracks(db, { ownerId, ...query });
  return json({ ...page, page: query.page, pageSize: query.pageSize, pageCount: Math.max(1, Math.ceil(page.total / query.pageSize)) });
});
