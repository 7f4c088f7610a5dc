import { createHmac } from 'node:crypto';
import { cookies } from 'next/headers';
import type { NextAuthOptions } from 'next-auth';
import SpotifyProvider from 'next-auth/providers/spotify';
import { getDb } from '../../db/client';
import { signInSpotifyUser } from '../../db/queries/users';
import { SPOTIFY_SCOPES } from '../spotify';
import { env } from './env';
import { OWNER_COOKIE, signOwner } from './owner-cookie';
import { getCookieSecret, resolveOwner } from './owner-session';


export function isSpotifyConfigured(): boolean {
  return Boolean(env.SPOTIFY_CLIENT_ID && env.SPOTIFY_CLIENT_SECRET && env.NEXTAUTH_URL);
}

interface SpotifyProfile {
  id: string;
  display_name?: string | null;
}

/**
 * next-auth options: the Spotify provider with PKCE and state, pointed at the configured
 * accounts and API hosts; tokens go to the database, never into the session cookie. On sign-in
 * the browser's owner cookie is re-issued for the account's owner, so montages made
 * anonymously before sign-in stay with the person.
 */
export async function getAuthOptions(): Promise<NextAuthOptions> {
  const db = await getDb();
  const cookieSecret = await getCookieSecret(db);
  return {
    secret: env.NEXTAUTH_SECRET ?? createHmac('sha256', cookieSecret).update('next-auth').digest('base64url'),
    session: { strategy: 'jwt', maxAge: 30 * 24 * 3600 },
    pages: { error: '/' },
    providers: [
      SpotifyProvider({
        clientId: env.SPOTIFY_CLIENT_ID ?? '',
        clientSecret: env.SPOTIFY_CLIENT_SECRET ?? '',
        authorization: { url: `${env.SPOTIFY_ACCOUNTS_BASE_URL}/authorize`, params: { scope: SPOTIFY_SCOPES.join(' ') } },
        token: `${env.SPOTIFY_ACCOUNTS_BASE_URL}/api/token`,
        userinfo: `${env.SPOTIFY_API_BASE_URL}/v1/me`,
        checks: ['pkce', 'state'],
        profile: (profile: SpotifyProfile) => ({ id: profile.id, name: profile.display_name ?? profile.id }),
      }),
    ],
    callbacks: {
      async jwt({ token, account, profile }) {
        if (!account || account.provider !== 'spotify' || !account.access_token || !account.refresh_token) return token;
        const spotify = profile as SpotifyProfile | undefined;
        const spotifyId = spotify?.id ?? account.providerAccountId;
        const store = await cookies();
        const anonymousOwnerId = await resolveOwner(db, store.get(OWNER_COOKIE)?.value);
        const user = await signInSpotifyUser(db, {
          spotifyId,
          displayName: spotify?.display_name ?? null,
          anonymousOwnerId,
          tokens: {
            accessToken: account.access_token,
            refreshToken: account.refresh_token,
            scope: account.scope ?? '',
            expiresAt: new Date((account.expires_at ?? Math.floor(Date.now() / 1000) + 3600) * 1000),
          },
        });
        store.set(OWNER_COOKIE, signOwner(user.ownerId, cookieSecret), {
          httpOnly: true,
          sameSite: 'lax',
          path: '/',
          maxAge: 31_536_000,
          secure: env.MONTAGE_SECURE_COOKIES === 'true',
        });
        return { sub: spotifyId, name: spotify?.display_name ?? spotifyId, userId: user.userId };
      },
      session({ session, token }) {
        return { ...session, user: { name: token.name ?? null } };
      },
    },
    events: {
      async signOut() {
        // Signing out leaves this browser anonymous again: the account's montages stay with the account.
        (await cookies()).delete(OWNER_COOKIE);
      },
    },
  };
}
