import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSpotify, type FakeSpotify } from '../fakes/spotify';
import { Visitor } from './api-client';
import { signInFakeUser, spotifyEnv } from './spotify-accounts';

/**
 * The app's Spotify features through its route handlers, against the loopback fake: request
 * counts, resuming, and what the person sees when Spotify fails.
 */
let fake: FakeSpotify;
type Modules = Awaited<ReturnType<typeof loadApp>>;
let app: Modules;

async function loadApp() {
  return {
    db: await (await import('../../db/client')).getDb(),
    users: await import('../../db/queries/users'),
    library: await import('../../db/queries/library'),
    tracks: await import('../../db/queries/tracks'),
    spotify: await import('../../lib/server/spotify'),
    jobs: await import('../../lib/server/jobs/queue'),
    montagesRoute: await import('../../app/api/montages/route'),
    montageRoute: await import('../../app/api/montages/[id]/route'),
    saveRoute: await import('../../app/api/montages/[id]/spotify/route'),
    importRoute: await import('../../app/api/spotify/import/route'),
    statusRoute: await import('../../app/api/spotify/status/route'),
    connectRoute: await import('../../app/api/spotify/connect/route'),
    playerRoute: await import('../../app/api/spotify/connect/player/route'),
    scopes: await import('../../lib/spotify/scopes'),
  };
}

beforeAll(async () => {
  fake = await startFakeSpotify({ refreshTokenLifetimeSec: 3600 });
  Object.assign(process.env, spotifyEnv(fake), {
    NEXTAUTH_URL: 'http://127.0.0.1:3000',
  });
  app = await loadApp();
});

afterAll(async () => {
  await fake?.close();
});

/** A visitor signed in as a fresh fake user with `library` liked songs. */
const signedIn = (library: number, scopes?: string[]) => signInFakeUser(fake, { library, scopes });

async function importAll(visitor: Visitor) {
  const started = await visitor.call(app.importRoute.POST, 'POST');
  expect(started.status).toBe(202);
  await app.jobs.awaitInProcessWork();
  return (await visitor.call(app.importRoute.GET, 'GET')).body;
}

describe('importing liked songs', () => {
  it.each([1000, 10_000])('imports %i songs in ⌈N/50⌉ page requests, and a re-sync asks one page', async (n) => {
    const { visitor, user, seeded } = await signedIn(n);
    fake.clearLog();
    const progress = await importAll(visitor);
    expect(progress).toMatchObject({ status: 'done', imported: n, total: n });
    expect(fake.requests({ method: 'GET', path: '/v1/me/tracks' })).toHaveLength(Math.ceil(n / 50));
    const pool = await app.tracks.listPoolTracks(app.db, user.ownerId);
    expect(pool.filter((t) => t.origin === 'spotify')).toHaveLength(n);

    fake.likeTracks(seeded.user.id, fake.rockyIvTracks.slice(0, 2));
    fake.clearLog();
    const resync = await importAll(visitor);
    expect(resync).toMatchObject({ status: 'done', imported: 2 });
    expect(fake.requests({ method: 'GET', path: '/v1/me/tracks' })).toHaveLength(1);
    expect((await app.tracks.listPoolTracks(app.db, user.ownerId)).filter((t) => t.origin === 'spotify')).toHaveLength(n + 2);
  });

  it('resumes an interrupted import where it stopped, with no duplicates', async () => {
    const { visitor, user } = await signedIn(1000);
    // Pages 1–6 answer, then Spotify is down longer than the retries last.
    fake.inject({ method: 'GET', path: '/v1/me/tracks', times: 6, fault: { kind: 'slow', delayMs: 1 } });
    fake.inject({ method: 'GET', path: '/v1/me/tracks', times: 50, fault: { kind: 'server_error', status: 503 } });
    const failed = await importAll(visitor);
    expect(failed.status).toBe('failed');
    expect(failed.imported).toBe(300);
    expect(failed.error).toMatch(/not answering/);
    fake.clearFaults();
    fake.clearLog();
    const resumed = await importAll(visitor);
    expect(resumed).toMatchObject({ status: 'done', imported: 1000 });
    expect(fake.requests({ method: 'GET', path: '/v1/me/tracks' })).toHaveLength(14);
    expect((await app.tracks.listPoolTracks(app.db, user.ownerId)).filter((t) => t.origin === 'spotify')).toHaveLength(1000);
  });

  it('asks to connect again when Spotify refuses the refresh token (invalid_grant)', async () => {
    const { visitor, user } = await signedIn(100);
    fake.advanceTime(7200 * 1000); // access token and refresh token both expired
    await visitor.call(app.importRoute.POST, 'POST');
    await app.jobs.awaitInProcessWork();
    expect(await app.library.getImportProgress(app.db, user.userId)).toMatchObject({ status: 'failed', error: expect.stringMatching(/Connect Spotify again/) });
    const status = await visitor.call(app.statusRoute.GET, 'GET');
    expect(status.body.user.needsReconnect).toBe(true);
    const again = await visitor.call(app.importRoute.POST, 'POST');
    expect(again.status).toBe(401);
    expect(again.body.error.message).toMatch(/Connect Spotify again/);
  });
});

describe('finding the soundtrack on Spotify without sign-in', () => {
  it('a failed search is shown to visitors (status route), not only logged, and tried again', async () => {
    fake.inject({ method: 'GET', path: '/v1/search', times: 20, fault: { kind: 'server_error', status: 503 } });
    await expect(app.spotify.resolveSoundtrack(app.db)).rejects.toMatchObject({ code: 'unavailable' });
    const status = await new Visitor().call(app.statusRoute.GET, 'GET');
    expect(status.body.soundtrack).toEqual({ status: 'failed', error: expect.stringMatching(/Spotify is not answering/) });
    fake.clearFaults();
  });

  it('searches each catalog track once with an app token, stores id, ISRC and a missing length, and never again', async () => {
    fake.clearLog();
    const resolved = await app.spotify.resolveSoundtrack(app.db);
    expect(resolved).toBeGreaterThanOrEqual(9);
    const searches = fake.requests({ method: 'GET', path: '/v1/search' });
    expect(searches).toHaveLength(10);
    for (const search of searches) expect(Number(new URLSearchParams(search.query).get('limit'))).toBeLessThanOrEqual(10);
    const catalog = (await app.tracks.listPoolTracks(app.db, null)).filter((t) => t.origin === 'catalog');
    expect(catalog.filter((t) => t.spotifyId).length).toBe(resolved);
    expect(catalog.find((t) => t.title === 'Eye of the Tiger')?.durationMs).toBe(226_000); // the LP length stays
    fake.clearLog();
    expect(await app.spotify.resolveSoundtrack(app.db)).toBe(0);
    expect(fake.log).toHaveLength(0);
    expect((await new Visitor().call(app.statusRoute.GET, 'GET')).body.soundtrack).toEqual({ status: 'done', error: null });
  });
});

describe('token refresh', () => {
  it('spends a refresh token once even when two server processes refresh at the same moment', async () => {
    const { user } = await signedIn(0);
    const stored = (await app.users.getTokens(app.db, user.userId))!;
    fake.clearLog();
    const adapter = app.spotify.appSpotify()!;
    const [a, b] = await Promise.all([
      app.spotify.refreshUnderLock(app.db, user.userId, stored.refreshToken, adapter, stored.accessToken),
      app.spotify.refreshUnderLock(app.db, user.userId, stored.refreshToken, adapter, stored.accessToken),
    ]);
    expect(a.accessToken).toBe(b.accessToken);
    expect(fake.requests({ method: 'POST', path: '/api/token' })).toHaveLength(1);
    expect((await app.users.getTokens(app.db, user.userId))!.accessToken).toBe(a.accessToken);
  });
});

describe('token refresh decided by the tokens, not by clocks', () => {
  it('a process that read the tokens before another one rotated them uses the new ones, never the spent refresh token', async () => {
    const { user } = await signedIn(0);
    const stale = (await app.users.getTokens(app.db, user.userId))!;
    const adapter = app.spotify.appSpotify()!;
    fake.setRefreshRotation(true);
    try {
      const first = await app.spotify.refreshUnderLock(app.db, user.userId, stale.refreshToken, adapter, stale.accessToken);
      expect(first.refreshToken).not.toBe(stale.refreshToken);
      fake.clearLog();
      // The second process asks only now (after the first finished): a timestamp check would let it spend the old token.
      const second = await app.spotify.refreshUnderLock(app.db, user.userId, stale.refreshToken, adapter, stale.accessToken);
      expect(second.accessToken).toBe(first.accessToken);
      expect(fake.requests({ path: '/api/token' })).toHaveLength(0);
      expect((await app.users.getTokens(app.db, user.userId))!.needsReconnect).toBe(false);
    } finally {
      fake.setRefreshRotation(false);
    }
  });

  it('keeps working through refreshes that rotate the refresh token only sometimes', async () => {
    fake.setRefreshTokenLifetime(null);
    const { user } = await signedIn(0);
    fake.setRefreshRotation((n) => n % 2 === 0);
    try {
      const rotated = new Set<string>();
      for (let i = 0; i < 4; i++) {
        fake.advanceTime(3_700 * 1000); // the access token expired on Spotify's side
        const me = await app.spotify.userSpotify(app.db, user.userId).getCurrentUser();
        expect(me.id).toBeTruthy();
        rotated.add((await app.users.getTokens(app.db, user.userId))!.refreshToken);
      }
      expect(rotated.size).toBeGreaterThan(1);
      expect((await app.users.getTokens(app.db, user.userId))!.needsReconnect).toBe(false);
    } finally {
      fake.setRefreshRotation(false);
      fake.setRefreshTokenLifetime(3600);
    }
  });
});

describe('following the Spotify app (Connect) through the routes', () => {
  it('asks for the playback scopes only when turned on; then lists devices, starts the montage’s own playlist, follows and controls it', async () => {
    const plain = await signedIn(400);
    expect((await plain.visitor.call(app.connectRoute.GET, 'GET')).body).toEqual({ hasScopes: false, devices: [] });

    const { visitor, seeded } = await signedIn(400, [...app.scopes.SPOTIFY_SCOPES, ...app.scopes.CONNECT_SCOPES]);
    await importAll(visitor);
    const created = await visitor.call(app.montagesRoute.POST, 'POST', { body: { mode: 'circuit', lengthMin: 30 } });
    const montage = (await visitor.call(app.montageRoute.GET, 'GET', { params: { id: created.body.id } })).body.montage;
    const spotifyIds = montage.entries.filter((e: any) => e.track.spotifyId).map((e: any) => e.track.spotifyId as string);
    expect((await visitor.call(app.saveRoute.POST, 'POST', { params: { id: montage.id } })).status).toBe(200);

    const phone = fake.addDevice(seeded.user.id, { name: 'Rocky’s phone' });
    const status = await visitor.call(app.connectRoute.GET, 'GET');
    expect(status.body).toMatchObject({ hasScopes: true, devices: [{ id: phone.id, name: 'Rocky’s phone', isActive: false }] });

    const started = await visitor.call(app.playerRoute.POST, 'POST', { body: { action: 'start', deviceId: phone.id, spotifyIds, offsetPosition: 1, positionMs: 12_000, montageId: montage.id } });
    expect(started.body).toEqual({ started: true, context: 'playlist' });
    const playing = await visitor.call(app.playerRoute.GET, 'GET');
    expect(playing.body.playback).toMatchObject({ deviceId: phone.id, isPlaying: true, trackUri: `spotify:track:${spotifyIds[1]}` });

    expect((await visitor.call(app.playerRoute.POST, 'POST', { body: { action: 'pause', deviceId: phone.id } })).status).toBe(200);
    expect(fake.app(seeded.user.id).now()!.isPlaying).toBe(false);

    // A 429 reaches the page at once with its Retry-After (the page waits; the server does not).
    fake.inject({ path: '/v1/me/player', fault: { kind: 'rate_limited', retryAfterSec: 9 } });
    const limited = await visitor.call(app.playerRoute.GET, 'GET');
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({ code: 'rate_limited', retryAfterSec: 9 });
    fake.clearFaults();

    // Another listener's montage (or none): the tracks are played as a list.
    const asList = await visitor.call(app.playerRoute.POST, 'POST', { body: { action: 'start', deviceId: phone.id, spotifyIds, offsetPosition: 0, positionMs: 0 } });
    expect(asList.body.context).toBe('tracks');

    const bad = await visitor.call(app.playerRoute.POST, 'POST', { body: { action: 'start', deviceId: phone.id, spotifyIds, offsetPosition: spotifyIds.length, positionMs: 0 } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.problems[0].field).toBe('offsetPosition');
  });

  it('tells a free account that Premium is needed, and says to open Spotify when no app is active', async () => {
    const { visitor, seeded } = await signedIn(10, [...app.scopes.SPOTIFY_SCOPES, ...app.scopes.CONNECT_SCOPES]);
    const ids = seeded.user.library.slice(0, 3).map((s) => s.trackId);
    expect((await visitor.call(app.playerRoute.POST, 'POST', { body: { action: 'resume', deviceId: 'none' } })).status).toBe(404);
    const phone = fake.addDevice(seeded.user.id, { name: 'Phone' });
    const noActive = await visitor.call(app.playerRoute.POST, 'POST', { body: { action: 'pause', deviceId: phone.id } });
    expect(noActive.status).toBe(409);
    expect(noActive.body.error).toMatchObject({ code: 'no_active_device', message: expect.stringMatching(/Open Spotify/) });
    fake.setProduct(seeded.user.id, 'free');
    const refused = await visitor.call(app.playerRoute.POST, 'POST', { body: { action: 'start', deviceId: phone.id, spotifyIds: ids, offsetPosition: 0, positionMs: 0 } });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'premium_required', message: expect.stringMatching(/Premium/) });
  });
});

describe('saving a montage to Spotify', () => {
  async function montageWithLibrary(lengthMin: number) {
    const signed = await signedIn(400);
    await importAll(signed.visitor);
    const created = await signed.visitor.call(app.montagesRoute.POST, 'POST', { body: { mode: 'circuit', lengthMin } });
    const montage = (await signed.visitor.call(app.montageRoute.GET, 'GET', { params: { id: created.body.id } })).body.montage;
    return { ...signed, montage };
  }

  it('creates the playlist with the tracks in order, then updates the same one', async () => {
    const { visitor, seeded, montage } = await montageWithLibrary(90);
    fake.clearLog();
    const saved = await visitor.call(app.saveRoute.POST, 'POST', { params: { id: montage.id } });
    expect(saved.status).toBe(200);
    const k: number = saved.body.savedTracks;
    const requests = fake.log.filter((r) => r.path !== '/api/token');
    expect(requests).toHaveLength(1 + Math.ceil(k / 100));
    const playlist = fake.playlistsOf(seeded.user.id)[0]!;
    expect(playlist.description).toMatch(/\/s\/[A-Za-z0-9_-]{43}/);
    const expected = montage.entries.filter((e: any) => e.track.spotifyId).map((e: any) => `spotify:track:${e.track.spotifyId}`);
    expect(fake.playlistUris(playlist.id)).toEqual(expected);
    const again = await visitor.call(app.saveRoute.POST, 'POST', { params: { id: montage.id } });
    expect(again.body).toMatchObject({ playlistId: playlist.id, created: false });
    expect(fake.playlistsOf(seeded.user.id)).toHaveLength(1);
  });

  it('stops at once on QUOTA_EXCEEDED with a clear message, and the montage is untouched', async () => {
    const { visitor, montage } = await montageWithLibrary(30);
    fake.clearLog();
    fake.inject({ method: 'POST', path: '/v1/me/playlists', times: 5, fault: { kind: 'quota_exceeded' } });
    const saved = await visitor.call(app.saveRoute.POST, 'POST', { params: { id: montage.id } });
    expect(saved.status).toBe(503);
    expect(saved.body.error.message).toMatch(/quota/);
    expect(fake.requests({ method: 'POST', path: '/v1/me/playlists' })).toHaveLength(1);
    const after = await visitor.call(app.montageRoute.GET, 'GET', { params: { id: montage.id } });
    expect(after.body.montage.entries).toHaveLength(montage.entries.length);
    fake.clearFaults();
  });

  it('a re-sync sees songs un-liked since the last import: they leave the library, montages using them keep them', async () => {
    const { visitor, user, seeded, montage } = await montageWithLibrary(60);
    const inMontage = montage.entries.map((e: any) => e.track).filter((t: any) => t.origin === 'spotify' || String(t.id).startsWith('spotify:'));
    expect(inMontage.length).toBeGreaterThan(0);
    const kept = inMontage[0].spotifyId as string;
    const used = new Set(inMontage.map((t: any) => t.spotifyId as string));
    const unused = seeded.user.library.map((s) => s.trackId).filter((id) => !used.has(id)).slice(0, 3);
    fake.unlikeTracks(seeded.user.id, [kept, ...unused]);
    fake.likeTracks(seeded.user.id, fake.rockyIvTracks.slice(0, 1));
    fake.clearLog();
    const resync = await importAll(visitor);
    expect(resync).toMatchObject({ status: 'done' });
    // One page for what is new, then the whole library once (400 - 4 + 1 = 397 songs: 8 pages) to find what went.
    expect(fake.requests({ method: 'GET', path: '/v1/me/tracks' })).toHaveLength(1 + 8);
    const library = (await app.tracks.listPoolTracks(app.db, user.ownerId)).filter((t) => t.origin === 'spotify');
    const ids = new Set(library.map((t) => t.spotifyId));
    for (const id of unused) expect(ids.has(id)).toBe(false);
    expect(ids.has(fake.rockyIvTracks[0]!.id)).toBe(true);
    expect(library).toHaveLength(400 - 3 + 1);
    // The montage still has every track, the un-liked one included.
    const after = await visitor.call(app.montageRoute.GET, 'GET', { params: { id: montage.id } });
    expect(after.body.montage.entries.map((e: any) => e.track.id)).toEqual(montage.entries.map((e: any) => e.track.id));

    // Nothing un-liked since: the re-sync stays one request.
    fake.clearLog();
    await importAll(visitor);
    expect(fake.requests({ method: 'GET', path: '/v1/me/tracks' })).toHaveLength(1);
  });

  it('a re-sync that finds more songs liked than un-liked since still finds the un-liked one', async () => {
    const { visitor, user, seeded } = await signedIn(120);
    expect(await importAll(visitor)).toMatchObject({ status: 'done', imported: 120 });
    const gone = seeded.user.library[5]!.trackId;
    fake.unlikeTracks(seeded.user.id, [gone]);
    fake.likeTracks(seeded.user.id, fake.rockyIvTracks.slice(0, 3));
    fake.clearLog();
    expect(await importAll(visitor)).toMatchObject({ status: 'done' });
    // Spotify counts 122 where 120 + 3 were expected: one page for what is new, then the whole library (3 pages) to find what went.
    expect(fake.requests({ method: 'GET', path: '/v1/me/tracks' })).toHaveLength(1 + 3);
    const library = (await app.tracks.listPoolTracks(app.db, user.ownerId)).filter((t) => t.origin === 'spotify');
    expect(library.map((t) => t.spotifyId)).not.toContain(gone);
    expect(library).toHaveLength(122);
  });

  it('asks a visitor who never connected Spotify to connect first', async () => {
    const visitor = new Visitor();
    const created = await visitor.call(app.montagesRoute.POST, 'POST', { body: { mode: 'circuit', lengthMin: 20 } });
    const saved = await visitor.call(app.saveRoute.POST, 'POST', { params: { id: created.body.id } });
    expect(saved.status).toBe(401);
    expect(saved.body.error.message).toBe('Connect Spotify first.');
  });
});
