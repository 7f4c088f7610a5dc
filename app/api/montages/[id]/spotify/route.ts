import { getMontageForOwner } from '@/db/queries/montages';
import { env } from '@/lib/server/env';
import { notFound } from '@/lib/server/errors';
import { handler, json } from '@/lib/server/http';
import { montageRequest } from '@/lib/server/request-owner';
import { spotifyUserOf } from '@/lib/server/request-user';
import { saveMontageToSpotify } from '@/lib/server/spotify';

/** Saves the montage as a Spotify playlist, in order; saving again updates the same playlist. */
export const POST = handler(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const { db, ownerId, montageId } = await montageRequest(request, context.params);
  const user = await spotifyUserOf(db, request);
  const montage = await getMontageForOwner(db, montageId, ownerId);
  if (!montage) throw notFound('Montage');
  const publicOrigin = env.NEXTAUTH_URL ?? new URL(request.url).origin;
  return json(await saveMontageToSpotify(db, { montage, userId: user.userId, publicOrigin }));
});
