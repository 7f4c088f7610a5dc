import { getDb } from '@/db/client';
import { handler, json } from '@/lib/server/http';
import { spotifyUserOf } from '@/lib/server/request-user';
import { connectErrorResponse, getConnectStatus } from '@/lib/server/spotify';

/** "Follow my Spotify app": were the playback scopes granted, and which Spotify apps are open. */
export const GET = handler(async (request: Request) => {
  const db = await getDb();
  const user = await spotifyUserOf(db, request);
  try {
    return json(await getConnectStatus(db, user.userId));
  } catch (error) {
    const answer = connectErrorResponse(error);
    if (answer) return answer;
    throw error;
  }
});
