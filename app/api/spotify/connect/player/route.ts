import { getDb } from '@/db/client';
import { handler, json, parseJsonBody } from '@/lib/server/http';
import { spotifyUserOf } from '@/lib/server/request-user';
import { connectErrorResponse, pauseOnDevice, readPlayback, resumeOnDevice, startMontageOnDevice, toAppError } from '@/lib/server/spotify';
import { playerCommandSchema } from './schema';

function spotifyFailure(error: unknown): Response {
  const answer = connectErrorResponse(error);
  if (answer) return answer;
  throw toAppError(error);
}

/** What the listener's Spotify plays now (null: nothing active). The page polls this; a 429 carries Retry-After. */
export const GET = handler(async (request: Request) => {
  const db = await getDb();
  const user = await spotifyUserOf(db, request);
  try {
    return json({ playback: await readPlayback(db, user.userId) });
  } catch (error) {
    return spotifyFailure(error);
  }
});

/** Starts the montage on a device, or pauses / resumes it (Premium only: 403 premium_required otherwise). */
export const POST = handler(async (request: Request) => {
  const db = await getDb();
  const user = await spotifyUserOf(db, request);
  const command = await parseJsonBody(request, playerCommandSchema);
  try {
    if (command.action === 'start') {
      const { context } = await startMontageOnDevice(db, { userId: user.userId, ownerId: user.ownerId, ...command });
      return json({ started: true, context });
    }
    if (command.action === 'pause') await pauseOnDevice(db, user.userId, command.deviceId);
    else await resumeOnDevice(db, user.userId, command.deviceId);
    return json({ ok: true });
  } catch (error) {
    return spotifyFailure(error);
  }
});
