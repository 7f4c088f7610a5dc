import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startFakeDeezer, type FakeDeezer } from '../fakes/deezer/server';
import { ROCKY_IV_TRACKS, startFakeSpotify, type FakeSpotify } from '../fakes/spotify';
import { startAppServer, type AppServer } from '../support/app-server';
import { launchChromium } from '../support/browser';
import { eventually, HomePage } from './pages';

let spotify: FakeSpotify;
let deezer: FakeDeezer;
let server: AppServer;
let browser: Browser;

/** The tempo the fake Deezer knows for each soundtrack track: 100 + its track number. */
const deezerBpmOf = (trackNumber: number) => 100 + trackNumber;

beforeAll(async () => {
  spotify = await startFakeSpotify({});
  deezer = await startFakeDeezer();
  for (const track of ROCKY_IV_TRACKS) {
    deezer.addTrack(track.isrc, { id: 9000 + track.trackNumber, title: track.name, artist: track.artists[0]!.name, bpm: deezerBpmOf(track.trackNumber), durationSec: Math.round(track.durationMs / 1000) });
  }
  // A tight quota (3 requests per 2 s) so the run meets Deezer's quota error and must wait it out.
  deezer.setQuota(3, 2000);
  server = await startAppServer({
    SPOTIFY_CLIENT_ID: spotify.clientId,
    SPOTIFY_CLIENT_SECRET: spotify.clientSecret,
    SPOTIFY_ACCOUNTS_BASE_URL: spotify.accountsBaseUrl,
    SPOTIFY_API_BASE_URL: spotify.apiBaseUrl,
    DEEZER_API_BASE_URL: deezer.baseUrl,
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await deezer?.close();
  await spotify?.close();
});

describe('looking up missing tempos by ISRC (no account)', () => {
  it('fills every soundtrack tempo the catalog lacks from the public source, with a progress bar, through a quota error', async () => {
    const page = await (await browser.newContext()).newPage();
    const home = new HomePage(page, server.baseUrl);
    await home.open();
    const montage = await home.build('Rocky circuit', 60);

    // The soundtrack is resolved on Spotify in the background (app token): its ISRCs arrive, and
    // the tracks whose tempo the catalog does not know can be looked up.
    const lookUp = page.getByRole('button', { name: /^Look up \d+ missing tempos? by ISRC \(Deezer\)$/ });
    await eventually(async () => {
      await page.reload();
      return lookUp.count();
    }, 30_000).toBe(1);
    const unknownTitles: string[] = [];
    for (const title of await montage.trackTitles()) {
      if ((await montage.entry(title).getByTestId('tempo').textContent())?.includes('tempo unknown')) unknownTitles.push(title);
    }
    expect(unknownTitles.length).toBeGreaterThanOrEqual(3);
    expect(await lookUp.textContent()).toBe(`Look up ${unknownTitles.length} missing tempos by ISRC (Deezer)`);

    deezer.requests.length = 0;
    await lookUp.click();
    const bar = page.getByRole('progressbar', { name: 'Looking up tempos' });
    const seen = new Set<string>();
    await eventually(async () => {
      seen.add((await bar.getAttribute('aria-valuenow')) ?? '');
      return page.getByText(/^Found \d+ tempos?/).count();
    }, 30_000).toBe(1);
    expect(await page.getByText(/^Found \d+ tempos?/).textContent()).toBe(`Found ${unknownTitles.length} tempos.`);
    // The bar moved through the run (it stopped part-way at the quota error, then carried on).
    expect([...seen].some((v) => Number(v) > 0 && Number(v) < unknownTitles.length)).toBe(true);
    expect(await bar.getAttribute('aria-valuenow')).toBe(String(unknownTitles.length));
    // Each ISRC was asked once, plus the one request the quota refused.
    expect(deezer.requests.length).toBeGreaterThan(unknownTitles.length);
    expect(new Set(deezer.requests).size).toBe(unknownTitles.length);

    for (const title of unknownTitles) {
      const number = ROCKY_IV_TRACKS.find((t) => t.name === title)!.trackNumber;
      await eventually(() => montage.entry(title).getByTestId('tempo').textContent()).toBe(`${deezerBpmOf(number)} BPM · public lookup`);
    }
    expect(await lookUp.count()).toBe(0);
  });
});
