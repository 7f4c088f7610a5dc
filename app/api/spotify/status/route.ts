import { getDb } from '@/db/client';
import { getImportProgress } from '@/db/queries/library';
import { getUserByOwner } from '@/db/queries/users';
import { isSpotifyConfigured } from '@/lib/server/auth';
import { getSoundtrackResolution } from '@/lib/server/spotify';
import { handler, json } from '@/lib/server/http';
import { ownerOf } from '@/lib/server/request-owner';

/** Whether Spotify is set up here, who is connected, how their library import stands, and whether the soundtrack was found on Spotify. */
export const GET = handler(async (request: Request) => {
  if (!isSpotifyConfigured()) return json({ configured: false, user: null, import: null, soundtrack: null });
  const db = await getDb();
  const ownerId = await ownerOf(db, request);
  const user = ownerId ? await getUserByOwner(db, ownerId) : null;
  const progress = user ? await getImportProgress(db, user.userId) : null;
  const soundtrack = await getSoundtrackResolution(db);
  return json({
    soundtrack,
    configured: true,
    user: user && { displayName: user.displayName ?? user.spotifyId, needsReconnect: user.needsReconnect },
    import: progress && { status: progress.status, imported: progress.imported, total: progress.total, error: progress.error },
  });
});
