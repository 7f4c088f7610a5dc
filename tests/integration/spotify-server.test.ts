import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeSpotify, type FakeSpotify } from '../fakes/spotify';
import { SPOTIFY_MESSAGES, SpotifyError, type SpotifyErrorCode } from '../../lib/spotify/errors';
import { Visitor } from './api-client';
import { signInFakeUser, spotifyEnv } from './spotify-accounts';

/**
 * The server's Spotify layer (lib/server/spotify.ts) called as the routes and jobs call it, against
 * the loopback fake: the soundtrack search once per database, a refresh two processes may race, what
 * a Connect failure answers, which tracks a saved playlist holds, and when a montage plays as its
 * own playlist. The routes' journeys are app-spotify.test.ts.
 */
let fake: FakeSpotify;
type Modules = Awaited<ReturnType<typeof loadModules>>;
let app: Modules;

async function loadModules() {
  return {
    db: await (await import('../../db/client')).getDb(),
    users: await import('../../db/queries/users'),
    spotify: await import('../../lib/server/spotify'),
    errors: await import('../../lib/server/errors'),
    scopes: await import('../../lib/spotify/scopes'),
    montagesRoute: await import('../../app/api/montages/route'),
    montageRoute: await import('../../app/api/montages/[id]/route'),
    importRoute: await import('../../app/api/spotify/import/route'),
    library: await import('../../db/queries/library'),
    queue: await import('../../lib/server/jobs/queue'),
  };
}

beforeAll(async () => {
  fake = await startFakeSpotify({ refreshTokenLifetimeSec: 3600 });
  Object.assign(process.env, spotifyEnv(fake), {
    NEXTAUTH_URL: 'http://127.0.0.1:3000',
  });
  app = await loadModules();
});

afterAll(async () => {
  await fake?.close();
});

const signedIn = (seed: { library?: number; scopes?: string[] } = {}) => signInFakeUser(fake, seed);

async function montageOf(visitor: Visitor, lengthMin = 20) {
  const created = await visitor.call(app.montagesRoute.POST, 'POST', { body: { mode: 'circuit', lengthMin } });
  expect(created.status).toBe(201);
  return (await visitor.call(app.montageRoute.GET, 'GET', { params: { id: created.body.id } })).body.montage;
}

const spotifyError = (code: SpotifyErrorCode, retryAfterSec?: number) => new SpotifyError(code, `Spotify: ${code}`, { retryAfterSec });

// In this order: the soundtrack is searched once per database, so "pending" is read before the search.
describe('finding the soundtrack on Spotify, once per database', () => {
  it('is pending with no error before any search', async () => {
    expect(await app.spotify.getSoundtrackResolution(app.db)).toEqual({ status: 'pending', error: null });
  });

  it('refuses to save a montage none of whose tracks is on Spotify, saying why', async () => {
    const { visitor, user, seeded } = await signedIn();
    const made = await montageOf(visitor);
    // A montage of local files (as it reads): no track has a Spotify id.
    const montage = { ...made, entries: made.entries.map((e: any) => ({ ...e, track: { ...e.track, spotifyId: null } })) };
    const saving = app.spotify.saveMontageToSpotify(app.db, { montage, userId: user.userId, publicOrigin: 'https://montage.example' });
    await expect(saving).rejects.toEqual(
      new app.errors.AppError('invalid_input', 'None of this montage’s tracks is on Spotify yet, so there is nothing to save.', [{ field: 'entries', message: 'no track is on Spotify' }]),
    );
    expect(fake.playlistsOf(seeded.user.id)).toEqual([]);
  });

  it('in the background: a failure is logged and recorded for the home page; a success is logged with its count, once', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const logs = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      fake.inject({ method: 'GET', path: '/v1/search', times: 20, fault: { kind: 'server_error', status: 503 } });
      app.spotify.resolveSoundtrackInBackground();
      await vi.waitFor(() => expect(errors).toHaveBeenCalledWith('Spotify: soundtrack resolution failed', expect.objectContaining({ name: 'SpotifyError' })), { timeout: 20_000 });
      expect(await app.spotify.getSoundtrackResolution(app.db)).toEqual({ status: 'failed', error: SPOTIFY_MESSAGES.unavailable });
      fake.clearFaults();

      fake.clearLog();
      app.spotify.resolveSoundtrackInBackground();
      await vi.waitFor(async () => expect(await app.spotify.getSoundtrackResolution(app.db)).toEqual({ status: 'done', error: null }), { timeout: 20_000 });
      const searches = fake.requests({ method: 'GET', path: '/v1/search' }).length;
      expect(searches).toBeGreaterThan(0);
      await vi.waitFor(() => expect(logs).toHaveBeenCalledWith(expect.stringMatching(/^Spotify: resolved \d+ soundtrack tracks$/)));
      const resolvedLine = logs.mock.calls.map(([line]) => String(line)).find((line) => line.startsWith('Spotify: resolved'))!;
      expect(Number(/resolved (\d+)/.exec(resolvedLine)![1])).toBeGreaterThan(0);

      logs.mockClear();
      fake.clearLog();
      await expect(app.spotify.resolveSoundtrack(app.db)).resolves.toBe(0);
      app.spotify.resolveSoundtrackInBackground();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(fake.requests({ method: 'GET', path: '/v1/search' })).toEqual([]);
      expect(logs).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
      logs.mockRestore();
    }
  });

});

describe('a Spotify failure as the server answers it', () => {
  it('Connect failures: 429 with Retry-After (rounded up; 5 s when Spotify gave none), 403 Premium, 409 no app open, 404 gone, 403 refused', async () => {
    const answer = async (error: unknown) => {
      const response = app.spotify.connectErrorResponse(error);
      if (!response) return null;
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-store');
      return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() };
    };
    expect(await answer(spotifyError('rate_limited', 2.5))).toEqual({
      status: 429,
      retryAfter: '3',
      body: { error: { code: 'rate_limited', message: SPOTIFY_MESSAGES.rate_limited(2.5), retryAfterSec: 2.5 } },
    });
    expect(await answer(spotifyError('rate_limited'))).toMatchObject({ status: 429, retryAfter: '5', body: { error: { retryAfterSec: 5, message: SPOTIFY_MESSAGES.rate_limited(5) } } });
    expect(await answer(spotifyError('premium_required'))).toEqual({ status: 403, retryAfter: null, body: { error: { code: 'premium_required', message: SPOTIFY_MESSAGES.premium_required } } });
    expect(await answer(spotifyError('no_active_device'))).toEqual({ status: 409, retryAfter: null, body: { error: { code: 'no_active_device', message: SPOTIFY_MESSAGES.no_active_device } } });
    expect(await answer(spotifyError('not_found'))).toEqual({
      status: 404,
      retryAfter: null,
      body: { error: { code: 'not_found', message: 'That Spotify app is no longer open (or the playlist is gone). Look again for your Spotify apps.' } },
    });
    expect(await answer(spotifyError('forbidden'))).toEqual({
      status: 403,
      retryAfter: null,
      body: { error: { code: 'forbidden', message: 'Spotify refused: allow Montage to see and control your Spotify playback (turn “Follow my Spotify app” on again).' } },
    });
    expect(await answer(spotifyError('unavailable'))).toBeNull();
    expect(await answer(new Error('not Spotify'))).toBeNull();
  });

  it('any other route: connect again for a refused sign-in or token, 403 for a refused account, an upstream failure in Spotify’s words otherwise', () => {
    const plain = new Error('not Spotify');
    expect(app.spotify.toAppError(plain)).toBe(plain);
    expect(app.spotify.toAppError(spotifyError('unauthorized'))).toEqual(new app.errors.AppError('reconnect_required', SPOTIFY_MESSAGES.unauthorized));
    expect(app.spotify.toAppError(spotifyError('reconnect_required'))).toEqual(new app.errors.AppError('reconnect_required', SPOTIFY_MESSAGES.reconnect_required));
    expect(app.spotify.toAppError(spotifyError('unavailable'))).toEqual(new app.errors.AppError('upstream', SPOTIFY_MESSAGES.unavailable));
    expect(app.spotify.toAppError(spotifyError('rate_limited', 7))).toEqual(new app.errors.AppError('upstream', SPOTIFY_MESSAGES.rate_limited(7)));
    // Spotify refusing this account is a 403 the person can act on (reconnect, ask the owner), not an outage.
    expect(app.spotify.toAppError(spotifyError('forbidden'))).toEqual(new app.errors.AppError('forbidden', SPOTIFY_MESSAGES.forbidden));
    expect(app.spotify.toAppError(spotifyError('premium_required'))).toEqual(new app.errors.AppError('forbidden', SPOTIFY_MESSAGES.premium_required));
    expect(app.spotify.toAppError(spotifyError('quota_exceeded'))).toEqual(new app.errors.AppError('upstream', SPOTIFY_MESSAGES.quota_exceeded));
    for (const code of ['unauthorized', 'reconnect_required', 'unavailable'] as const) expect(app.spotify.toAppError(spotifyError(code))).toBeInstanceOf(app.errors.AppError);
  });

  it('a server without Spotify says so when asked to act for a user', async () => {
    const { env } = await import('../../lib/server/env');
    const kept = env.SPOTIFY_CLIENT_ID;
    env.SPOTIFY_CLIENT_ID = undefined;
    try {
      expect(app.spotify.appSpotify()).toBeNull();
      expect(() => app.spotify.userSpotify(app.db, 'anyone')).toThrow(new app.errors.AppError('not_found', 'Spotify is not configured on this server.'));
    } finally {
      env.SPOTIFY_CLIENT_ID = kept;
    }
  });

});

describe('refreshing a user’s tokens under the lock', () => {
  it('refreshes with the stored refresh token, stores what Spotify gave, and returns its scopes one by one', async () => {
    const { user, seeded } = await signedIn({ scopes: ['user-library-read', 'playlist-modify-private'] });
    fake.setRefreshRotation(true);
    try {
      fake.clearLog();
      const fresh = await app.spotify.refreshUnderLock(app.db, user.userId, seeded.refreshToken, app.spotify.appSpotify()!);
      expect(fake.requests({ path: '/api/token' })).toHaveLength(1);
      expect(fresh.accessToken).not.toBe(seeded.accessToken);
      expect(fresh.refreshToken).not.toBe(seeded.refreshToken);
      const stored = await app.users.getTokens(app.db, user.userId);
      expect(stored).toMatchObject({ accessToken: fresh.accessToken, refreshToken: fresh.refreshToken, scope: 'user-library-read playlist-modify-private', needsReconnect: false });

      // Another process held the old refresh token: it gets the stored tokens, and Spotify is not asked.
      fake.clearLog();
      const late = await app.spotify.refreshUnderLock(app.db, user.userId, seeded.refreshToken, app.spotify.appSpotify()!);
      expect(fake.requests({ path: '/api/token' })).toEqual([]);
      expect(late).toEqual({ accessToken: fresh.accessToken, refreshToken: fresh.refreshToken, expiresAtMs: stored!.expiresAt.getTime(), scopes: ['user-library-read', 'playlist-modify-private'] });

      // Same refresh token, but the access token it saw was replaced meanwhile: the stored one is used.
      const seen = await app.spotify.refreshUnderLock(app.db, user.userId, fresh.refreshToken!, app.spotify.appSpotify()!, 'an-older-access-token');
      expect(fake.requests({ path: '/api/token' })).toEqual([]);
      expect(seen.accessToken).toBe(fresh.accessToken);

      // The access token it saw is the stored one (or it saw none): Spotify is asked.
      await app.spotify.refreshUnderLock(app.db, user.userId, fresh.refreshToken!, app.spotify.appSpotify()!, fresh.accessToken);
      expect(fake.requests({ path: '/api/token' })).toHaveLength(1);
      const current = await app.users.getTokens(app.db, user.userId);
      await app.spotify.refreshUnderLock(app.db, user.userId, current!.refreshToken, app.spotify.appSpotify()!);
      expect(fake.requests({ path: '/api/token' })).toHaveLength(2);
    } finally {
      fake.setRefreshRotation(false);
    }
  });
});

describe('saving a montage as a playlist, and playing it on a device', () => {
  it('leaves out the tracks that are not on Spotify, naming them, and the playlist holds the rest in order', async () => {
    const { visitor, user, seeded } = await signedIn({ scopes: [...app.scopes.SPOTIFY_SCOPES] });
    const montage = await montageOf(visitor);
    const onSpotify = montage.entries.filter((e: any) => e.track.spotifyId);
    expect(onSpotify.length).toBeGreaterThan(2);
    // A local file in the second place (as a montage holding one reads): no Spotify id.
    const local = { ...montage.entries[1], track: { ...montage.entries[1].track, spotifyId: null, title: 'My own recording' } };
    const withLocal = { ...montage, entries: [montage.entries[0], local, ...montage.entries.slice(2)] };
    const saved = await app.spotify.saveMontageToSpotify(app.db, { montage: withLocal, userId: user.userId, publicOrigin: 'https://montage.example' });
    expect(saved).toMatchObject({ created: true, skippedTracks: ['My own recording'], savedTracks: withLocal.entries.length - 1 });
    const playlist = fake.playlistsOf(seeded.user.id)[0]!;
    expect(fake.playlistUris(playlist.id)).toEqual(withLocal.entries.filter((e: any) => e.track.spotifyId).map((e: any) => `spotify:track:${e.track.spotifyId}`));
    expect(playlist.description).toMatch(/^Montage workout, tempo-ordered around the Rocky IV soundtrack\. Follow along: https:\/\/montage\.example\/s\/[A-Za-z0-9_-]{43}$/);
  });

  it('plays the montage’s own playlist only while it holds exactly these tracks in this order; otherwise the tracks as a list', async () => {
    const { visitor, user, seeded } = await signedIn({ scopes: [...app.scopes.SPOTIFY_SCOPES, ...app.scopes.CONNECT_SCOPES] });
    const montage = await montageOf(visitor);
    await app.spotify.saveMontageToSpotify(app.db, { montage, userId: user.userId, publicOrigin: 'https://montage.example' });
    const ids: string[] = montage.entries.map((e: any) => e.track.spotifyId);
    const phone = fake.addDevice(seeded.user.id, { name: 'Phone' });
    const start = (spotifyIds: readonly string[], montageId: string | null = montage.id) =>
      app.spotify.startMontageOnDevice(app.db, { userId: user.userId, ownerId: user.ownerId, deviceId: phone.id, spotifyIds, offsetPosition: 0, positionMs: 0, montageId });
    expect(await start(ids)).toEqual({ context: 'playlist' });
    expect(await start([...ids].reverse())).toEqual({ context: 'tracks' });
    expect(await start(ids.slice(1))).toEqual({ context: 'tracks' });
    expect(await start([...ids.slice(0, -1), ids[0]!])).toEqual({ context: 'tracks' });
    expect(await start(ids, null)).toEqual({ context: 'tracks' });
    // The playlist's items cannot be read (Spotify fails): the tracks are played as a list, not an error.
    fake.inject({ method: 'GET', path: /^\/v1\/playlists\/[^/]+\/items/, times: 10, fault: { kind: 'server_error', status: 500 } });
    try {
      expect(await start(ids)).toEqual({ context: 'tracks' });
    } finally {
      fake.clearFaults();
    }
    expect(fake.app(seeded.user.id).now()).toMatchObject({ isPlaying: true });
  });
});

// The Spotify tests run on the embedded database only: there the import runs in this process (on PostgreSQL, a job: postgres-job-queue.test.ts).
describe('the library import on the embedded database', () => {
  it('an import the database still marks running (its process died) goes on when the user clicks Import again, once', async () => {
    const { visitor, user, seeded } = await signedIn({ library: 120 });
    // As a crash leaves it: running in the database, nothing running in this process.
    expect((await app.library.beginImport(app.db, user.userId)).kind).toBe('started');
    fake.clearLog();
    const clicks = await Promise.all([0, 1].map(() => visitor.call(app.importRoute.POST, 'POST')));
    expect(clicks.map((c) => [c.status, c.body.status])).toEqual([
      [202, 'running'],
      [202, 'running'],
    ]);
    await app.queue.awaitInProcessWork();
    expect(await app.library.getImportProgress(app.db, user.userId)).toMatchObject({ status: 'done', imported: 120 });
    const pages = fake.requests({ method: 'GET', path: '/v1/me/tracks' }).filter((r) => r.userId === seeded.user.id);
    expect(pages.map((r) => Number(r.query.offset))).toEqual([0, 50, 100]);
  });
});
