import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startFakeDeezer, type FakeDeezer } from '../fakes/deezer/server';
import { ROCKY_IV_TRACKS, startFakeSpotify, type FakeSpotify } from '../fakes/spotify';
import { startFakeSpotifyEmbed, type FakeSpotifyEmbed } from '../fakes/spotify-embed/server';
import { startAppServer, type AppServer } from '../support/app-server';
import { launchChromium } from '../support/browser';
import { eventually, HomePage, MontagePage, TrainPage } from './pages';

let spotify: FakeSpotify;
let deezer: FakeDeezer;
let embed: FakeSpotifyEmbed;
let server: AppServer;
let browser: Browser;

/** The tempo the fake Deezer knows for each soundtrack track: 100 + its track number. */
const deezerBpmOf = (trackNumber: number) => 100 + trackNumber;

beforeAll(async () => {
  spotify = await startFakeSpotify({});
  deezer = await startFakeDeezer();
  embed = await startFakeSpotifyEmbed();
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
    SPOTIFY_EMBED_BASE_URL: embed.baseUrl,
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await deezer?.close();
  await embed?.close();
  await spotify?.close();
});


/** Builds a montage and waits until the background resolution has put every track on Spotify. */
async function buildResolvedMontage(home: HomePage, lengthMin: number): Promise<MontagePage> {
  await home.open();
  const montage = await home.build('Rocky circuit', lengthMin);
  const titles = await montage.trackTitles();
  await eventually(async () => {
    await montage.page.reload();
    return montage.page.getByRole('link', { name: 'Listen on Spotify' }).count();
  }, 30_000).toBe(titles.length);
  return montage;
}

describe('looking up missing tempos by ISRC (no account)', () => {
  it('fills every soundtrack tempo the catalog lacks from the public source, with a progress bar, through a quota error', async () => {
    const page = await (await browser.newContext()).newPage();
    const home = new HomePage(page, server.baseUrl);
    // The soundtrack is resolved on Spotify in the background (app token): its ISRCs arrive, and
    // the tracks whose tempo the catalog does not know can be looked up.
    const montage = await buildResolvedMontage(home, 60);
    const lookUp = page.getByRole('button', { name: /^Look up \d+ missing tempos? by ISRC \(Deezer\)$/ });
    expect(await lookUp.count()).toBe(1);
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

type EmbedCall = [method: string, uri: string, startAtSec?: number];

describe('music on the workout page, through Spotify’s embedded player', () => {
  it('a shared link (no account) plays each track as the workout reaches it, and pauses with it', async () => {
    const owner = await (await browser.newContext()).newPage();
    const montage = await buildResolvedMontage(new HomePage(owner, server.baseUrl), 45);
    const api = await owner.request.get(`${server.baseUrl}/api/montages/${owner.url().split('/').pop()}`);
    const { montage: stored } = (await api.json()) as { montage: { entries: { track: { title: string; spotifyId: string } }[] } };
    const [first, second] = stored.entries.map((e) => ({ title: e.track.title, uri: `spotify:track:${e.track.spotifyId}` }));
    const link = await montage.createShareLink();

    // A visitor with no cookies and no account opens the link and starts the workout.
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(link);
    const train: TrainPage = await new MontagePage(visitor).startWorkout();
    await visitor.getByTitle('Spotify Embed').waitFor();
    const calls = () => visitor.evaluate(() => (window as unknown as { __spotifyEmbedFake?: { calls: EmbedCall[] } }).__spotifyEmbedFake?.calls ?? []);
    expect(await calls()).toEqual([]);

    await train.start();
    await eventually(calls).toEqual([
      ['loadUri', first!.uri, 0],
      ['play', first!.uri],
    ]);
    const playback = visitor.getByTestId('spotify-playback');
    await eventually(() => playback.textContent()).toMatch(/^Spotify: 0:0[1-9] of 0:30 · a 30-second preview/);

    // Skip to the second track: the cue and the music change together.
    const nowPlaying = visitor.getByRole('region', { name: 'Current interval' });
    while (!(await nowPlaying.textContent())?.includes(`♪ ${second!.title} —`)) {
      expect((await calls()).some(([, uri]) => uri === second!.uri)).toBe(false);
      await visitor.getByRole('button', { name: 'Next interval' }).click();
    }
    await eventually(async () => (await calls()).slice(-2)).toEqual([
      ['loadUri', second!.uri, 0],
      ['play', second!.uri],
    ]);

    await train.pause();
    await eventually(async () => (await calls()).at(-1)).toEqual(['pause', second!.uri]);
    await eventually(() => playback.textContent()).toContain('· paused');
    expect(embed.requests).toContain('/embed/iframe-api/v1');

    // Resuming continues the track (resume), it does not start it again from where loadUri put it (play).
    const pausedAt = (await playback.textContent())!.match(/^Spotify: (\d+:\d\d)/)![1]!;
    await train.start();
    await eventually(async () => (await calls()).at(-1)).toEqual(['resume', second!.uri]);
    await eventually(() => playback.textContent()).not.toContain('· paused');
    expect(((await playback.textContent())!.match(/^Spotify: (\d+:\d\d)/)![1]! >= pausedAt)).toBe(true);
  });

  it('follows a full track heard in Spotify (listener logged in): while the track buffers the workout waits with it, and moving the workout seeks the music', async () => {
    const page = await (await browser.newContext()).newPage();
    const montage = await buildResolvedMontage(new HomePage(page, server.baseUrl), 45);
    const api = await page.request.get(`${server.baseUrl}/api/montages/${page.url().split('/').pop()}`);
    const { montage: stored } = (await api.json()) as { montage: { entries: { track: { spotifyId: string; durationMs: number } }[] } };
    embed.setListener({ fullTrackMs: Object.fromEntries(stored.entries.map((e) => [`spotify:track:${e.track.spotifyId}`, e.track.durationMs])), bufferingMs: 3000 });
    try {
      const train = await montage.startWorkout();
      await page.getByTitle('Spotify Embed').waitFor();
      // Timed from the click: the buffering starts with it, whatever the click's own round trip takes.
      const startedAt = Date.now();
      await train.start();
      const playback = page.getByTestId('spotify-playback');
      await eventually(() => playback.textContent(), 15_000).toMatch(/^Spotify: 0:03 of \d+:\d\d$/);
      const wallSec = (Date.now() - startedAt) / 1000;
      const done = (await page.getByRole('region', { name: 'Progress' }).getByText(/ done$/).textContent()) ?? '';
      const seconds = (clock: string) => clock.split(':').reduce((total, part) => total * 60 + Number(part), 0);
      const doneSec = seconds(done.replace(' done', ''));
      console.log(`\nFull track with 3 s of buffering: ${wallSec.toFixed(1)} s after Start the music showed 0:03 and the workout ${done}\n`);
      // The page's own clock would be at the wall time (> 5 s); the workout is where the music is.
      expect(wallSec).toBeGreaterThanOrEqual(4.9);
      expect(Math.abs(doneSec - 3)).toBeLessThanOrEqual(1);
      expect(await playback.textContent()).not.toContain('preview');

      // Moving the workout moves the music (a seek in the same track), and the clock keeps the move.
      const nextExercise = ((await page.getByTestId('next-exercise').textContent()) ?? '').match(/^Next: (.+?) in /)![1]!;
      const calls = () => page.evaluate(() => (window as unknown as { __spotifyEmbedFake: { calls: EmbedCall[] } }).__spotifyEmbedFake.calls);
      const firstUri = `spotify:track:${stored.entries[0]!.track.spotifyId}`;
      await page.getByRole('button', { name: 'Next interval' }).click();
      await eventually(async () => (await calls()).at(-1)).toEqual(['seek', firstUri, expect.any(Number)]);
      const seekSec = (await calls()).at(-1)![2]!;
      expect(seekSec).toBeGreaterThan(3);
      await page.waitForTimeout(2500);
      expect(await train.currentExercise()).toBe(nextExercise);
      const doneAfter = seconds(((await page.getByRole('region', { name: 'Progress' }).getByText(/ done$/).textContent()) ?? '').replace(' done', ''));
      expect(doneAfter).toBeGreaterThanOrEqual(seekSec);
    } finally {
      embed.setListener({});
    }
  });

  it('says so when Spotify’s player never becomes ready, and the workout runs on its own clock', async () => {
    embed.setListener({ neverReady: true });
    try {
      const page = await (await browser.newContext()).newPage();
      const montage = await buildResolvedMontage(new HomePage(page, server.baseUrl), 30);
      const train = await montage.startWorkout();
      await page.getByTestId('spotify-embed-problem').getByText(/Spotify’s player did not start/).waitFor({ timeout: 20_000 });
      const before = await train.countdownMs();
      await train.start();
      await eventually(() => train.countdownMs(), 5_000).toBeLessThan(before);
    } finally {
      embed.setListener({});
    }
  });

  it('says to tap the player when the browser blocks play() without a tap, and the workout runs on', async () => {
    embed.setListener({ blocksPlayWithoutTap: true });
    try {
      const page = await (await browser.newContext()).newPage();
      const montage = await buildResolvedMontage(new HomePage(page, server.baseUrl), 30);
      const train = await montage.startWorkout();
      await page.getByTitle('Spotify Embed').waitFor();
      expect(await page.getByTestId('spotify-embed-blocked').count()).toBe(0);
      const before = await train.countdownMs();
      await train.start();
      await page.getByTestId('spotify-embed-blocked').getByText(/tap ▶ in the Spotify player/).waitFor({ timeout: 10_000 });
      expect(await train.countdownMs()).toBeLessThan(before);
      // Pausing the workout takes the message away: nothing is being asked of the player.
      await train.pause();
      await eventually(() => page.getByTestId('spotify-embed-blocked').count()).toBe(0);
    } finally {
      embed.setListener({});
    }
  });

  it('ignores a late report about the previous track after moving to the next one (playingURI)', async () => {
    const page = await (await browser.newContext()).newPage();
    await buildResolvedMontage(new HomePage(page, server.baseUrl), 45);
    const api = await page.request.get(`${server.baseUrl}/api/montages/${page.url().split('/').pop()}`);
    const { montage: stored } = (await api.json()) as { montage: { entries: { track: { title: string; spotifyId: string; durationMs: number } }[] } };
    const fullTrackMs = Object.fromEntries(stored.entries.map((e) => [`spotify:track:${e.track.spotifyId}`, e.track.durationMs]));
    embed.setListener({ fullTrackMs, lateReportOfPreviousTrack: true });
    try {
      await page.reload();
      const train = await new MontagePage(page).startWorkout();
      await page.getByTitle('Spotify Embed').waitFor();
      await train.start();
      const [first, second] = stored.entries;
      const format = (ms: number) => `${Math.floor(ms / 60_000)}:${String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0')}`;
      const nowPlaying = page.getByRole('region', { name: 'Current interval' });
      while (!(await nowPlaying.textContent())?.includes(`♪ ${second!.track.title} —`)) {
        await page.getByRole('button', { name: 'Next interval' }).click();
      }
      const seen = new Set<string>();
      for (let i = 0; i < 20; i++) {
        seen.add((await page.getByTestId('spotify-playback').textContent().catch(() => '')) ?? '');
        await page.waitForTimeout(50);
      }
      expect([...seen].some((text) => text.includes(`of ${format(first!.track.durationMs)}`) && first!.track.durationMs !== second!.track.durationMs)).toBe(false);
      expect([...seen].some((text) => text.includes(`of ${format(second!.track.durationMs)}`))).toBe(true);
    } finally {
      embed.setListener({});
    }
  });
});
