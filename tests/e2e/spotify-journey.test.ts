import { afterEach, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startFakeSpotify, type FakeSpotify } from '../fakes/spotify';
import { startAppServer, type AppServer } from '../support/app-server';
import { launchChromium } from '../support/browser';
import { HomePage, MontagePage } from './pages';
import { SpotifyPanel } from './spotify-pages';

const LIBRARY_SIZE = 1000;
let fake: FakeSpotify | undefined;
let server: AppServer | undefined;
let browser: Browser | undefined;

afterEach(async () => {
  await browser?.close();
  await server?.stop();
  await fake?.close();
});


async function startAgainstFake(fakeOptions: Parameters<typeof startFakeSpotify>[0]) {
  fake = await startFakeSpotify(fakeOptions);
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
  return { fake, server, browser };
}

/**
 * Sign in on the fake's authorize page → import 1,000 liked songs with the bar moving → build a
 * montage from library + soundtrack → save to Spotify (in order) → save again (still one playlist).
 */
async function signInImportBuildSave({ fake, server, browser }: { fake: FakeSpotify; server: AppServer; browser: Browser }) {
  const seeded = fake.seedUser({ id: 'rocky-balboa', displayName: 'Rocky Balboa', library: LIBRARY_SIZE });
  const page = await (await browser.newContext()).newPage();
  const home = new HomePage(page, server.baseUrl);
  await home.open();
  const spotify = new SpotifyPanel(page);
  await spotify.connect();

  // Each page of 50 answers after 150 ms, as a real network would: the bar has time to move.
  fake.inject({ method: 'GET', path: '/v1/me/tracks', times: LIBRARY_SIZE / 50, fault: { kind: 'slow', delayMs: 150 } });
  fake.clearLog();
  const seen = await spotify.importLikedSongs();
  expect(seen.some((v) => v > 0 && v < LIBRARY_SIZE)).toBe(true);
  const pageRequests = fake.requests({ method: 'GET', path: '/v1/me/tracks' }).filter((r) => r.status === 200);
  expect(pageRequests).toHaveLength(LIBRARY_SIZE / 50);

  await home.open();
  const montage = await home.build('Rocky circuit', 60);
  const titles = await montage.trackTitles();
  expect(titles).toContain('Eye of the Tiger');
  expect(titles.length).toBeGreaterThan(9); // the soundtrack alone is 39 minutes

  const first = await spotify.saveToSpotify();
  expect(first).toMatch(/Playlist created/);
  const playlists = fake.playlistsOf(seeded.user.id);
  expect(playlists).toHaveLength(1);
  const api = await page.request.get(`${server.baseUrl}/api/montages/${page.url().split('/').pop()}`);
  const { montage: stored } = (await api.json()) as { montage: { entries: { track: { spotifyId: string | null } }[] } };
  const expectedUris = stored.entries.filter((e) => e.track.spotifyId).map((e) => `spotify:track:${e.track.spotifyId}`);
  expect(expectedUris.length).toBe(titles.length);
  expect(fake.playlistUris(playlists[0]!.id)).toEqual(expectedUris);

  await montage.moveUp(titles[1]!);
  expect(await spotify.saveToSpotify()).toMatch(/Playlist updated/);
  expect(fake.playlistsOf(seeded.user.id)).toHaveLength(1);
  expect(fake.playlistUris(playlists[0]!.id)).toEqual([expectedUris[1], expectedUris[0], ...expectedUris.slice(2)]);
  return { page, home, spotify, seeded, playlistId: playlists[0]!.id };
}

describe('Spotify, against the fake', () => {
  it('signs in, imports 1,000 liked songs, saves the montage as one playlist in order, and keeps it all across sign-out', async () => {
    const { page, home, spotify } = await signInImportBuildSave(await startAgainstFake({}));
    // The workout is kept on this device for offline use … until its owner signs out.
    const train = await new MontagePage(page).startWorkout();
    await train.waitUntilReadyOffline();
    const offlineCaches = () => page.evaluate(() => caches.keys());
    expect(await offlineCaches()).toContain('montage-pages-v1');
    await home.open();
    await spotify.signOut();
    expect(await offlineCaches()).not.toContain('montage-pages-v1');
    expect(await page.getByRole('heading', { name: 'Your montages' }).count()).toBe(0);
    await spotify.connect();
    await page.getByRole('heading', { name: 'Your montages' }).waitFor();
    expect(await page.getByRole('link', { name: /Rocky circuit · 60 min/ }).count()).toBe(1);
  });

  it('gives the same result with 5-second tokens and injected 429s', async () => {
    const context = await startAgainstFake({ accessTokenLifetimeSec: 5 });
    context.fake.inject({ method: 'GET', path: '/v1/me/tracks', times: 2, fault: { kind: 'rate_limited', retryAfterSec: 1 } });
    context.fake.inject({ path: /^\/v1\/playlists\/[^/]+\/items$/, times: 1, fault: { kind: 'rate_limited', retryAfterSec: 1 } });
    await signInImportBuildSave(context);
    const refreshes = context.fake.requests({ method: 'POST', path: '/api/token' });
    expect(refreshes.length).toBeGreaterThan(0);
  });
});
