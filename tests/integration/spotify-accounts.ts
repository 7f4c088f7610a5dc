import type { FakeSpotify, SeedUserOptions } from '../fakes/spotify';
import { Visitor } from './api-client';

/**
 * What the in-process tests of the app's Spotify features share: the settings that point the app at
 * the loopback fake, and a fake account signed in to Montage.
 */

/** The app's Spotify settings for `fake`; set them before the app's modules load (the environment is read once). */
export function spotifyEnv(fake: FakeSpotify) {
  return {
    SPOTIFY_CLIENT_ID: fake.clientId,
    SPOTIFY_CLIENT_SECRET: fake.clientSecret,
    SPOTIFY_ACCOUNTS_BASE_URL: fake.accountsBaseUrl,
    SPOTIFY_API_BASE_URL: fake.apiBaseUrl,
  };
}

/**
 * A fake Spotify user signed in to Montage (their tokens stored as sign-in stores them), and a
 * visitor carrying their owner cookie. The app's modules are loaded here, after the test set the
 * environment.
 */
export async function signInFakeUser(fake: FakeSpotify, seed: SeedUserOptions = {}) {
  const db = await (await import('../../db/client')).getDb();
  const { signInSpotifyUser } = await import('../../db/queries/users');
  const { signOwner } = await import('../../lib/server/owner-cookie');
  const { getCookieSecret } = await import('../../lib/server/owner-session');
  const seeded = fake.seedUser(seed);
  const user = await signInSpotifyUser(db, {
    spotifyId: seeded.user.id,
    displayName: seeded.user.displayName,
    anonymousOwnerId: null,
    tokens: { accessToken: seeded.accessToken, refreshToken: seeded.refreshToken, scope: seeded.scopes.join(' '), expiresAt: new Date(seeded.expiresAtMs) },
  });
  const visitor = new Visitor();
  visitor.cookie = `montage_owner=${encodeURIComponent(signOwner(user.ownerId, await getCookieSecret(db)))}`;
  return { seeded, user, visitor };
}

/** The offsets of the liked-songs pages `fake` answered (200) for this Spotify user, in the order asked. */
export function answeredLibraryPages(fake: FakeSpotify, spotifyUserId: string): number[] {
  return fake
    .requests({ method: 'GET', path: '/v1/me/tracks' })
    .filter((r) => r.userId === spotifyUserId && r.status === 200)
    .map((r) => Number(r.query.offset));
}
