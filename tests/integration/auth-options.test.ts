import { createHmac } from 'node:crypto';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Account } from 'next-auth';
import * as montagesRoute from '../../app/api/montages/route';
import * as montageRoute from '../../app/api/montages/[id]/route';
import { getDb } from '../../db/client';
import { getTokens } from '../../db/queries/users';
import { SPOTIFY_SCOPES } from '../../lib/spotify/scopes';
import { Visitor } from './api-client';

/**
 * Signing in and out as next-auth runs it (the options Montage gives it, their callbacks called as
 * next-auth calls them): what is stored, which cookie the browser gets, what the session shows.
 * The whole browser round trip is tests/e2e/spotify-journey.test.ts.
 */

// The browser's cookies as next/headers gives them to a callback.
const jar = vi.hoisted(() => ({ values: new Map<string, string>(), sets: [] as { name: string; value: string; options: Record<string, unknown> }[] }));
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (jar.values.has(name) ? { name, value: jar.values.get(name)! } : undefined),
    set: (name: string, value: string, options: Record<string, unknown>) => {
      jar.values.set(name, value);
      jar.sets.push({ name, value, options });
    },
    delete: (name: string) => void jar.values.delete(name),
  }),
}));

// Set before any module reads the environment (the routes imported above read it at load).
const { ACCOUNTS, API } = vi.hoisted(() => {
  const hosts = { ACCOUNTS: 'http://127.0.0.1:9/accounts', API: 'http://127.0.0.1:9/api' };
  Object.assign(process.env, {
    SPOTIFY_CLIENT_ID: 'montage-client',
    SPOTIFY_CLIENT_SECRET: 'montage-secret',
    SPOTIFY_ACCOUNTS_BASE_URL: hosts.ACCOUNTS,
    SPOTIFY_API_BASE_URL: hosts.API,
    NEXTAUTH_URL: 'http://127.0.0.1:3000',
  });
  delete process.env.NEXTAUTH_SECRET;
  return hosts;
});
let auth: typeof import('../../lib/server/auth');
let session: typeof import('../../lib/server/owner-session');
let env: typeof import('../../lib/server/env').env;

beforeAll(async () => {
  auth = await import('../../lib/server/auth');
  session = await import('../../lib/server/owner-session');
  env = (await import('../../lib/server/env')).env;
});

beforeEach(() => {
  jar.values.clear();
  jar.sets.length = 0;
});

const account = (overrides: Partial<Account> = {}): Account => ({
  provider: 'spotify',
  type: 'oauth',
  providerAccountId: 'apollo',
  access_token: 'access-1',
  refresh_token: 'refresh-1',
  scope: SPOTIFY_SCOPES.join(' '),
  expires_at: 2_000_000_000,
  ...overrides,
});

async function jwt(input: { account?: Account | null; profile?: unknown; token?: Record<string, unknown> }) {
  const options = await auth.getAuthOptions();
  return options.callbacks!.jwt!({ token: input.token ?? {}, account: input.account ?? null, profile: input.profile as never, user: { id: 'x' } } as never);
}

/** An anonymous visitor with a montage; the jar holds its owner cookie as the browser would send it. */
async function anonymousWithMontage() {
  const visitor = new Visitor();
  const created = await visitor.call(montagesRoute.POST, 'POST', { body: { mode: 'circuit', lengthMin: 20 } });
  expect(created.status).toBe(201);
  const [name, value] = visitor.cookie!.split('=');
  jar.values.set(name!, value!);
  return { visitor, montageId: created.body.id as string, cookieValue: value! };
}

describe('signing in with Spotify (next-auth’s jwt callback)', () => {
  afterEach(() => {
    env.MONTAGE_SECURE_COOKIES = 'false';
  });

  it('stores the tokens, keeps the anonymous montages with the account, ends the anonymous session and sets a new owner cookie', async () => {
    const db = await getDb();
    const before = await anonymousWithMontage();
    const token = await jwt({ account: account({ providerAccountId: 'apollo-1' }), profile: { id: 'apollo-1', display_name: 'Apollo Creed' } });
    expect(token).toEqual({ sub: 'apollo-1', name: 'Apollo Creed', userId: expect.any(String) });

    const stored = await getTokens(db, token.userId as string);
    expect(stored).toMatchObject({ accessToken: 'access-1', refreshToken: 'refresh-1', scope: SPOTIFY_SCOPES.join(' '), needsReconnect: false });
    expect(stored!.expiresAt).toEqual(new Date(2_000_000_000 * 1000));

    expect(jar.sets).toHaveLength(1);
    const [set] = jar.sets;
    expect(set!.name).toBe('montage_owner');
    expect(set!.value).not.toBe(before.cookieValue);
    expect(set!.options).toEqual({ httpOnly: true, sameSite: 'lax', path: '/', maxAge: 180 * 24 * 3600, secure: false });
    // The old cookie proves nothing any more; the new one opens the montage made before sign-in.
    expect(await session.resolveOwner(db, before.cookieValue)).toBeNull();
    const signedIn = new Visitor();
    signedIn.cookie = `montage_owner=${set!.value}`;
    expect((await signedIn.call(montageRoute.GET, 'GET', { params: { id: before.montageId } })).status).toBe(200);
    expect((await before.visitor.call(montageRoute.GET, 'GET', { params: { id: before.montageId } })).status).toBe(404);
  });

  it('marks the cookie Secure when the service says it is served over HTTPS', async () => {
    env.MONTAGE_SECURE_COOKIES = 'true';
    await jwt({ account: account({ providerAccountId: 'apollo-2' }), profile: { id: 'apollo-2', display_name: 'Apollo' } });
    expect(jar.sets[0]!.options.secure).toBe(true);
  });

  it('signs in a browser with no owner cookie yet, with what Spotify left out filled in: an hour’s expiry, no scope, the account id as the name', async () => {
    const db = await getDb();
    const startedAt = Date.now();
    const token = await jwt({ account: account({ providerAccountId: 'drago', expires_at: undefined, scope: undefined }) });
    expect(token).toEqual({ sub: 'drago', name: 'drago', userId: expect.any(String) });
    const stored = await getTokens(db, token.userId as string);
    expect(stored!.scope).toBe('');
    const expiresAt = stored!.expiresAt.getTime();
    expect(expiresAt).toBeGreaterThanOrEqual(Math.floor(startedAt / 1000) * 1000 + 3600_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 3600_000);
    expect(jar.sets).toHaveLength(1);
    expect(await session.resolveOwner(db, jar.sets[0]!.value)).toEqual(expect.any(String));
  });

  it('leaves the token as it is on every later request, and for a sign-in without both Spotify tokens', async () => {
    const later = { sub: 'apollo', name: 'Apollo', userId: 'u-1' };
    expect(await jwt({ token: later })).toBe(later);
    for (const partial of [account({ provider: 'github' }), account({ access_token: undefined }), account({ refresh_token: undefined })]) {
      expect(await jwt({ token: later, account: partial, profile: { id: 'apollo' } })).toBe(later);
    }
    expect(jar.sets).toEqual([]);
  });
});

describe('the session next-auth shows the browser, and signing out', () => {
  it('shows the name and nothing of the tokens', async () => {
    const options = await auth.getAuthOptions();
    const shown = await options.callbacks!.session!({ session: { expires: '2026-12-30T00:00:00.000Z', user: {} }, token: { name: 'Apollo', sub: 'apollo', userId: 'u-1' } } as never);
    expect(shown).toEqual({ expires: '2026-12-30T00:00:00.000Z', user: { name: 'Apollo' } });
    const unnamed = await options.callbacks!.session!({ session: { expires: '2026-12-30T00:00:00.000Z' }, token: {} } as never);
    expect(unnamed).toEqual({ expires: '2026-12-30T00:00:00.000Z', user: { name: null } });
  });

  it('signing out ends the owner session on the server and removes the cookie; with no cookie it only removes it', async () => {
    const db = await getDb();
    const { cookieValue } = await anonymousWithMontage();
    const options = await auth.getAuthOptions();
    await options.events!.signOut!({ token: {}, session: null } as never);
    expect(jar.values.has('montage_owner')).toBe(false);
    expect(await session.resolveOwner(db, cookieValue)).toBeNull();
    await expect(options.events!.signOut!({ token: {}, session: null } as never)).resolves.toBeUndefined();
  });
});

describe('the options Montage gives next-auth', () => {
  it('points the Spotify provider at the configured hosts, with the app’s scopes, PKCE and state', async () => {
    const options = await auth.getAuthOptions();
    const provider = (options.providers[0] as unknown as { options: Record<string, any> }).options;
    expect(provider.clientId).toBe('montage-client');
    expect(provider.clientSecret).toBe('montage-secret');
    expect(provider.authorization).toEqual({ url: `${ACCOUNTS}/authorize`, params: { scope: 'user-library-read playlist-read-private playlist-modify-private' } });
    expect(provider.token).toBe(`${ACCOUNTS}/api/token`);
    expect(provider.userinfo.url).toBe(`${API}/v1/me`);
    expect(provider.checks).toEqual(['pkce', 'state']);
    expect(provider.profile({ id: 'apollo', display_name: 'Apollo Creed' })).toEqual({ id: 'apollo', name: 'Apollo Creed' });
    expect(provider.profile({ id: 'apollo', display_name: null })).toEqual({ id: 'apollo', name: 'apollo' });
  });

  it('keeps sessions in a JWT for 30 days, signed with a secret derived from the stored cookie secret when NEXTAUTH_SECRET is unset', async () => {
    const db = await getDb();
    const options = await auth.getAuthOptions();
    expect(options.session).toEqual({ strategy: 'jwt', maxAge: 30 * 24 * 3600 });
    const cookieSecret = await session.getCookieSecret(db);
    expect(options.secret).toBe(createHmac('sha256', cookieSecret).update('next-auth').digest('base64url'));
    expect(options.secret).not.toBe(cookieSecret);
    expect((await auth.getAuthOptions()).secret).toBe(options.secret);
    env.NEXTAUTH_SECRET = 'a'.repeat(40);
    try {
      expect((await auth.getAuthOptions()).secret).toBe('a'.repeat(40));
    } finally {
      env.NEXTAUTH_SECRET = undefined;
    }
  });

  it('counts Spotify as configured only with a client id, its secret and the public address', () => {
    expect(auth.isSpotifyConfigured()).toBe(true);
    for (const key of ['SPOTIFY_CLIENT_ID', 'SPOTIFY_CLIENT_SECRET', 'NEXTAUTH_URL'] as const) {
      const kept = env[key];
      env[key] = undefined;
      try {
        expect(auth.isSpotifyConfigured()).toBe(false);
      } finally {
        env[key] = kept;
      }
    }
  });

  it('reads the profile through the app’s Spotify client and says so when Spotify is not configured', async () => {
    const kept = env.SPOTIFY_CLIENT_ID;
    env.SPOTIFY_CLIENT_ID = undefined;
    try {
      await expect(auth.readSpotifyProfile('any-token')).rejects.toThrow('Spotify is not configured');
    } finally {
      env.SPOTIFY_CLIENT_ID = kept;
    }
  });
});
