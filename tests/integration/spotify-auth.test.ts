import { createHash, randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SPOTIFY_SCOPES, SpotifyError, createSpotifyAdapter } from '../../lib/spotify';
import { startFakeSpotify, type FakeSpotify } from '../fakes/spotify';
import { connect } from '../fakes/spotify/harness';

let fake: FakeSpotify;
const redirectUri = 'http://127.0.0.1:3000/api/auth/callback/spotify';

beforeAll(async () => {
  fake = await startFakeSpotify({ redirectUris: [redirectUri] });
});
afterEach(() => {
  fake.clearFaults();
});
afterAll(async () => {
  await fake.close();
});

function pkce() {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeUrl(params: Record<string, string>): string {
  const url = new URL('/authorize', fake.accountsBaseUrl);
  url.search = new URLSearchParams({ client_id: fake.clientId, response_type: 'code', redirect_uri: redirectUri, ...params }).toString();
  return url.toString();
}

/** What a browser does on the consent page: read the form, press a button. */
async function consent(url: string, decision: 'agree' | 'cancel', userId?: string): Promise<URL> {
  const page = await fetch(url, { redirect: 'manual' });
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toMatch(/<button[^>]*value="agree"[^>]*>Agree<\/button>/);
  const form = /<form method="post" action="([^"]+)">([\s\S]*?)<\/form>/.exec(html);
  expect(form).not.toBeNull();
  const fields = new URLSearchParams();
  for (const input of form![2]!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields.set(input[1]!, input[2]!.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>'));
  }
  const selected = /<option value="([^"]+)" selected>/.exec(html)?.[1];
  fields.set('user_id', userId ?? selected ?? '');
  fields.set('decision', decision);
  const answer = await fetch(new URL(form![1]!, fake.accountsBaseUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: fields.toString(),
    redirect: 'manual',
  });
  expect(answer.status).toBe(303);
  return new URL(answer.headers.get('location')!);
}

describe('sign in with Spotify: authorization code with PKCE (S256) and state', () => {
  it('runs the whole flow: consent page, redirect with code and state, code exchange, profile', async () => {
    const seeded = fake.seedUser({ displayName: 'Ivan Drago' });
    const { verifier, challenge } = pkce();
    const state = randomBytes(16).toString('base64url');
    const back = await consent(
      authorizeUrl({ state, scope: SPOTIFY_SCOPES.join(' '), code_challenge: challenge, code_challenge_method: 'S256' }),
      'agree',
      seeded.user.id,
    );
    expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
    expect(back.searchParams.get('state')).toBe(state);
    const code = back.searchParams.get('code')!;
    expect(code).toBeTruthy();

    const { app } = connect(fake);
    const tokens = await app.exchangeCode({ code, codeVerifier: verifier, redirectUri });
    expect(tokens.refreshToken).toBeTruthy();
    expect(tokens.scopes.sort()).toEqual([...SPOTIFY_SCOPES].sort());
    expect(tokens.expiresAtMs).toBeGreaterThan(fake.state.now());

    const user = app.withUser({ getAccessToken: async () => tokens.accessToken });
    expect(await user.getCurrentUser()).toMatchObject({ id: seeded.user.id, displayName: 'Ivan Drago' });
    // The code is single-use.
    const reused = await app.exchangeCode({ code, codeVerifier: verifier, redirectUri }).catch((e: unknown) => e);
    expect(reused).toMatchObject({ code: 'reconnect_required', status: 400, detail: 'invalid_grant: Invalid authorization code' });
  });

  it('refuses a code exchanged with the wrong verifier', async () => {
    fake.seedUser();
    const { challenge } = pkce();
    const back = await consent(authorizeUrl({ state: 's', code_challenge: challenge, code_challenge_method: 'S256' }), 'agree');
    const { app } = connect(fake);
    const error = await app.exchangeCode({ code: back.searchParams.get('code')!, codeVerifier: pkce().verifier, redirectUri }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyError);
    expect(error).toMatchObject({ code: 'reconnect_required', detail: 'invalid_grant: code_verifier was incorrect' });
  });

  it('reports a cancelled consent on the redirect URI with the state', async () => {
    fake.seedUser();
    const back = await consent(authorizeUrl({ state: 'xyz', code_challenge: pkce().challenge, code_challenge_method: 'S256' }), 'cancel');
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('xyz');
    expect(back.searchParams.has('code')).toBe(false);
  });

  it('never redirects to an unregistered redirect URI, and refuses plain PKCE', async () => {
    const wrong = new URL(authorizeUrl({ state: 'a' }));
    wrong.searchParams.set('redirect_uri', 'https://evil.example/callback');
    const page = await fetch(wrong, { redirect: 'manual' });
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('INVALID_CLIENT: Invalid redirect URI');

    const plain = await fetch(authorizeUrl({ state: 'b', code_challenge: 'abc', code_challenge_method: 'plain' }), { redirect: 'manual' });
    expect(plain.status).toBe(303);
    expect(new URL(plain.headers.get('location')!).searchParams.get('error')).toBe('invalid_request');
  });

  it('redirect URIs follow Spotify’s rules: https, or http only on 127.0.0.1 / [::1]; never localhost', async () => {
    expect(() => fake.allowRedirectUri('http://localhost:3000/api/auth/callback/spotify')).toThrow(/Insecure redirect URI/);
    expect(() => fake.allowRedirectUri('http://montage.example/api/auth/callback/spotify')).toThrow(/Insecure redirect URI/);
    fake.allowRedirectUri('https://montage.example/api/auth/callback/spotify');
    fake.allowRedirectUri('http://[::1]:3000/api/auth/callback/spotify');
    // Even a registered insecure URI (registered before the rules) is refused at /authorize, on Spotify's own page.
    fake.state.clients.get(fake.clientId)!.redirectUris.add('http://localhost:3000/cb');
    const insecure = new URL(authorizeUrl({ state: 'l' }));
    insecure.searchParams.set('redirect_uri', 'http://localhost:3000/cb');
    const page = await fetch(insecure, { redirect: 'manual' });
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('INVALID_CLIENT: Insecure redirect URI');
    const secure = new URL(authorizeUrl({ state: 's' }));
    secure.searchParams.set('redirect_uri', 'https://montage.example/api/auth/callback/spotify');
    expect((await fetch(secure, { redirect: 'manual' })).status).toBe(200);
  });

  it('a public client (no secret) can exchange a PKCE code by sending its client_id', async () => {
    fake.seedUser();
    const { verifier, challenge } = pkce();
    const back = await consent(authorizeUrl({ state: 'p', code_challenge: challenge, code_challenge_method: 'S256' }), 'agree');
    const publicClient = createSpotifyAdapter({ apiBaseUrl: fake.apiBaseUrl, accountsBaseUrl: fake.accountsBaseUrl, clientId: fake.clientId });
    fake.clearLog();
    const tokens = await publicClient.exchangeCode({ code: back.searchParams.get('code')!, codeVerifier: verifier, redirectUri });
    expect(tokens.accessToken).toBeTruthy();
    expect(fake.log[0]!.requestBody).toMatchObject({ client_id: fake.clientId, grant_type: 'authorization_code' });
  });
});

describe('refresh tokens', () => {
  it('keeps the refresh token when Spotify sends no new one, and takes the new one when it rotates', async () => {
    const seeded = fake.seedUser();
    const { app } = connect(fake);
    const kept = await app.refreshUserToken(seeded.refreshToken);
    expect(kept.refreshToken).toBe(seeded.refreshToken);
    expect(kept.accessToken).not.toBe(seeded.accessToken);

    const rotating = await startFakeSpotify({ rotateRefreshTokens: true });
    try {
      const user = rotating.seedUser();
      const rotated = await connect(rotating).app.refreshUserToken(user.refreshToken);
      expect(rotated.refreshToken).not.toBe(user.refreshToken);
      const old = await connect(rotating).app.refreshUserToken(user.refreshToken).catch((e: unknown) => e);
      expect(old).toMatchObject({ code: 'reconnect_required' });
    } finally {
      await rotating.close();
    }
  });

  it('the fake rotates only sometimes (a deterministic rule) and its refresh tokens expire; the token source follows', async () => {
    const sometimes = await startFakeSpotify({ rotateRefreshTokens: (n) => n % 2 === 0, refreshTokenLifetimeSec: 600, accessTokenLifetimeSec: 60 });
    try {
      const seeded = sometimes.seedUser();
      const { adapter, store } = connect(sometimes, { user: seeded });
      const answered: Array<string | null> = [];
      for (let i = 0; i < 4; i++) {
        sometimes.advanceTime(61_000);
        await adapter.getCurrentUser();
        answered.push(sometimes.requests({ path: '/api/token' }).length === i + 1 ? 'refreshed' : null);
      }
      expect(answered).toEqual(['refreshed', 'refreshed', 'refreshed', 'refreshed']);
      // Refreshes 2 and 4 rotated: the store holds a different refresh token than at the start, and it works.
      const kept = store!.saves.map((t) => t.refreshToken);
      expect(kept[0]).toBe(seeded.refreshToken);
      expect(kept[1]).not.toBe(seeded.refreshToken);
      expect(kept[2]).toBe(kept[1]);
      expect(kept[3]).not.toBe(kept[2]);
      // A refresh token past its lifetime is refused: connect again.
      sometimes.advanceTime(601_000);
      const expired = await connect(sometimes).app.refreshUserToken(kept[3]!).catch((e: unknown) => e);
      expect(expired).toMatchObject({ code: 'reconnect_required' });
    } finally {
      await sometimes.close();
    }
  });

  it('a revoked app (refresh token gone) answers reconnect_required', async () => {
    const seeded = fake.seedUser();
    fake.state.revokeUser(seeded.user.id);
    const error = await connect(fake).app.refreshUserToken(seeded.refreshToken).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'reconnect_required', message: expect.stringContaining('Connect Spotify again') });
  });

  it('wrong app credentials are `invalid_client`, not a reconnect', async () => {
    const seeded = fake.seedUser();
    const wrong = createSpotifyAdapter({ apiBaseUrl: fake.apiBaseUrl, accountsBaseUrl: fake.accountsBaseUrl, clientId: fake.clientId, clientSecret: 'nope' });
    await expect(wrong.refreshUserToken(seeded.refreshToken)).rejects.toMatchObject({ code: 'invalid_client' });
    await expect(wrong.clientCredentialsToken()).rejects.toMatchObject({ code: 'invalid_client' });
  });
});

describe('app-only requests: client credentials and catalogue search', () => {
  it('issues an app token with no refresh token and no user', async () => {
    const tokens = await connect(fake).app.clientCredentialsToken();
    expect(tokens.refreshToken).toBeNull();
    expect(fake.state.accessTokens.get(tokens.accessToken)?.userId).toBeNull();
  });

  it('resolves every Rocky IV track to the soundtrack recording, not the live take, cover or namesake', async () => {
    const { app } = connect(fake);
    fake.clearLog();
    for (const track of fake.rockyIvTracks) {
      const performers = track.artists.map((a) => a.name).join(' & ');
      const resolved = await app.resolveTrack({ title: track.name, artist: performers, durationMs: track.durationMs });
      expect(resolved, track.name).toMatchObject({ spotifyId: track.id, durationMs: track.durationMs, isrc: track.isrc, uri: `spotify:track:${track.id}` });
    }
    // One app token for all ten searches, each within the reference's limit of 10.
    expect(fake.requests({ path: '/api/token' })).toHaveLength(1);
    const searches = fake.requests({ path: '/v1/search' });
    expect(searches).toHaveLength(10);
    expect(searches.every((r) => r.tokenKind === 'app' && Number(r.query.limit) <= 10 && r.query.type === 'track')).toBe(true);
    expect(searches[3]!.query.q).toBe('track:"Eye of the Tiger" artist:"Survivor"');
  });

  it('finds nothing rather than a wrong track', async () => {
    const { app } = connect(fake);
    expect(await app.resolveTrack({ title: 'Gonna Fly Now', artist: 'Bill Conti' })).toBeNull();
  });

  it('refuses a search limit over 10 before sending anything', async () => {
    const { app } = connect(fake);
    fake.clearLog();
    await expect(app.searchTracks({ title: 'War', artist: 'Vince DiCola' }, { limit: 11 })).rejects.toThrow(RangeError);
    await expect(app.searchTracks({ title: 'War', artist: 'Vince DiCola' }, { limit: 0 })).rejects.toThrow(RangeError);
    expect(fake.log).toHaveLength(0);
  });

  it('renews a refused app token once and retries the search', async () => {
    const { app } = connect(fake);
    await app.searchTracks({ title: 'War', artist: 'Vince DiCola' });
    fake.inject({ path: '/v1/search', fault: { kind: 'unauthorized' } });
    fake.clearLog();
    const hits = await app.searchTracks({ title: 'War', artist: 'Vince DiCola' }, { limit: 5 });
    expect(hits[0]?.title).toBe('War');
    expect(fake.log.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['GET /v1/search 401', 'POST /api/token 200', 'GET /v1/search 200']);
  });

  it('renews the app token before it expires', async () => {
    const { app } = connect(fake);
    await app.searchTracks({ title: 'War', artist: 'Vince DiCola' });
    fake.advanceTime(3_600_000);
    fake.clearLog();
    await app.searchTracks({ title: 'War', artist: 'Vince DiCola' });
    expect(fake.log.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['POST /api/token 200', 'GET /v1/search 200']);
  });
});
