import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONNECT_SCOPES,
  SPOTIFY_SCOPES,
  SpotifyError,
  nextPollDelayMs,
  workoutMsFromPlayback,
  type FollowedEntry,
  type PlaybackState,
} from '../../lib/spotify';
import { startFakeSpotify, type FakeSpotify } from '../fakes/spotify';
import { connect } from '../fakes/spotify/harness';

/**
 * "Follow my Spotify app" against the fake's Connect: devices, starting the montage's playlist on
 * one, and following what it plays — pause and skip in the app included — with the page's polling
 * schedule (nextPollDelayMs) run on the fake's clock. The cue error (when an interval boundary
 * passes in the music vs when the page's estimate passes it) and the requests per minute are
 * measured and printed; the assertions are about behaviour, not time.
 */
let fake: FakeSpotify;

beforeAll(async () => {
  fake = await startFakeSpotify();
});
afterAll(async () => {
  await fake.close();
});

const SCOPES = [...SPOTIFY_SCOPES, ...CONNECT_SCOPES];

async function listenerWithPlaylist(options: { product?: 'premium' | 'free' } = {}) {
  const seeded = fake.seedUser({ library: fake.rockyIvTracks, scopes: SCOPES });
  if (options.product) fake.setProduct(seeded.user.id, options.product);
  const harness = connect(fake, { user: seeded, retry: { maxRateLimitRetries: 0 } });
  const tracks = fake.rockyIvTracks.slice(0, 5);
  const uris = tracks.map((t) => `spotify:track:${t.id}`);
  const saved = await harness.adapter.savePlaylist({ name: 'Follow me', isPublic: false, uris });
  let startMs = 0;
  const entries: FollowedEntry[] = tracks.map((t, i) => {
    const entry = { trackUri: uris[i]!, startMs, durationMs: t.durationMs };
    startMs += t.durationMs;
    return entry;
  });
  return { seeded, ...harness, playlistUri: `spotify:playlist:${saved.playlist.id}`, uris, entries, totalMs: startMs };
}

describe('Connect: devices and starting the montage', () => {
  it('lists the open Spotify apps and starts the playlist on the chosen one at a track and position', async () => {
    const { adapter, seeded, playlistUri, uris } = await listenerWithPlaylist();
    expect(await adapter.getDevices()).toEqual([]);
    expect(await adapter.getPlaybackState()).toBeNull();
    const phone = fake.addDevice(seeded.user.id, { name: 'Rocky’s phone' });
    fake.addDevice(seeded.user.id, { name: 'Kitchen speaker', type: 'speaker' });
    expect((await adapter.getDevices()).map((d) => d.name)).toEqual(['Rocky’s phone', 'Kitchen speaker']);
    await adapter.startPlayback({ deviceId: phone.id, contextUri: playlistUri, offsetPosition: 2, positionMs: 15_000 });
    const state = (await adapter.getPlaybackState())!;
    expect(state).toMatchObject({ deviceId: phone.id, isPlaying: true, trackUri: uris[2], contextUri: playlistUri });
    expect(state.progressMs).toBeGreaterThanOrEqual(15_000);
    expect(fake.requests({ method: 'PUT', path: '/v1/me/player/play' })[0]!.requestBody).toEqual({ context_uri: playlistUri, offset: { position: 2 }, position_ms: 15_000 });
    await adapter.pausePlayback(phone.id);
    expect((await adapter.getPlaybackState())!.isPlaying).toBe(false);
    await adapter.resumePlayback(phone.id);
    expect((await adapter.getPlaybackState())!.isPlaying).toBe(true);
  });

  it('a free account is told Premium is needed (403 PREMIUM_REQUIRED), nothing else is tried', async () => {
    const { adapter, seeded, playlistUri } = await listenerWithPlaylist({ product: 'free' });
    const phone = fake.addDevice(seeded.user.id, { name: 'Phone' });
    fake.clearLog();
    const error = await adapter.startPlayback({ deviceId: phone.id, contextUri: playlistUri, offsetPosition: 0, positionMs: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyError);
    expect(error).toMatchObject({ code: 'premium_required', status: 403, message: expect.stringMatching(/Premium/) });
    expect(fake.log).toHaveLength(1);
  });

  it('with no Spotify app open: 404 NO_ACTIVE_DEVICE says to open Spotify', async () => {
    const { adapter } = await listenerWithPlaylist();
    const error = await adapter.resumePlayback('').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'no_active_device', status: 404, message: expect.stringMatching(/Open Spotify/) });
  });

  it('without the Connect scopes (asked only when turned on) the player answers 403', async () => {
    const seeded = fake.seedUser({ library: 3, scopes: [...SPOTIFY_SCOPES] });
    const error = await connect(fake, { user: seeded }).adapter.getDevices().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'forbidden' });
  });
});

interface Simulation {
  /** Per interval boundary crossed in the music: cue on the page minus boundary in the music (ms). */
  errors: { boundaryMs: number; errorMs: number; after: string }[];
  polls: number;
  minutes: number;
  /** The workout clock on the page and in the music when the run ended. */
  final: { pageMs: number; musicMs: number };
  rateLimited: number;
}

/**
 * Runs the page's follower on the fake's clock in 50 ms steps: it polls /me/player on the
 * schedule the hook uses, and its workout clock is `workoutMsFromPlayback` from the last answer.
 * `events` act in the Spotify app at given times (ms from the start; not on a poll's beat, as a
 * listener's taps are not). Boundaries every 30 s of workout time.
 */
async function follow(listener: Awaited<ReturnType<typeof listenerWithPlaylist>>, seconds: number, events: Record<number, (app: ReturnType<FakeSpotify['app']>) => void>): Promise<Simulation> {
  const { adapter, entries, seeded } = listener;
  const app = fake.app(seeded.user.id);
  const boundaries = Array.from({ length: Math.floor(listener.totalMs / 30_000) }, (_, i) => (i + 1) * 30_000);
  const truthAt = () => {
    const now = app.now();
    const entry = now && entries.find((e) => e.trackUri === now.uri);
    return entry ? entry.startMs + now.positionMs : 0;
  };
  const crossedInMusic = new Map<number, number>();
  const crossedOnPage = new Map<number, number>();
  let report: { state: PlaybackState; at: number } | null = null;
  let nextPollAt = fake.state.now();
  let polls = 0;
  let rateLimited = 0;
  let lastEvent = 'start';
  const lastEventAt = new Map<number, string>();
  const start = fake.state.now();
  let previousTruth = truthAt();
  let previousPage = 0;
  for (let step = 0; step * 50 <= seconds * 1000; step++) {
    const now = fake.state.now();
    const event = events[step * 50];
    if (event) {
      event(app);
      lastEvent = String(step * 50);
    }
    if (now >= nextPollAt) {
      polls += 1;
      try {
        const state = await adapter.getPlaybackState();
        if (state) report = { state, at: fake.state.now() };
        nextPollAt = fake.state.now() + nextPollDelayMs({ kind: 'ok', isPlaying: state?.isPlaying ?? false });
      } catch (error) {
        if (!(error instanceof SpotifyError) || error.code !== 'rate_limited') throw error;
        rateLimited += 1;
        nextPollAt = fake.state.now() + nextPollDelayMs({ kind: 'rate_limited', retryAfterSec: error.retryAfterSec });
      }
    }
    const truth = truthAt();
    const page = report ? (workoutMsFromPlayback(entries, report.state, fake.state.now() - report.at) ?? previousPage) : previousPage;
    for (const b of boundaries) {
      // A boundary passes in the music when it is reached by playing (not by a jump backwards), and on the page likewise.
      if (!crossedInMusic.has(b) && previousTruth < b && truth >= b) {
        crossedInMusic.set(b, fake.state.now());
        lastEventAt.set(b, lastEvent);
      }
      if (!crossedOnPage.has(b) && previousPage < b && page >= b) crossedOnPage.set(b, fake.state.now());
    }
    previousTruth = truth;
    previousPage = page;
    fake.advanceTime(50);
  }
  const errors = [...crossedInMusic].filter(([b]) => crossedOnPage.has(b)).map(([b, at]) => ({ boundaryMs: b, errorMs: crossedOnPage.get(b)! - at, after: lastEventAt.get(b) ?? '' }));
  return { errors, polls, minutes: (fake.state.now() - start) / 60_000, rateLimited, final: { pageMs: previousPage, musicMs: previousTruth } };
}

describe('Connect: the workout follows the Spotify app', () => {
  it('follows plain playback, a skip and a pause in the app; measures the cue error and the requests per minute', async () => {
    const listener = await listenerWithPlaylist();
    const phone = fake.addDevice(listener.seeded.user.id, { name: 'Phone' });
    await listener.adapter.startPlayback({ deviceId: phone.id, contextUri: listener.playlistUri, offsetPosition: 0, positionMs: 0 });
    fake.clearLog();
    const skipAt = 100_650;
    const pauseAt = 200_350;
    const resumeAt = 230_900;
    const result = await follow(listener, 420, {
      [skipAt]: (app) => app.skipToNext(),
      [pauseAt]: (app) => app.pause(),
      [resumeAt]: (app) => app.resume(),
    });
        const abs = result.errors.map((e) => Math.abs(e.errorMs));
    const plain = result.errors.filter((e) => e.after === 'start').map((e) => Math.abs(e.errorMs));
    const afterSkip = result.errors.filter((e) => e.after === String(skipAt)).map((e) => e.errorMs);
    const afterPause = result.errors.filter((e) => e.after === String(resumeAt)).map((e) => e.errorMs);
    const perMinute = fake.requests({ path: '/v1/me/player' }).length / result.minutes;
    console.log(
      JSON.stringify({
        measure: 'connect-cue-error',
        boundaries: result.errors.length,
        maxAbsMs: Math.max(...abs),
        meanAbsMs: Math.round(abs.reduce((a, b) => a + b, 0) / abs.length),
        plainPlaybackMaxAbsMs: Math.max(...plain),
        skipInAppErrorsMs: afterSkip,
        afterPauseAndResumeErrorsMs: afterPause,
        boundaryErrorsMs: result.errors.map((e) => e.errorMs),
        playerRequestsPerMinute: Math.round(perMinute * 10) / 10,
        pollMsPlaying: nextPollDelayMs({ kind: 'ok', isPlaying: true }),
      }),
    );
    expect(result.errors.length).toBeGreaterThan(8);
    // Every boundary the music reached, the page reached too; the skip put the workout on the next track, and after
    // the pause and resume the page is where the music is (to the 50 ms step of the run).
    expect(result.errors.map((e) => e.boundaryMs)).toEqual(Array.from({ length: result.errors.length }, (_, i) => (i + 1) * 30_000));
    expect(afterSkip.length).toBeGreaterThan(0);
    expect(Math.abs(result.final.pageMs - result.final.musicMs)).toBeLessThanOrEqual(50);
    // Polling stays within Spotify's limits: one request per poll, none in between.
    expect(fake.requests().filter((r) => r.path !== '/v1/me/player')).toHaveLength(0);
    expect(perMinute).toBeLessThanOrEqual(60_000 / nextPollDelayMs({ kind: 'ok', isPlaying: true }) + 1);
  });

  it('a pause in the app stops the workout clock at the next poll; a 429 backs off by its Retry-After', async () => {
    const listener = await listenerWithPlaylist();
    const phone = fake.addDevice(listener.seeded.user.id, { name: 'Phone' });
    await listener.adapter.startPlayback({ deviceId: phone.id, contextUri: listener.playlistUri, offsetPosition: 1, positionMs: 5_000 });
    fake.advanceTime(3_000);
    fake.app(listener.seeded.user.id).pause();
    const paused = (await listener.adapter.getPlaybackState())!;
    expect(paused.isPlaying).toBe(false);
    const at = workoutMsFromPlayback(listener.entries, paused, 0)!;
    // While paused, the page's clock does not run on.
    expect(workoutMsFromPlayback(listener.entries, paused, 10_000)).toBe(at);
    expect(at).toBe(listener.entries[1]!.startMs + paused.progressMs);

    fake.inject({ path: '/v1/me/player', fault: { kind: 'rate_limited', retryAfterSec: 7 } });
    const error = await listener.adapter.getPlaybackState().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'rate_limited', retryAfterSec: 7 });
    expect(nextPollDelayMs({ kind: 'rate_limited', retryAfterSec: 7 })).toBe(7_000);
    const before = fake.earlyRetries();
    fake.advanceTime(7_000);
    expect(await listener.adapter.getPlaybackState()).not.toBeNull();
    expect(fake.earlyRetries()).toBe(before);
  });
});
