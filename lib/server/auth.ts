import { createHmac } from 'node:crypto';
import { cookies } from 'next/headers';
import type { NextAuthOptions } from 'next-auth';
import SpotifyProvider, { type SpotifyProfile as NextAuthSpotifyProfile } from 'next-auth/providers/spotify';
import { getDb } from '../../db/client';
import { signInSpotifyUser } from '../../db/queries/users';
import { SPOTIFY_SCOPES, isSpotifyError } from '../spotify';
import { env } from './env';
import { appSpotify } from './spotify';
import { OWNER_COOKIE } from './owner-cookie';
import { endSession, getCookieSecret, resolveOwner, startSession } from './owner-session';


export function isSpotifyConfigured(): boolean {
  return Boolean(env.SPOTIFY_CLIENT_ID && env.SPOTIFY_CLIENT_SECRET && env.NEXTAUTH_URL);
}

interface SpotifyProfile {
  id: string;
  display_name?: string | null;
  /** Set when Spotify refused the profile: the account is not on the Development Mode allow-list. */
  montageRefusal?: 'development_mode';
}

/** Where sign-in sends an account Spotify refuses in Development Mode (403 on /v1/me). */
export const DEVELOPMENT_MODE_PATH = '/spotify/development-mode';
/** Where any other failed sign-in lands (instead of next-auth's stock pages). */
export const SIGN_IN_PROBLEM_PATH = '/spotify/sign-in-problem';

/**
 * The signed-in person's profile, read through the adapter. In Development Mode Spotify lets an
 * account that is not on the allow-list consent, then answers 403 here: that comes back as a
 * refusal the sign-in callback turns into the Development Mode page, not as an error next-auth
 * would show as "Try signing in with a different account".
 */
export async function readSpotifyProfile(accessToken: string): Promise<SpotifyProfile> {
  const adapter = appSpotify();
  if (!adapter) throw new Error('Spotify is not configured');
  try {
    const me = await adapter.withUser({ getAccessToken: async () => accessToken }).getCurrentUser();
    return { id: me.id, display_name: me.displayName };
  } catch (error) {
    if (isSpotifyError(error, 'forbidden')) return { id: 'not-allow-listed', display_name: null, montageRefusal: 'development_mode' };
    throw error;
  }
}

/** next-auth's signIn callback: a refused account is sent to the Development Mode page and nothing is stored. */
export function allowSignIn(profile: unknown): true | string {
  return (profile as SpotifyProfile | undefined)?.montageRefusal === 'development_mode' ? DEVELOPMENT_MODE_PATH : true;
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
    pages: { signIn: SIGN_IN_PROBLEM_PATH, error: SIGN_IN_PROBLEM_PATH },
    providers: [
      SpotifyProvider({
        clientId: env.SPOTIFY_CLIENT_ID ?? '',
        clientSecret: env.SPOTIFY_CLIENT_SECRET ?? '',
        authorization: { url: `${env.SPOTIFY_ACCOUNTS_BASE_URL}/authorize`, params: { scope: SPOTIFY_SCOPES.join(' ') } },
        token: `${env.SPOTIFY_ACCOUNTS_BASE_URL}/api/token`,
        userinfo: {
          url: `${env.SPOTIFY_API_BASE_URL}/v1/me`,
          // next-auth's Spotify profile type wants e-mail and images, which Montage never reads.
          request: async ({ tokens }) => (await readSpotifyProfile(tokens.access_token ?? '')) as unknown as NextAuthSpotifyProfile,
        },
        checks: ['pkce', 'state'],
        profile: (profile: SpotifyProfile) => ({ id: profile.id, name: profile.display_name ?? profile.id }),
      }),
    ],
    callbacks: {
      signIn: ({ profile }) => allowSignIn(profile),
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
        // The anonymous session ends; the browser gets a new one for the account's owner.
        const previous = store.get(OWNER_COOKIE)?.value;
        if (previous) await endSession(db, previous);
        const session = await startSession(db, user.ownerId);
        store.set(OWNER_COOKIE, session.value, {
          httpOnly: true,
          sameSite: 'lax',
          path: '/',
          maxAge: Math.floor(session.maxAgeSec),
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
        // Signing out leaves this browser anonymous again: the account's montages stay with the account,
        // and the session is revoked on the server, so a copy of the cookie proves nothing either.
        const store = await cookies();
        const value = store.get(OWNER_COOKIE)?.value;
        if (value) await endSession(db, value);
        store.delete(OWNER_COOKIE);
      },
    },
  };
}
