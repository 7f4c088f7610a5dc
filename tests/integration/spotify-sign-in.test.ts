import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSpotify, type FakeSpotify } from '../fakes/spotify';
import { spotifyEnv } from './spotify-accounts';

/**
 * Signing in with Spotify as Spotify really answers in Development Mode: an account the app's
 * owner did not add may consent, then gets 403 on /v1/me. It must land on a page that says so.
 * (spotify-*.test.ts run on PGlite only: the sign-in stores nothing for a refused account.)
 */
let fake: FakeSpotify;
let auth: typeof import('../../lib/server/auth');

beforeAll(async () => {
  fake = await startFakeSpotify({ redirectUris: ['http://127.0.0.1:3000/api/auth/callback/spotify'] });
  Object.assign(process.env, spotifyEnv(fake), {
    NEXTAUTH_URL: 'http://127.0.0.1:3000',
  });
  auth = await import('../../lib/server/auth');
});

afterAll(async () => {
  await fake?.close();
});

describe('Spotify Development Mode', () => {
  it('an account outside the allow-list is sent to a page that explains it, not next-auth’s stock page', async () => {
    const outsider = fake.seedUser({ isAllowListed: false });
    const options = await auth.getAuthOptions();
    const provider = options.providers[0] as unknown as { options: { userinfo: { request: (ctx: { tokens: { access_token: string } }) => Promise<unknown> } } };
    const profile = await provider.options.userinfo.request({ tokens: { access_token: outsider.accessToken } });
    expect(fake.requests({ path: '/v1/me' }).at(-1)!.status).toBe(403);
    const decision = await options.callbacks!.signIn!({ profile: profile as never, user: { id: 'x' }, account: null });
    expect(decision).toBe('/spotify/development-mode');

    const { default: Page } = await import('../../app/spotify/development-mode/page');
    const html = renderToStaticMarkup(createElement(Page));
    expect(html).toContain('This Montage is in Spotify Development Mode');
    expect(html).toMatch(/Ask the owner of this Montage to add your Spotify account/);
    expect(html).toMatch(/Everything else works without Spotify/);
  });

  it('an allow-listed account signs in as before', async () => {
    const member = fake.seedUser({ displayName: 'Apollo Creed' });
    const options = await auth.getAuthOptions();
    const provider = options.providers[0] as unknown as { options: { userinfo: { request: (ctx: { tokens: { access_token: string } }) => Promise<unknown> } } };
    const profile = await provider.options.userinfo.request({ tokens: { access_token: member.accessToken } });
    expect(profile).toMatchObject({ id: member.user.id, display_name: 'Apollo Creed' });
    expect(await options.callbacks!.signIn!({ profile: profile as never, user: { id: member.user.id }, account: null })).toBe(true);
  });

  it('a token Spotify does not accept is an error for next-auth, not the Development Mode page', async () => {
    const options = await auth.getAuthOptions();
    const provider = options.providers[0] as unknown as { options: { userinfo: { request: (ctx: { tokens: { access_token?: string } }) => Promise<unknown> } } };
    await expect(provider.options.userinfo.request({ tokens: { access_token: 'never-issued' } })).rejects.toMatchObject({ name: 'SpotifyError', status: 401 });
    await expect(provider.options.userinfo.request({ tokens: {} })).rejects.toMatchObject({ name: 'SpotifyError', status: 401 });
    expect(fake.requests({ path: '/v1/me' }).at(-1)!.status).toBe(401);
  });

  it('other sign-in failures land on Montage’s own page, not next-auth’s', async () => {
    const options = await auth.getAuthOptions();
    expect(options.pages).toMatchObject({ signIn: '/spotify/sign-in-problem', error: '/spotify/sign-in-problem' });
    const { default: Page } = await import('../../app/spotify/sign-in-problem/page');
    expect(renderToStaticMarkup(createElement(Page))).toContain('Everything else works without Spotify');
  });
});
