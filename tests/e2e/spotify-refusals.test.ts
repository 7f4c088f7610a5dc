import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startFakeSpotify, type FakeSpotify } from '../fakes/spotify';
import { startAppServer, type AppServer } from '../support/app-server';
import { launchChromium } from '../support/browser';
import { SPOTIFY_MESSAGES } from '../../lib/spotify/errors';
import { HomePage } from './pages';
import { SpotifyPanel } from './spotify-pages';

/**
 * Spotify's refusals as a person meets them in the built app (`next build` + `next start`). The
 * production build bundles the Spotify adapter made at server start (instrumentation) apart from
 * the route code, each with its own copy of the error class, so only a test against the built
 * server sees whether a refusal is still recognised as one (issue 32, item 1): before, the
 * outsider got "Connecting Spotify did not work", the import stopped with no reason and the
 * save answered 500.
 */
let fake: FakeSpotify;
let server: AppServer;
let browser: Browser;

beforeAll(async () => {
  fake = await startFakeSpotify({});
  const spotify = fake;
  server = await startAppServer((baseUrl) => {
    spotify.allowRedirectUri(`${baseUrl}/api/auth/callback/spotify`);
    return {
      SPOTIFY_CLIENT_ID: spotify.clientId,
      SPOTIFY_CLIENT_SECRET: spotify.clientSecret,
      SPOTIFY_ACCOUNTS_BASE_URL: spotify.accountsBaseUrl,
      SPOTIFY_API_BASE_URL: spotify.apiBaseUrl,
      NEXTAUTH_URL: baseUrl,
    };
  });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await fake?.close();
});

/** A fresh browser on the home page, signed in on the fake as `userId` (picked on its authorize page). */
async function signInAs(userId: string): Promise<{ page: Page; home: HomePage; spotify: SpotifyPanel }> {
  const page = await (await browser.newContext()).newPage();
  const home = new HomePage(page, server.baseUrl);
  await home.open();
  await page.getByRole('button', { name: /^Connect Spotify/ }).click();
  await page.locator('#user_id').selectOption(userId);
  await page.getByRole('button', { name: 'Agree' }).click();
  return { page, home, spotify: new SpotifyPanel(page) };
}

describe('Spotify refusals in the built app', () => {
  it('an account outside the Development Mode allow-list lands on the page that explains it', async () => {
    const outsider = fake.seedUser({ displayName: 'Ivan Drago', isAllowListed: false });
    const { page } = await signInAs(outsider.user.id);
    await page.waitForURL(/\/spotify\/(development-mode|sign-in-problem)/, { timeout: 20_000 });
    expect(new URL(page.url()).pathname).toBe('/spotify/development-mode');
    await page.getByText('This Montage is in Spotify Development Mode').waitFor();
    await page.context().close();
  });

  it('an import Spotify refuses stops with Spotify’s reason shown', async () => {
    const member = fake.seedUser({ displayName: 'Paulie', library: 120 });
    const { page } = await signInAs(member.user.id);
    await page.getByText('Connected as').waitFor({ timeout: 20_000 });
    fake.inject({ method: 'GET', path: '/v1/me/tracks', times: 1, fault: { kind: 'forbidden' } });
    await page.getByRole('button', { name: 'Import liked songs' }).click();
    await page.getByTestId('import-status').getByText(/\(stopped\)/).waitFor({ timeout: 30_000 });
    expect(await page.getByRole('alert').allTextContents()).toContain(SPOTIFY_MESSAGES.forbidden);
    await page.context().close();
  });

  it('a save Spotify refuses (403) answers a clear 4xx with Spotify’s reason, not a 500', async () => {
    const member = fake.seedUser({ displayName: 'Adrian', library: fake.rockyIvTracks });
    const { page, home } = await signInAs(member.user.id);
    await page.getByText('Connected as').waitFor({ timeout: 20_000 });
    await home.build('Rocky circuit', 20);
    fake.inject({ method: 'POST', path: '/v1/me/playlists', times: 1, fault: { kind: 'forbidden' } });
    const answered = page.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/montages\/[^/]+\/spotify$/.test(r.url()));
    await page.getByRole('button', { name: 'Save to Spotify' }).click();
    const response = await answered;
    expect(response.status()).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'forbidden', message: SPOTIFY_MESSAGES.forbidden } });
    await page.getByRole('region', { name: 'Save to Spotify' }).getByRole('alert').getByText(SPOTIFY_MESSAGES.forbidden).waitFor();
    expect(fake.playlistsOf(member.user.id)).toHaveLength(0);
    await page.context().close();
  });
});
