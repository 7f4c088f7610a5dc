import { createHash, randomBytes } from 'node:crypto';
import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONNECT_SCOPES, SPOTIFY_SCOPES, WEB_API_ENDPOINTS } from '../../lib/spotify';
import { startFakeSpotify, type FakeSpotify, type FakeRequestRecord } from '../fakes/spotify';
import { loadSpotifyContract, TOKEN_RESPONSE_SCHEMA, type SpotifyContract } from '../fakes/spotify/contract';
import { connect } from '../fakes/spotify/harness';

/**
 * The adapter and the fake against the Web API reference. A scenario drives every adapter
 * operation through the fake — including its failure paths (401, 403, 404, 429, QUOTA_EXCEEDED,
 * 5xx, lost answers) — with bodies captured; then every request the adapter sent and every answer
 * the fake gave is checked against the spec.
 */

let fake: FakeSpotify;
let contract: SpotifyContract;
const redirectUri = 'http://127.0.0.1:3000/api/auth/callback/spotify';
const ITEMS = /^\/v1\/playlists\/[^/]+\/items$/;

async function signInThroughConsent(): Promise<{ code: string; verifier: string }> {
  const verifier = randomBytes(48).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const form = new URLSearchParams({
    client_id: fake.clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    state: 'contract',
    scope: 'user-library-read playlist-modify-private',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    user_id: [...fake.state.users.keys()][0]!,
    decision: 'agree',
  });
  const page = await fetch(`${fake.accountsBaseUrl}/authorize?${form.toString()}`);
  expect(page.status).toBe(200);
  const answer = await fetch(`${fake.accountsBaseUrl}/authorize`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
    redirect: 'manual',
  });
  return { code: new URL(answer.headers.get('location')!).searchParams.get('code')!, verifier };
}

/** Every adapter operation, happy and failing, against one fake that keeps the bodies. */
async function runScenario(): Promise<void> {
  const seeded = fake.seedUser({ library: 120, displayName: 'Adrian' });
  const { adapter, app } = connect(fake, { user: seeded, timeoutMs: 2_000 });

  // Accounts: PKCE code exchange, refresh, client credentials, a refused refresh token.
  const { code, verifier } = await signInThroughConsent();
  await app.exchangeCode({ code, codeVerifier: verifier, redirectUri });
  await app.refreshUserToken(seeded.refreshToken);
  await app.clientCredentialsToken();
  await app.refreshUserToken('not-a-token').catch(() => {});

  // Profile, with a refused token on the way (401 → refresh → retry).
  fake.inject({ path: '/v1/me', fault: { kind: 'unauthorized' } });
  await adapter.getCurrentUser();

  // Catalogue search for the soundtrack, with a rate limit on the way.
  fake.inject({ path: '/v1/search', fault: { kind: 'rate_limited', retryAfterSec: 1 } });
  for (const track of fake.rockyIvTracks) {
    await app.resolveTrack({ title: track.name, artist: track.artists.map((a) => a.name).join(' & '), durationMs: track.durationMs });
  }
  await app.searchTracks({ title: 'Nothing like this', artist: 'Nobody' }, { limit: 1 });

  // Liked songs, with a 503 and a quota refusal on the way.
  fake.inject({ path: '/v1/me/tracks', fault: { kind: 'server_error', status: 503 } });
  for await (const page of adapter.importSavedTracks()) void page;
  await adapter.getSavedTracksPage({ offset: 100, limit: 10 });
  fake.inject({ path: '/v1/me/tracks', fault: { kind: 'quota_exceeded' } });
  await adapter.getSavedTracksPage({ offset: 0 }).catch(() => {});

  // Save, save again, read back; a lost answer on an add and on a create.
  const uris = seeded.user.library.slice(0, 120).map((s) => `spotify:track:${s.trackId}`).reverse();
  fake.inject({ method: 'POST', path: ITEMS, fault: { kind: 'server_error', status: 502, afterApplying: true } });
  const saved = await adapter.savePlaylist({ name: 'Contract', description: 'all operations', isPublic: false, uris });
  await adapter.savePlaylist({ playlistId: saved.playlist.id, name: 'Contract 2', isPublic: false, uris: uris.slice(0, 30) });
  await adapter.getPlaylist(saved.playlist.id);
  await adapter.getPlaylistItemCount(saved.playlist.id);
  await adapter.getPlaylistItemUris(saved.playlist.id);
  await adapter.getMyPlaylists();
  await adapter.updatePlaylistDetails(saved.playlist.id, { description: 'updated' });
  fake.inject({ method: 'POST', path: '/v1/me/playlists', fault: { kind: 'server_error', status: 504, afterApplying: true } });
  await adapter.createPlaylist({ name: 'Adopt me', isPublic: false });
  await adapter.getPlaylist('0000000000000000000000').catch(() => {});

  // Connect: devices, nothing playing (204), start the playlist, what plays, pause, resume; a 429 on the way;
  // a free account (403 PREMIUM_REQUIRED) and no open Spotify app (404 NO_ACTIVE_DEVICE).
  const listener = fake.seedUser({ library: fake.rockyIvTracks, scopes: [...SPOTIFY_SCOPES, ...CONNECT_SCOPES] });
  const player = connect(fake, { user: listener });
  await player.adapter.getPlaybackState();
  const phone = fake.addDevice(listener.user.id, { name: 'Phone' });
  await player.adapter.getDevices();
  const own = await player.adapter.savePlaylist({ name: 'Play me', isPublic: false, uris: fake.rockyIvTracks.slice(0, 3).map((t) => `spotify:track:${t.id}`) });
  await player.adapter.startPlayback({ deviceId: phone.id, contextUri: `spotify:playlist:${own.playlist.id}`, offsetPosition: 1, positionMs: 1000 });
  fake.inject({ path: '/v1/me/player', fault: { kind: 'rate_limited', retryAfterSec: 1 } });
  await player.adapter.getPlaybackState();
  await player.adapter.pausePlayback(phone.id);
  await player.adapter.resumePlayback(phone.id);
  await player.adapter.startPlayback({ deviceId: phone.id, uris: [`spotify:track:${fake.rockyIvTracks[0]!.id}`], offsetPosition: 0, positionMs: 0 });
  await player.adapter.resumePlayback('').catch(() => {});
  fake.app(listener.user.id).skipToNext();
  await player.adapter.getPlaybackState();
  const free = fake.seedUser({ scopes: [...SPOTIFY_SCOPES, ...CONNECT_SCOPES] });
  fake.setProduct(free.user.id, 'free');
  const freePhone = fake.addDevice(free.user.id, { name: 'Free phone' });
  await connect(fake, { user: free }).adapter.resumePlayback(freePhone.id).catch(() => {});
  const idle = connect(fake, { user: fake.seedUser({ scopes: [...SPOTIFY_SCOPES, ...CONNECT_SCOPES] }) });
  await idle.adapter.pausePlayback('').catch(() => {});

  // Refusals: missing scope, account outside the allow-list.
  const noScope = connect(fake, { user: fake.seedUser({ library: 2, scopes: ['user-library-read'] }) });
  await noScope.adapter.createPlaylist({ name: 'Nope', isPublic: true }).catch(() => {});
  const outsider = connect(fake, { user: fake.seedUser({ isAllowListed: false }) });
  await outsider.adapter.getCurrentUser().catch(() => {});
}

beforeAll(async () => {
  contract = loadSpotifyContract();
  fake = await startFakeSpotify({ captureBodies: true, redirectUris: [redirectUri] });
  await runScenario();
}, 60_000);

afterAll(async () => {
  await fake.close();
});

const webApi = () => fake.log.filter((r) => r.path.startsWith('/v1/'));

describe('the Spotify contract (Web API reference 2026.5.31)', () => {
  it('every endpoint the adapter knows is a current operation of the reference', () => {
    for (const endpoint of Object.values(WEB_API_ENDPOINTS)) {
      const matched = contract.findOperation(endpoint.method, endpoint.path);
      expect(matched, `${endpoint.method} ${endpoint.path}`).not.toBeNull();
      expect(matched!.template).toBe(endpoint.path);
      expect(matched!.operation.operationId).toBe(endpoint.operationId);
      expect(matched!.operation.deprecated ?? false, endpoint.operationId).toBe(false);
    }
  });

  it('the scenario reached every adapter endpoint and every failure path', () => {
    const reached = new Set(webApi().map((r) => `${r.method} ${contract.findOperation(r.method, r.path)?.template}`));
    for (const endpoint of Object.values(WEB_API_ENDPOINTS)) expect(reached, `${endpoint.method} ${endpoint.path}`).toContain(`${endpoint.method} ${endpoint.path}`);
    const statuses = new Set(fake.log.map((r) => r.status));
    for (const status of [200, 201, 204, 400, 401, 403, 404, 429, 502, 503, 504]) expect(statuses, String(status)).toContain(status);
    const reasons = new Set(fake.log.map((r) => (r.responseBody as { error?: { reason?: string } } | undefined)?.error?.reason));
    for (const reason of ['PREMIUM_REQUIRED', 'NO_ACTIVE_DEVICE']) expect(reasons, reason).toContain(reason);
    expect(fake.pendingFaults()).toBe(0);
  });

  it('every request the adapter sent is a current operation with declared, in-range parameters and a valid body', () => {
    const problems = webApi().flatMap((r) => contract.checkRequest(r));
    expect(problems).toEqual([]);
    const searches = webApi().filter((r) => r.path === '/v1/search');
    expect(searches.length).toBeGreaterThan(10);
    expect(searches.every((r) => Number(r.query.limit) >= 1 && Number(r.query.limit) <= 10)).toBe(true);
    const pages = webApi().filter((r) => r.path === '/v1/me/tracks' || (r.method === 'GET' && ITEMS.test(r.path)) || r.path === '/v1/me/playlists');
    expect(pages.every((r) => r.query.limit === undefined || Number(r.query.limit) <= 50)).toBe(true);
    const writes = webApi().filter((r) => ITEMS.test(r.path) && r.method !== 'GET');
    expect(writes.every((r) => (r.requestBody as { uris: string[] }).uris.length <= 100)).toBe(true);
  });

  it('every answer of the fake validates against the reference’s response schema', () => {
    const problems = webApi().flatMap((r) => contract.checkResponse(r));
    expect(problems).toEqual([]);
  });

  it('the fake answers in the current form: no field the reference marks deprecated (unless it still requires it)', () => {
    const found = new Set(webApi().flatMap((r) => contract.deprecatedFields(r)));
    expect([...found]).toEqual([]);
  });

  it('token answers follow RFC 6749 (§5.1 success, §5.2 error)', () => {
    const validate = new Ajv({ strict: false }).compile(TOKEN_RESPONSE_SCHEMA);
    const answers = fake.log.filter((r) => r.path === '/api/token');
    expect(answers.length).toBeGreaterThan(3);
    for (const r of answers) expect(validate(r.responseBody), JSON.stringify(r.responseBody)).toBe(true);
    expect(answers.some((r) => r.status === 400 && (r.responseBody as { error: string }).error === 'invalid_grant')).toBe(true);
  });
});

describe('the contract checks are not vacuous', () => {
  const record = (method: string, path: string, query: Record<string, string> = {}, requestBody?: unknown): Pick<FakeRequestRecord, 'method' | 'path' | 'query' | 'requestBody'> => ({
    method,
    path,
    query,
    requestBody,
  });

  it('flags deprecated operations, undeclared or out-of-range parameters and bad bodies', () => {
    expect(contract.checkRequest(record('POST', '/v1/playlists/abc/tracks', {}, { uris: [] })).join()).toContain('deprecated');
    expect(contract.checkRequest(record('POST', '/v1/users/someone/playlists', {}, { name: 'x' })).join()).toContain('deprecated');
    expect(contract.checkRequest(record('GET', '/v1/audio-features/abc')).join()).toContain('deprecated');
    expect(contract.checkRequest(record('GET', '/v1/search', { q: 'x', type: 'track', limit: '11' })).join()).toContain('must be <= 10');
    expect(contract.checkRequest(record('GET', '/v1/me/tracks', { limit: '51' })).join()).toContain('must be <= 50');
    expect(contract.checkRequest(record('GET', '/v1/search', { q: 'x', type: 'song' })).join()).toContain('allowed values');
    expect(contract.checkRequest(record('GET', '/v1/search', { type: 'track' })).join()).toContain('"q" missing');
    expect(contract.checkRequest(record('GET', '/v1/me/tracks', { page: '2' })).join()).toContain('not declared');
    expect(contract.checkRequest(record('POST', '/v1/me/playlists', {}, { description: 'no name' })).join()).toContain("required property 'name'");
    expect(contract.checkRequest(record('GET', '/v1/search/', { q: 'x', type: 'track' })).join()).toContain('no such operation');
  });

  it('flags answers that break the schema and deprecated fields', () => {
    const ok = fake.log.find((r) => r.path === '/v1/me/tracks' && r.status === 200)!;
    const broken = structuredClone(ok) as FakeRequestRecord & { responseBody: { items: Array<{ track: Record<string, unknown> }> } };
    broken.responseBody.items[0]!.track.duration_ms = '3:51';
    expect(contract.checkResponse(broken).join()).toContain('must be integer');
    const olden = structuredClone(ok) as typeof broken;
    olden.responseBody.items[0]!.track.popularity = 50;
    expect(contract.deprecatedFields(olden)).toEqual(['$.items[].track.popularity']);
  });

  it('the fake itself enforces the reference’s bounds and closes removed endpoints', async () => {
    const seeded = fake.seedUser({ library: 3 });
    const get = (path: string) => fetch(`${fake.apiBaseUrl}${path}`, { headers: { Authorization: `Bearer ${seeded.accessToken}` } });
    expect((await get('/v1/search?q=war&type=track&limit=11')).status).toBe(400);
    expect((await get('/v1/me/tracks?limit=51')).status).toBe(400);
    expect((await get('/v1/me/tracks?limit=50')).status).toBe(200);
    expect((await get('/v1/playlists/abc/tracks')).status).toBe(403);
    expect((await get('/v1/audio-features/abc')).status).toBe(403);
    // spotify-web-api-node's searchTracks() calls `/v1/search/`: not an operation, and the fake says so.
    expect((await get('/v1/search/?q=war&type=track')).status).toBe(404);
  });
});
