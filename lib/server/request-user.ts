import type { Database } from '../../db/client';
import { getUserByOwner, type SpotifyUserView } from '../../db/queries/users';
import { AppError } from './errors';
import { ownerOf } from './request-owner';

/** The Spotify account behind the request's owner, or a 401 asking to connect Spotify. */
export async function spotifyUserOf(db: Database, request: Request): Promise<SpotifyUserView & { ownerId: string }> {
  const ownerId = await ownerOf(db, request);
  const user = ownerId ? await getUserByOwner(db, ownerId) : null;
  if (!ownerId || !user) throw new AppError('reconnect_required', 'Connect Spotify first.');
  if (user.needsReconnect) throw new AppError('reconnect_required', 'Your Spotify connection has expired or was removed. Connect Spotify again.');
  return { ...user, ownerId };
}
