import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SPOTIFY_MESSAGES, SpotifyError, createSpotifyAdapter } from '../../lib/spotify';
import { startFakeSpotify, type FakeSpotify } from '../fakes/spotify';
import { connect } from '../fakes/spotify/harness';
import { rejectionOf } from '../support/rejection';

let fake: FakeSpotify;

beforeAll(async () => {
  fake = await startFakeSpotify({ accessTokenLifetimeSec: 5 });
});
afterEach(() => {
  fake.clearFaults();
});
afterAll(async () => {
  await fake.close();
});

const trail = () => fake.log.map((r) => `${r.method} ${r.path} ${r.status}${r.fault ? ` (${r.fault})` : ''}`);

const failure = (promise: Promise<unknown>) => rejectionOf(promise, SpotifyError);

describe('401: one refresh, then one retry', () => {
  it('refreshes once and retries once when Spotify refuses the token', async () => {
    const seeded = fake.seedUser();
    const { adapter, refreshCalls, store } = connect(fake, { user: seeded });
    fake.inject({ path: '/v1/me', fault: { kind: 'unauthorized' } });
    fake.clearLog();
    const me = await adapter.getCurrentUser();
    expect(me.id).toBe(seeded.user.id);
    expect(trail()).toEqual(['GET /v1/me 401 (unauthorized)', 'POST /api/token 200', 'GET /v1/me 200']);
    expect(refreshCalls).toEqual([seeded.refreshToken]);
    expect(store!.saves).toHaveLength(1);
    expect(fake.requests({ path: '/api/token' })[0]!.requestBody).toMatchObject({ grant_type: 'refresh_token' });
  });

  it('a token that really expired (5 s lifetime) is refused by Spotify, refreshed, and the request retried', async () => {
    const seeded = fake.seedUser();
    // The app's clock does not know the token expired: only Spotify's answer tells it.
    const { adapter } = connect(fake, { user: seeded, now: () => Date.now() });
    fake.advanceTime(6_000);
    fake.clearLog();
    await adapter.getCurrentUser();
    expect(trail()).toEqual(['GET /v1/me 401', 'POST /api/token 200', 'GET /v1/me 200']);
  });

  it('a token known to be expired is refreshed before the request, not after a 401', async () => {
    const seeded = fake.seedUser();
    const { adapter } = connect(fake, { user: seeded });
    fake.advanceTime(6_000);
    fake.clearLog();
    await adapter.getCurrentUser();
    expect(trail()).toEqual(['POST /api/token 200', 'GET /v1/me 200']);
  });

  it('a second 401 after the refresh ends the request with `unauthorized`: exactly 3 requests', async () => {
    const seeded = fake.seedUser();
    const { adapter } = connect(fake, { user: seeded });
    fake.inject({ path: '/v1/me', times: 2, fault: { kind: 'unauthorized' } });
    fake.clearLog();
    const error = await failure(adapter.getCurrentUser());
    expect(error.code).toBe('unauthorized');
    expect(trail()).toEqual(['GET /v1/me 401 (unauthorized)', 'POST /api/token 200', 'GET /v1/me 401 (unauthorized)']);
  });

  it('one refresh at a time per user: five concurrent requests with an expired token share one refresh', async () => {
    const seeded = fake.seedUser({ library: 10 });
    const { adapter, refreshCalls } = connect(fake, { user: seeded });
    fake.advanceTime(6_000);
    fake.clearLog();
    await Promise.all(Array.from({ length: 5 }, () => adapter.getCurrentUser()));
    expect(fake.requests({ path: '/api/token' })).toHaveLength(1);
    expect(refreshCalls).toHaveLength(1);
    expect(fake.requests({ path: '/v1/me' })).toHaveLength(5);
  });

  it('one refresh at a time per user: five concurrent 401s lead to one refresh and five retries', async () => {
    const seeded = fake.seedUser({ library: 10 });
    const { adapter, refreshCalls } = connect(fake, { user: seeded });
    fake.inject({ path: '/v1/me', times: 5, fault: { kind: 'unauthorized' } });
    fake.clearLog();
    await Promise.all(Array.from({ length: 5 }, () => adapter.getCurrentUser()));
    expect(refreshCalls).toHaveLength(1);
    expect(fake.requests({ path: '/api/token' })).toHaveLength(1);
    expect(fake.requests({ path: '/v1/me' }).map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 401, 401, 401, 401, 401]);
  });

  it('a refused refresh token (invalid_grant) asks the person to reconnect, after one token request', async () => {
    const short = await startFakeSpotify({ accessTokenLifetimeSec: 5, refreshTokenLifetimeSec: 60 });
    try {
      const seeded = short.seedUser();
      const { adapter, store } = connect(short, { user: seeded });
      short.advanceTime(61_000);
      short.clearLog();
      const error = await failure(adapter.getCurrentUser());
      expect(error.code).toBe('reconnect_required');
      expect(error.message).toBe(SPOTIFY_MESSAGES.reconnect_required);
      expect(short.log.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['POST /api/token 400']);
      expect(store!.needsReconnect).toBe(true);
    } finally {
      await short.close();
    }
  });
});

describe('429: wait Retry-After, a bounded number of times', () => {
  it('waits the Retry-After Spotify gives, then retries', async () => {
    const seeded = fake.seedUser({ library: 10 });
    const { adapter, sleeps } = connect(fake, { user: seeded });
    fake.inject({ path: '/v1/me/tracks', fault: { kind: 'rate_limited', retryAfterSec: 3 } });
    fake.clearLog();
    const page = await adapter.getSavedTracksPage({ offset: 0 });
    expect(page.tracks).toHaveLength(10);
    expect(sleeps).toEqual([3_000]);
    expect(trail()).toEqual(['GET /v1/me/tracks 429 (rate_limited)', 'GET /v1/me/tracks 200']);
  });

  it('the app’s own wait (no sleep injected) sits out Retry-After: Spotify never sees an early retry', async () => {
    const seeded = fake.seedUser({ library: 3 });
    // The adapter exactly as the app builds it: the client's own sleep, the real clock.
    const adapter = createSpotifyAdapter({
      apiBaseUrl: fake.apiBaseUrl,
      accountsBaseUrl: fake.accountsBaseUrl,
      clientId: fake.clientId,
      clientSecret: fake.clientSecret,
    }).withUser({ getAccessToken: async () => seeded.accessToken });
    fake.inject({ path: '/v1/me/tracks', fault: { kind: 'rate_limited', retryAfterSec: 1 } });
    fake.clearLog();
    const before = fake.earlyRetries();
    const page = await adapter.getSavedTracksPage({ offset: 0 });
    expect(page.tracks).toHaveLength(3);
    expect(fake.earlyRetries() - before).toBe(0);
    expect(trail()).toEqual(['GET /v1/me/tracks 429 (rate_limited)', 'GET /v1/me/tracks 200']);
  });

  it('the fake is as strict as Spotify: a retry before Retry-After is answered 429 again and counted', async () => {
    const seeded = fake.seedUser({ library: 3 });
    const impatient = createSpotifyAdapter({
      apiBaseUrl: fake.apiBaseUrl,
      accountsBaseUrl: fake.accountsBaseUrl,
      clientId: fake.clientId,
      clientSecret: fake.clientSecret,
      sleep: async () => {},
      retry: { maxRateLimitRetries: 2 },
    }).withUser({ getAccessToken: async () => seeded.accessToken });
    fake.inject({ path: '/v1/me/tracks', fault: { kind: 'rate_limited', retryAfterSec: 5 } });
    fake.clearLog();
    const before = fake.earlyRetries();
    const error = await failure(impatient.getSavedTracksPage({ offset: 0 }));
    expect(error.code).toBe('rate_limited');
    expect(fake.earlyRetries() - before).toBe(2);
    expect(trail()).toEqual(['GET /v1/me/tracks 429 (rate_limited)', 'GET /v1/me/tracks 429 (early_retry)', 'GET /v1/me/tracks 429 (early_retry)']);
  });

  it('gives up after 3 retries with `rate_limited` and the last Retry-After: 4 requests', async () => {
    const seeded = fake.seedUser({ library: 10 });
    const { adapter, sleeps } = connect(fake, { user: seeded });
    fake.inject({ path: '/v1/me/tracks', times: 10, fault: { kind: 'rate_limited', retryAfterSec: 2 } });
    fake.clearLog();
    const error = await failure(adapter.getSavedTracksPage({ offset: 0 }));
    expect(error).toMatchObject({ code: 'rate_limited', status: 429, retryAfterSec: 2 });
    expect(error.message).toContain('2 seconds');
    // 6 s of waiting outlive the fake's 5 s tokens: a refresh comes in between, as it would.
    expect(fake.requests({ path: '/v1/me/tracks' })).toHaveLength(4);
    expect(sleeps).toEqual([2_000, 2_000, 2_000]);
  });

  it('does not sit out a Retry-After longer than the cap: fails at once, saying how long to wait', async () => {
    const seeded = fake.seedUser({ library: 10 });
    const { adapter, sleeps } = connect(fake, { user: seeded });
    fake.inject({ path: '/v1/me/tracks', fault: { kind: 'rate_limited', retryAfterSec: 3_600 } });
    fake.clearLog();
    const error = await failure(adapter.getSavedTracksPage({ offset: 0 }));
    expect(error).toMatchObject({ code: 'rate_limited', retryAfterSec: 3_600 });
    expect(error.message).toContain('60 minutes');
    expect(fake.log).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it.each(['reason', 'message'] as const)('QUOTA_EXCEEDED (in the %s) is not retried: 1 request, a clear message', async (shape) => {
    const seeded = fake.seedUser({ library: 10 });
    const { adapter, sleeps } = connect(fake, { user: seeded });
    fake.inject({ path: '/v1/me/tracks', fault: { kind: 'quota_exceeded', shape } });
    fake.clearLog();
    const error = await failure(adapter.getSavedTracksPage({ offset: 0 }));
    expect(error.code).toBe('quota_exceeded');
    expect(error.message).toBe(SPOTIFY_MESSAGES.quota_exceeded);
    expect(fake.log).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('a rate limit in the middle of an import delays it without losing or repeating a page', async () => {
    const seeded = fake.seedUser({ library: 500 });
    const { adapter, sleeps } = connect(fake, { user: seeded });
    const ids: string[] = [];
    fake.clearLog();
    for await (const page of adapter.importSavedTracks()) {
      ids.push(...page.tracks.map((t) => t.spotifyId));
      if (page.offset === 200) fake.inject({ path: '/v1/me/tracks', fault: { kind: 'rate_limited', retryAfterSec: 3 } });
    }
    expect(ids).toEqual(seeded.user.library.map((s) => s.trackId));
    expect(sleeps).toEqual([3_000]);
    // 10 pages and the one refused. Only these: a slow run (instrumented, loaded) may outlive the fake's
    // 5 s token and add a refresh in between, as it would with Spotify.
    expect(fake.requests({ path: '/v1/me/tracks' }).map((r) => r.status)).toEqual([...Array(5).fill(200), 429, ...Array(5).fill(200)]);
  });
});

describe('5xx, timeouts and dropped connections: bounded retries with backoff', () => {
  it('retries a 503 with exponential backoff and succeeds', async () => {
    const seeded = fake.seedUser({ library: 10 });
    const { adapter, sleeps } = connect(fake, { user: seeded });
    fake.inject({ path: '/v1/me/tracks', times: 2, fault: { kind: 'server_error', status: 503 } });
    fake.clearLog();
    await adapter.getSavedTracksPage({ offset: 0 });
    expect(trail()).toEqual(['GET /v1/me/tracks 503 (server_error)', 'GET /v1/me/tracks 503 (server_error)', 'GET /v1/me/tracks 200']);
    expect(sleeps).toEqual([500, 1_000]);
  });

  it('gives up after 3 retries with `unavailable` and a clear message: 4 requests', async () => {
    const seeded = fake.seedUser({ library: 10 });
    const { adapter, sleeps } = connect(fake, { user: seeded });
    fake.inject({ path: '/v1/me/tracks', times: 10, fault: { kind: 'server_error', status: 500 } });
    fake.clearLog();
    const error = await failure(adapter.getSavedTracksPage({ offset: 0 }));
    expect(error).toMatchObject({ code: 'unavailable', status: 500 });
    expect(error.message).toBe(SPOTIFY_MESSAGES.unavailable);
    expect(fake.log).toHaveLength(4);
    expect(sleeps).toEqual([500, 1_000, 2_000]);
  });

  it('a request that times out is abandoned and retried', async () => {
    const seeded = fake.seedUser();
    const { adapter, sleeps } = connect(fake, { user: seeded, timeoutMs: 150 });
    fake.inject({ path: '/v1/me', fault: { kind: 'slow', delayMs: 1_000 } });
    fake.clearLog();
    const started = Date.now();
    const me = await adapter.getCurrentUser();
    expect(me.id).toBe(seeded.user.id);
    expect(Date.now() - started).toBeLessThan(900);
    expect(sleeps).toEqual([500]);
    const calls = fake.requests({ path: '/v1/me' });
    expect(calls).toHaveLength(2);
    expect(calls[0]!.fault).toBe('slow');
  });

  it('timeouts on every attempt end in `unavailable` after 4 attempts', async () => {
    const seeded = fake.seedUser();
    const { adapter, sleeps } = connect(fake, { user: seeded, timeoutMs: 100 });
    fake.inject({ path: '/v1/me', times: 4, fault: { kind: 'slow', delayMs: 2_000 } });
    fake.clearLog();
    const error = await failure(adapter.getCurrentUser());
    expect(error.code).toBe('unavailable');
    expect(error.detail).toContain('no answer within 100 ms');
    expect(fake.requests({ path: '/v1/me' })).toHaveLength(4);
    expect(sleeps).toEqual([500, 1_000, 2_000]);
  });

  it('a dropped connection is retried like a 5xx', async () => {
    const seeded = fake.seedUser();
    const { adapter, sleeps } = connect(fake, { user: seeded });
    fake.inject({ path: '/v1/me', fault: { kind: 'reset' } });
    fake.clearLog();
    await adapter.getCurrentUser();
    expect(fake.requests({ path: '/v1/me' })).toHaveLength(2);
    expect(sleeps).toEqual([500]);
  });

  it('a token endpoint 5xx during a refresh is retried too', async () => {
    const seeded = fake.seedUser();
    const { adapter } = connect(fake, { user: seeded });
    fake.advanceTime(6_000);
    fake.inject({ path: '/api/token', fault: { kind: 'server_error', status: 502 } });
    fake.clearLog();
    await adapter.getCurrentUser();
    expect(trail()).toEqual(['POST /api/token 502 (server_error)', 'POST /api/token 200', 'GET /v1/me 200']);
  });

  it('Spotify being unreachable ends in `unavailable`, not a crash', async () => {
    const gone = await startFakeSpotify();
    const seeded = gone.seedUser();
    const { adapter, sleeps } = connect(gone, { user: seeded });
    await gone.close();
    const error = await failure(adapter.getCurrentUser());
    expect(error.code).toBe('unavailable');
    expect(sleeps).toHaveLength(3);
  });
});

describe('other refusals', () => {
  it('a user outside the Development Mode allow-list gets `forbidden` at once', async () => {
    const seeded = fake.seedUser({ isAllowListed: false });
    const { adapter } = connect(fake, { user: seeded });
    fake.clearLog();
    const error = await failure(adapter.getCurrentUser());
    expect(error).toMatchObject({ code: 'forbidden', status: 403, detail: 'User not registered in the Developer Dashboard' });
    expect(fake.log).toHaveLength(1);
  });

  it('liked songs without user-library-read: `forbidden`, 1 request', async () => {
    const seeded = fake.seedUser({ library: 3, scopes: ['playlist-modify-private'] });
    const { adapter } = connect(fake, { user: seeded });
    fake.clearLog();
    const error = await failure(adapter.getSavedTracksPage({ offset: 0 }));
    expect(error.code).toBe('forbidden');
    expect(fake.log).toHaveLength(1);
  });

  it('user operations without a user token ask to connect, sending nothing', async () => {
    const { app } = connect(fake);
    fake.clearLog();
    const error = await failure(app.getCurrentUser());
    expect(error.code).toBe('reconnect_required');
    expect(fake.log).toHaveLength(0);
  });
});
