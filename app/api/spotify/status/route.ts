import { getDb } from '@/db/client';
import { getImportProgress } from '@/db/queries/library';
import { getUserByOwner } from '@/db/queries/users';
import { isSpotifyConfigured } from '@/lib/server/auth';
import { handler, json } from '@/lib/server/http';
import { ownerOf } from '@/lib/server/request-owner';

/** Whether Spotify is set up here, who is connected, and how their library import stands. */
export const GET = handler(async (request: Request) => {
  if (!isSpotifyConfigured()) return json({ configured: false, user: null, import: null });
  const db = await getDb();
  const ownerId = await ownerOf(db, request);
  const user = ownerId ? await getUserByOwner(db, ownerId) : null;
  const progress = user ? await getImportProgress(db, user.userId) : null;
  return json({
    configured: true,
    user: user && { displayName: user.displayName ?? user.spotifyId, needsReconnect: user.needsReconnect },
    import: progress && { status: progress.status, imported: progress.imported, total: progress.total, error: progress.error },
  });
});
