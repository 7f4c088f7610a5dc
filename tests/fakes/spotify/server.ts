import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleAuthorizeDecision, handleAuthorizePage, handleToken, insecureRedirectUri } from './accounts';
import { generateTracks, ROCKY_IV_TRACKS, type FakeTrack } from './catalog';
import { apiError, type Ctx, type FakeOptions, type FakeRequestRecord } from './http';
import { FakeSpotifyState, type FakePlaylist, type FakeUser, type SavedTrack } from './state';
import { handleWebApi } from './web-api';
import { addDevice, appControls, connectOf, type FakeDevice } from './player';

/**
 * A fake Spotify on loopback (127.0.0.1, a random port): the accounts service and the Web API on
 * one origin, so `apiBaseUrl` and `accountsBaseUrl` both point here. State lives in memory; every
 * request is logged; faults can be injected per path.
 */

export type Fault =
  /** 401 "The access token expired", whatever the token. */
  | { kind: 'unauthorized' }
  /** 429 with `Retry-After` (seconds). */
  | { kind: 'rate_limited'; retryAfterSec?: number }
  /** 403 with Spotify's message, as for a missing scope or a Development Mode refusal mid-session. */
  | { kind: 'forbidden'; message?: string }
  /** 429 that waiting does not lift; `shape` picks where the body says QUOTA_EXCEEDED. */
  | { kind: 'quota_exceeded'; shape?: 'reason' | 'message' }
  /** A 5xx; with `afterApplying` the request takes effect first and only its answer is lost. */
  | { kind: 'server_error'; status?: 500 | 502 | 503 | 504; afterApplying?: boolean }
  /**
   * Answer only after `delayMs`. The request is handled after the wait, or with `applyFirst`
   * handled at once and only its answer held back (a timeout then hides a change that happened).
   */
  | { kind: 'slow'; delayMs: number; applyFirst?: boolean }
  /** Drop the connection without an answer. */
  | { kind: 'reset' };

export interface FaultRule {
  method?: string;
  /** Exact path (e.g. `/v1/me/tracks`) or a pattern. */
  path: string | RegExp;
  /** How many matching requests get the fault (default 1). */
  times?: number;
  fault: Fault;
}

export interface FakeSpotifyOptions extends Partial<FakeOptions> {
  /** Loopback port; 0 (default) picks a free one. */
  port?: number;
  clientId?: string;
  clientSecret?: string;
  redirectUris?: string[];
}

export interface SeedUserOptions {
  id?: string;
  displayName?: string;
  /** A number of generated tracks, or the tracks themselves (liked newest first, in this order). */
  library?: number | readonly FakeTrack[];
  /** Scopes of the tokens handed back (default: everything Montage asks for). */
  scopes?: readonly string[];
  isAllowListed?: boolean;
}

export interface SeededUser {
  user: FakeUser;
  accessToken: string;
  refreshToken: string;
  expiresAtMs: number;
  scopes: string[];
}

export interface FakeSpotify {
  /** `http://127.0.0.1:<port>` */
  url: string;
  apiBaseUrl: string;
  accountsBaseUrl: string;
  clientId: string;
  clientSecret: string;
  state: FakeSpotifyState;
  log: FakeRequestRecord[];
  /** Logged requests, optionally only those matching a method and path. */
  requests(filter?: { method?: string; path?: string | RegExp }): FakeRequestRecord[];
  clearLog(): void;
  inject(rule: FaultRule): void;
  /** Faults still waiting for a request. */
  pendingFaults(): number;
  /**
   * Web API requests that came before the Retry-After of a 429 had passed: Spotify answers them
   * 429 again (with the time still to wait), and so does the fake.
   */
  earlyRetries(): number;
  clearFaults(): void;
  seedUser(options?: SeedUserOptions): SeededUser;
  /** Likes `tracks` now (they go to the top of the library), e.g. to test a re-sync. */
  likeTracks(userId: string, tracks: readonly FakeTrack[], addedAt?: Date): void;
  /** Registers a redirect URI for the test client (e.g. the app's NextAuth callback). */
  allowRedirectUri(uri: string): void;
  /** Changes, from now on, whether refreshes rotate the refresh token (see FakeOptions). */
  setRefreshRotation(rule: FakeOptions['rotateRefreshTokens']): void;
  /** Changes, from now on, how long new refresh tokens live (null: until revoked). */
  setRefreshTokenLifetime(lifetimeSec: number | null): void;
  /** Connect: opens a Spotify app (a device) for the user. */
  addDevice(userId: string, device: { name: string; type?: string; isRestricted?: boolean }): FakeDevice;
  /** Connect: a free account cannot start or control playback (403 PREMIUM_REQUIRED). Default Premium. */
  setProduct(userId: string, product: 'premium' | 'free'): void;
  /** Connect: what the listener does in the Spotify app (pause, resume, skip, seek), and where the music really is. */
  app(userId: string): ReturnType<typeof appControls>;
  /** Moves the fake's clock (token and code expiry) forward. */
  advanceTime(ms: number): void;
  playlistUris(playlistId: string): string[];
  playlistsOf(userId: string): FakePlaylist[];
  /** What "delete playlist" does in Spotify's apps: it leaves their library; the playlist itself lives on and still takes updates. */
  unfollowPlaylist(userId: string, playlistId: string): void;
  /** Un-likes songs (they leave the liked songs; Spotify keeps no trace a re-sync could page to). */
  unlikeTracks(userId: string, trackIds: readonly string[]): void;
  rockyIvTracks: readonly FakeTrack[];
  close(): Promise<void>;
}

export const MONTAGE_SCOPES = ['user-library-read', 'playlist-read-private', 'playlist-modify-private'];

const DEFAULTS: FakeOptions = {
  accessTokenLifetimeSec: 3600,
  refreshTokenLifetimeSec: null,
  authorizationCodeLifetimeSec: 600,
  rotateRefreshTokens: false,
  captureBodies: false,
  nullDescriptions: false,
};

const LIBRARY_NEWEST = Date.parse('2026-05-01T12:00:00Z');
const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export async function startFakeSpotify(options: FakeSpotifyOptions = {}): Promise<FakeSpotify> {
  const { port = 0, clientId: _clientId, clientSecret: _clientSecret, redirectUris: _redirectUris, ...tuning } = options;
  const settings: FakeOptions = { ...DEFAULTS, ...definedOnly(tuning) };
  const state = new FakeSpotifyState();
  const clientId = options.clientId ?? 'montage-test-client';
  const clientSecret = options.clientSecret ?? 'montage-test-secret';
  // Like Spotify's dashboard, the fake refuses to register a redirect URI Spotify would not redirect to.
  const register = (uri: string) => {
    const problem = insecureRedirectUri(uri);
    if (problem) throw new Error(`${problem}: ${uri} (https, or http only on 127.0.0.1 / [::1])`);
    return uri;
  };
  state.clients.set(clientId, { clientId, clientSecret, redirectUris: new Set((options.redirectUris ?? []).map(register)) });

  const log: FakeRequestRecord[] = [];
  const faults: Array<FaultRule & { remaining: number }> = [];
  const timers = new Set<NodeJS.Timeout>();
  let seq = 0;
  let origin = '';
  let userCount = 0;
  /** Spotify's rate limit is the app's: until this time (fake clock) every Web API request gets 429. */
  let rateLimitedUntilMs = 0;
  let earlyRetries = 0;
  /** Timer resolution: a wait of exactly Retry-After may be measured a few ms short. */
  const RETRY_AFTER_TOLERANCE_MS = 25;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  function takeFault(method: string, path: string): Fault | null {
    const rule = faults.find(
      (f) => f.remaining > 0 && (f.method === undefined || f.method === method) && (typeof f.path === 'string' ? f.path === path : f.path.test(path)),
    );
    if (!rule) return null;
    rule.remaining -= 1;
    if (rule.remaining === 0) faults.splice(faults.indexOf(rule), 1);
    return rule.fault;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.on('error', () => {});
    const url = new URL(req.url ?? '/', origin);
    const method = req.method ?? 'GET';
    const rawBody = await readBody(req);
    const record: FakeRequestRecord = {
      seq: ++seq,
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status: 0,
      tokenKind: null,
      userId: null,
      isClientAborted: false,
    };
    if ((req.headers['content-type'] ?? '').startsWith('application/json') && rawBody) {
      try {
        record.requestBody = JSON.parse(rawBody);
      } catch {
        record.requestBody = rawBody;
      }
    }
    log.push(record);
    res.on('close', () => {
      if (!res.writableFinished) record.isClientAborted = true;
    });
    const ctx: Ctx = { req, res, method, path: url.pathname, query: url.searchParams, rawBody, origin, state, options: settings, record, override: null, delayAnswer: null };

    if (url.pathname.startsWith('/v1/') && state.now() < rateLimitedUntilMs - RETRY_AFTER_TOLERANCE_MS) {
      earlyRetries += 1;
      record.fault = 'early_retry';
      const left = Math.max(1, Math.ceil((rateLimitedUntilMs - state.now()) / 1000));
      return apiError(ctx, 429, 'API rate limit exceeded', { 'Retry-After': String(left) });
    }

    const fault = takeFault(method, url.pathname);
    if (fault) {
      const name = fault.kind;
      switch (fault.kind) {
        case 'slow':
          record.fault = name;
          if (fault.applyFirst) ctx.delayAnswer = (write) => void wait(fault.delayMs).then(write);
          else await wait(fault.delayMs);
          break;
        case 'reset':
          record.fault = name;
          req.socket.destroy();
          return;
        case 'unauthorized':
          record.fault = name;
          return apiError(ctx, 401, 'The access token expired');
        case 'rate_limited': {
          record.fault = name;
          const retryAfterSec = fault.retryAfterSec ?? 1;
          if (url.pathname.startsWith('/v1/')) rateLimitedUntilMs = Math.max(rateLimitedUntilMs, state.now() + retryAfterSec * 1000);
          return apiError(ctx, 429, 'API rate limit exceeded', { 'Retry-After': String(retryAfterSec) });
        }
        case 'forbidden':
          record.fault = name;
          return apiError(ctx, 403, fault.message ?? 'Insufficient client scope');
        case 'quota_exceeded':
          record.fault = name;
          return fault.shape === 'message'
            ? apiError(ctx, 429, 'QUOTA_EXCEEDED', { 'Retry-After': '86400' })
            : apiError(ctx, 429, 'The app has exceeded its quota', { 'Retry-After': '86400' }, { reason: 'QUOTA_EXCEEDED' });
        case 'server_error': {
          const status = fault.status ?? 500;
          const body = { error: { status, message: status === 503 ? 'Service unavailable' : 'Server error' } };
          if (fault.afterApplying) {
            ctx.override = { status, body, fault: name };
            break;
          }
          record.fault = name;
          return apiError(ctx, status, body.error.message);
        }
      }
    }

    try {
      if (url.pathname === '/authorize' && method === 'GET') handleAuthorizePage(ctx);
      else if (url.pathname === '/authorize' && method === 'POST') handleAuthorizeDecision(ctx);
      else if (url.pathname === '/api/token' && method === 'POST') handleToken(ctx);
      else if (url.pathname.startsWith('/v1/')) handleWebApi(ctx);
      else apiError(ctx, 404, 'Service not found');
    } catch (error) {
      console.error('fake Spotify failed on', method, url.pathname, error);
      apiError(ctx, 500, 'Server error');
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('fake Spotify crashed', error);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function userOrThrow(userId: string): FakeUser {
    const user = state.users.get(userId);
    if (!user) throw new Error(`no user ${userId}`);
    return user;
  }

  function seedUser(seed: SeedUserOptions = {}): SeededUser {
    userCount += 1;
    const id = seed.id ?? `fake-user-${userCount}`;
    const tracks = typeof seed.library === 'number' ? generateTracks(seed.library, id) : [...(seed.library ?? [])];
    state.addTracks(tracks);
    const library: SavedTrack[] = tracks.map((t, i) => ({ trackId: t.id, addedAt: isoSeconds(LIBRARY_NEWEST - i * 60_000) }));
    const user: FakeUser = { id, displayName: seed.displayName ?? `Fake User ${userCount}`, isAllowListed: seed.isAllowListed ?? true, library };
    state.users.set(id, user);
    state.browserUserId ??= id;
    const scopes = [...(seed.scopes ?? MONTAGE_SCOPES)];
    const access = state.issueAccessToken(clientId, id, scopes, settings.accessTokenLifetimeSec);
    const refresh = state.issueRefreshToken(clientId, id, scopes, settings.refreshTokenLifetimeSec);
    return { user, accessToken: access.token, refreshToken: refresh.token, expiresAtMs: access.expiresAtMs, scopes };
  }

  return {
    url: origin,
    apiBaseUrl: origin,
    accountsBaseUrl: origin,
    clientId,
    clientSecret,
    state,
    log,
    requests(filter = {}) {
      return log.filter(
        (r) =>
          (filter.method === undefined || r.method === filter.method) &&
          (filter.path === undefined || (typeof filter.path === 'string' ? r.path === filter.path : filter.path.test(r.path))),
      );
    },
    clearLog() {
      log.length = 0;
    },
    inject(rule) {
      faults.push({ ...rule, remaining: rule.times ?? 1 });
    },
    pendingFaults() {
      return faults.reduce((sum, f) => sum + f.remaining, 0);
    },
    clearFaults() {
      faults.length = 0;
      rateLimitedUntilMs = 0;
    },
    earlyRetries() {
      return earlyRetries;
    },
    seedUser,
    likeTracks(userId, tracks, addedAt = new Date(state.now())) {
      const user = state.users.get(userId);
      if (!user) throw new Error(`no user ${userId}`);
      state.addTracks(tracks);
      const stamp = isoSeconds(addedAt.getTime());
      user.library.unshift(...tracks.map((t) => ({ trackId: t.id, addedAt: stamp })));
    },
    allowRedirectUri(uri) {
      state.clients.get(clientId)?.redirectUris.add(register(uri));
    },
    addDevice(userId, device) {
      return addDevice(userOrThrow(userId), device);
    },
    setProduct(userId, product) {
      connectOf(userOrThrow(userId)).product = product;
    },
    app(userId) {
      return appControls(state, userOrThrow(userId));
    },
    setRefreshRotation(rule) {
      settings.rotateRefreshTokens = rule;
    },
    setRefreshTokenLifetime(lifetimeSec) {
      settings.refreshTokenLifetimeSec = lifetimeSec;
    },
    advanceTime(ms) {
      state.advanceTime(ms);
    },
    playlistUris(playlistId) {
      return state.playlists.get(playlistId)?.entries.map((e) => e.uri) ?? [];
    },
    playlistsOf(userId) {
      return state.playlistsOf(userId);
    },
    unfollowPlaylist(userId, playlistId) {
      state.followedPlaylists.set(userId, (state.followedPlaylists.get(userId) ?? []).filter((id) => id !== playlistId));
    },
    unlikeTracks(userId, trackIds) {
      const user = state.users.get(userId);
      if (!user) throw new Error(`no user ${userId}`);
      const gone = new Set(trackIds);
      user.library = user.library.filter((s) => !gone.has(s.trackId));
    },
    rockyIvTracks: ROCKY_IV_TRACKS,
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > 1_000_000) throw new Error('request body over 1 MB');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
