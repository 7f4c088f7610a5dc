import { createSpotifyClient, type BearerTokens, type SpotifyClient, type SpotifyClientConfig, type SpotifyRequest } from './client';
import { ACCOUNTS_ENDPOINTS, SPOTIFY_LIMITS, WEB_API_ENDPOINTS, webApiPath, type WebApiEndpoint } from './endpoints';
import { SPOTIFY_MESSAGES, SpotifyError, isSpotifyError } from './errors';
import { pickBestMatch, splitArtists, type WantedTrack } from './match';
import type {
  RawPaging,
  RawPlaylist,
  RawPlaylistEntry,
  RawPrivateUser,
  RawSavedTrack,
  RawSearchResponse,
  RawSimplifiedPlaylist,
  RawSnapshotResponse,
  RawTokenResponse,
} from './raw-types';
import { toConnectDevice, toPlaybackState, type ConnectDevice, type PlaybackState, type RawDevice, type RawPlaybackState, type StartPlayback } from './connect';
import { decodeHtmlEntities, toEntryUris, toSavedTracksPage, toSpotifyPlaylist, toSpotifyTrack, toSpotifyUser, toTokenSet } from './transforms';
import type { SavedTracksPage, SpotifyPlaylist, SpotifyTrack, SpotifyUser, TokenSet } from './types';

export { SpotifyError, isSpotifyError, SPOTIFY_MESSAGES } from './errors';
export type { SpotifyErrorCode } from './errors';
export type { BearerTokens, RetryPolicy, AttemptRecord } from './client';
export { DEFAULT_RETRY_POLICY, DEFAULT_TIMEOUT_MS } from './client';
export { SPOTIFY_LIMITS, WEB_API_ENDPOINTS, ACCOUNTS_ENDPOINTS } from './endpoints';
export { pickBestMatch, type WantedTrack } from './match';
export { decodeHtmlEntities, toPoolTrack, toSpotifyTrack, toLibraryTrack, trackUri } from './transforms';
export * from './connect';
export { createUserTokenSource, type StoredUserTokens, type UserTokenSourceOptions } from './token-source';
export type * from './types';

export { SPOTIFY_SCOPES } from './scopes';

export interface SpotifyAdapterConfig extends SpotifyClientConfig {
  /** The signed-in person's current access token. Omit for app-only use (search). */
  getAccessToken?: () => Promise<string>;
  /** Called after a 401 with the refused token; returns a fresh one (one refresh at a time per user). */
  refreshAccessToken?: (rejectedToken: string) => Promise<string>;
  /** Clock for token expiry (ms since the epoch). */
  now?: () => number;
}

export interface PlaylistDetails {
  name: string;
  description?: string;
  isPublic: boolean;
}

export interface ImportOptions {
  /** Resume an interrupted import here (the `nextOffset` of the last page stored). */
  startOffset?: number;
  /**
   * Re-sync: stop at the first liked song saved at or before this time (the newest `addedAt`
   * of the last complete import). Liked songs come newest first, so what follows is known.
   */
  since?: string | null;
  /** Awaited before the next page is requested, e.g. to store the page and its `nextOffset`. */
  onPage?: (page: SavedTracksPage) => Promise<void> | void;
}

export interface ReplaceResult {
  snapshotId: string | null;
  itemCount: number;
}

export interface SaveResult {
  playlist: SpotifyPlaylist;
  /** False when an existing playlist was updated in place. */
  created: boolean;
  snapshotId: string | null;
}

export interface SpotifyAdapter {
  /** The same adapter (client, app token) acting for a signed-in person. */
  withUser(tokens: BearerTokens): SpotifyAdapter;
  clientCredentialsToken(): Promise<TokenSet>;
  /** `invalid_grant` (revoked or expired refresh token) → SpotifyError `reconnect_required`. */
  refreshUserToken(refreshToken: string): Promise<TokenSet>;
  exchangeCode(params: { code: string; codeVerifier: string; redirectUri: string }): Promise<TokenSet>;
  getCurrentUser(): Promise<SpotifyUser>;
  /** Catalogue search with the app's own token; `limit` 1..10 (the reference's bound). */
  searchTracks(query: { title: string; artist: string }, options?: { limit?: number }): Promise<SpotifyTrack[]>;
  /** The search result that is the wanted recording (see pickBestMatch), or null. One request. */
  resolveTrack(wanted: WantedTrack): Promise<SpotifyTrack | null>;
  getSavedTracksPage(params: { offset: number; limit?: number }): Promise<SavedTracksPage>;
  /** Liked songs, 50 a request: ⌈N/50⌉ requests for N songs from offset 0. */
  importSavedTracks(options?: ImportOptions): AsyncGenerator<SavedTracksPage, void, undefined>;
  getMyPlaylists(params?: { offset?: number; limit?: number }): Promise<{ playlists: SpotifyPlaylist[]; total: number }>;
  createPlaylist(details: PlaylistDetails): Promise<SpotifyPlaylist>;
  getPlaylist(playlistId: string): Promise<SpotifyPlaylist>;
  updatePlaylistDetails(playlistId: string, details: Partial<PlaylistDetails>): Promise<void>;
  getPlaylistItemCount(playlistId: string): Promise<number>;
  getPlaylistItemUris(playlistId: string): Promise<string[]>;
  /**
   * Is the playlist still in their library? "Deleting" a playlist on Spotify only unfollows it:
   * it still answers to updates, but they never see it again. One request.
   */
  isPlaylistInLibrary(playlistId: string): Promise<boolean>;
  /** Connect: their devices with a Spotify app open (needs user-read-playback-state). */
  getDevices(): Promise<ConnectDevice[]>;
  /** Connect: what plays where, or null when nothing is active (204). */
  getPlaybackState(): Promise<PlaybackState | null>;
  /** Connect: start a playlist (or list of tracks) on a device at a track and position. Premium only: `premium_required`. */
  startPlayback(start: StartPlayback): Promise<void>;
  /** Connect: resume what the device had (no body), or pause it. Premium only. */
  resumePlayback(deviceId: string): Promise<void>;
  pausePlayback(deviceId: string): Promise<void>;
  /** Sets the playlist to exactly `uris`, in order: PUT the first 100, then POST 100 at a time. */
  replacePlaylistItems(playlistId: string, uris: readonly string[]): Promise<ReplaceResult>;
  /**
   * Save a montage: update `playlistId` when given and still in their library (not deleted, i.e.
   * unfollowed, and not gone), else create a playlist; then replace its items. 1 + ⌈K/100⌉
   * requests for K tracks to a new playlist, 2 + ⌈K/100⌉ to an existing one, when nothing fails.
   */
  savePlaylist(params: PlaylistDetails & { playlistId?: string | null; uris: readonly string[] }): Promise<SaveResult>;
}

const PLAYABLE_URI = /^spotify:(track|episode):[0-9A-Za-z]{22}$/;
/** Renew the app token this long before Spotify would refuse it (at most half its lifetime). */
const APP_TOKEN_MARGIN_MS = 60_000;

export function createSpotifyAdapter(config: SpotifyAdapterConfig): SpotifyAdapter {
  const client = createSpotifyClient(config);
  const now = config.now ?? Date.now;
  const appTokens = createAppTokenCache(client, now);
  const userTokens: BearerTokens | null = config.getAccessToken
    ? { getAccessToken: config.getAccessToken, refreshAccessToken: config.refreshAccessToken }
    : null;
  return buildAdapter(client, now, appTokens, userTokens);
}

function buildAdapter(client: SpotifyClient, now: () => number, appTokens: BearerTokens, userTokens: BearerTokens | null): SpotifyAdapter {
  const userAuth = (): SpotifyRequest['auth'] => {
    if (!userTokens) throw new SpotifyError('reconnect_required', SPOTIFY_MESSAGES.reconnect_required, { detail: 'no user token' });
    return { kind: 'bearer', tokens: userTokens };
  };

  async function api<T>(
    endpoint: WebApiEndpoint,
    options: { params?: Record<string, string>; query?: SpotifyRequest['query']; json?: object; auth?: SpotifyRequest['auth'] } = {},
  ): Promise<T> {
    const response = await client.send<T>({
      service: 'api',
      method: endpoint.method,
      path: webApiPath(endpoint, options.params),
      query: options.query,
      json: options.json,
      auth: options.auth ?? userAuth(),
    });
    return response.body;
  }

  /** Confidential clients authenticate with Basic; a public (PKCE-only) client sends its id in the body. */
  async function token(form: Record<string, string>, idempotent: boolean, previousRefreshToken: string | null = null): Promise<TokenSet> {
    const isConfidential = client.hasClientSecret;
    const response = await client.send<RawTokenResponse>({
      service: 'accounts',
      method: 'POST',
      path: ACCOUNTS_ENDPOINTS.token,
      form: isConfidential ? form : { ...form, client_id: client.clientId },
      auth: isConfidential ? { kind: 'client' } : { kind: 'none' },
      idempotent,
    });
    const body = response.body;
    if (!body || typeof body.access_token !== 'string' || typeof body.expires_in !== 'number') {
      throw new SpotifyError('invalid_response', SPOTIFY_MESSAGES.invalid_response, { detail: 'token answer without access_token' });
    }
    return toTokenSet(body, now(), previousRefreshToken);
  }

  function requirePlaylist(raw: RawPlaylist | RawSimplifiedPlaylist): SpotifyPlaylist {
    const playlist = toSpotifyPlaylist(raw);
    if (!playlist) throw new SpotifyError('invalid_response', SPOTIFY_MESSAGES.invalid_response, { detail: 'playlist without id or name' });
    return playlist;
  }

  const adapter: SpotifyAdapter = {
    withUser(tokens) {
      return buildAdapter(client, now, appTokens, tokens);
    },

    clientCredentialsToken() {
      return token({ grant_type: 'client_credentials' }, true);
    },

    refreshUserToken(refreshToken) {
      return token({ grant_type: 'refresh_token', refresh_token: refreshToken }, true, refreshToken);
    },

    exchangeCode({ code, codeVerifier, redirectUri }) {
      // An authorization code is single-use: a retried exchange could only fail.
      return token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: codeVerifier }, false);
    },

    async getCurrentUser() {
      const user = toSpotifyUser(await api<RawPrivateUser>(WEB_API_ENDPOINTS.currentUser));
      if (!user) throw new SpotifyError('invalid_response', SPOTIFY_MESSAGES.invalid_response, { detail: 'profile without id' });
      return user;
    },

    async searchTracks(query, options = {}) {
      const limit = options.limit ?? SPOTIFY_LIMITS.searchMax;
      assertLimit('search limit', limit, SPOTIFY_LIMITS.searchMax);
      const body = await api<RawSearchResponse>(WEB_API_ENDPOINTS.search, {
        query: { q: trackQuery(query), type: 'track', limit },
        auth: { kind: 'bearer', tokens: appTokens },
      });
      return (body.tracks?.items ?? []).map(toSpotifyTrack).filter((t): t is SpotifyTrack => t !== null);
    },

    async resolveTrack(wanted) {
      return pickBestMatch(await adapter.searchTracks(wanted), wanted);
    },

    async getSavedTracksPage({ offset, limit = SPOTIFY_LIMITS.pageMax }) {
      assertLimit('page limit', limit, SPOTIFY_LIMITS.pageMax);
      assertOffset(offset);
      const body = await api<RawPaging<RawSavedTrack>>(WEB_API_ENDPOINTS.savedTracks, { query: { limit, offset } });
      return toSavedTracksPage(body);
    },

    async *importSavedTracks({ startOffset = 0, since = null, onPage } = {}) {
      const sinceMs = since ? Date.parse(since) : null;
      let offset = startOffset;
      for (;;) {
        let page = await adapter.getSavedTracksPage({ offset, limit: SPOTIFY_LIMITS.pageMax });
        if (sinceMs !== null) {
          const fresh = page.tracks.filter((t) => Date.parse(t.addedAt) > sinceMs);
          if (fresh.length < page.tracks.length) page = { ...page, tracks: fresh, nextOffset: null };
        }
        await onPage?.(page);
        yield page;
        if (page.nextOffset === null) return;
        offset = page.nextOffset;
      }
    },

    async getMyPlaylists({ offset = 0, limit = SPOTIFY_LIMITS.pageMax } = {}) {
      assertLimit('page limit', limit, SPOTIFY_LIMITS.pageMax);
      assertOffset(offset);
      const body = await api<RawPaging<RawSimplifiedPlaylist>>(WEB_API_ENDPOINTS.myPlaylists, { query: { limit, offset } });
      const playlists = body.items.map(toSpotifyPlaylist).filter((p): p is SpotifyPlaylist => p !== null);
      return { playlists, total: body.total };
    },

    async createPlaylist(details) {
      const json = { name: details.name, description: details.description ?? '', public: details.isPublic };
      for (let retry = 0; ; retry++) {
        try {
          return requirePlaylist(await api<RawPlaylist>(WEB_API_ENDPOINTS.createPlaylist, { json }));
        } catch (error) {
          // The POST may have created the playlist before the answer was lost: adopt it rather than
          // make a second one. Any empty playlist of theirs with this name and description will do.
          if (!isSpotifyError(error, 'unavailable') || !error.mayHaveApplied) throw error;
          const adopted = await findEmptyTwin(details).catch(() => null);
          if (adopted) return adopted;
          if (retry >= client.policy.maxServerRetries) throw error;
          await client.sleep(client.backoffMs(retry));
        }
      }
    },

    async getPlaylist(playlistId) {
      assertPlaylistId(playlistId);
      return requirePlaylist(await api<RawPlaylist>(WEB_API_ENDPOINTS.playlist, { params: { playlist_id: playlistId } }));
    },

    async updatePlaylistDetails(playlistId, details) {
      assertPlaylistId(playlistId);
      const json: Record<string, string | boolean> = {};
      if (details.name !== undefined) json.name = details.name;
      if (details.description !== undefined) json.description = details.description;
      if (details.isPublic !== undefined) json.public = details.isPublic;
      if (Object.keys(json).length === 0) return;
      await api<null>(WEB_API_ENDPOINTS.changePlaylistDetails, { params: { playlist_id: playlistId }, json });
    },

    async getPlaylistItemCount(playlistId) {
      assertPlaylistId(playlistId);
      const body = await api<RawPaging<RawPlaylistEntry>>(WEB_API_ENDPOINTS.playlistItems, {
        params: { playlist_id: playlistId },
        query: { limit: 1, offset: 0 },
      });
      return body.total;
    },

    async getPlaylistItemUris(playlistId) {
      assertPlaylistId(playlistId);
      const uris: string[] = [];
      for (let offset = 0; ; ) {
        const body = await api<RawPaging<RawPlaylistEntry>>(WEB_API_ENDPOINTS.playlistItems, {
          params: { playlist_id: playlistId },
          query: { limit: SPOTIFY_LIMITS.pageMax, offset },
        });
        uris.push(...toEntryUris(body));
        if (body.next === null || body.items.length === 0) return uris;
        offset += body.items.length;
      }
    },

    async isPlaylistInLibrary(playlistId) {
      assertPlaylistId(playlistId);
      const body = await api<unknown>(WEB_API_ENDPOINTS.libraryContains, { query: { uris: `spotify:playlist:${playlistId}` } });
      if (!Array.isArray(body) || typeof body[0] !== 'boolean') {
        throw new SpotifyError('invalid_response', SPOTIFY_MESSAGES.invalid_response, { detail: 'library/contains without a boolean' });
      }
      return body[0];
    },

    async getDevices() {
      const body = await api<{ devices?: RawDevice[] }>(WEB_API_ENDPOINTS.devices);
      return (body?.devices ?? []).map(toConnectDevice).filter((d): d is ConnectDevice => d !== null);
    },

    async getPlaybackState() {
      return toPlaybackState(await api<RawPlaybackState | null>(WEB_API_ENDPOINTS.playbackState));
    },

    async startPlayback({ deviceId, contextUri, uris, offsetPosition, positionMs }) {
      if (!Number.isInteger(offsetPosition) || offsetPosition < 0) throw new RangeError(`offset must be a non-negative integer, got ${offsetPosition}`);
      const json = contextUri
        ? { context_uri: contextUri, offset: { position: offsetPosition }, position_ms: Math.max(0, Math.round(positionMs)) }
        : { uris: [...(uris ?? [])], offset: { position: offsetPosition }, position_ms: Math.max(0, Math.round(positionMs)) };
      await api<null>(WEB_API_ENDPOINTS.startPlayback, { query: { device_id: deviceId }, json });
    },

    async resumePlayback(deviceId) {
      await api<null>(WEB_API_ENDPOINTS.startPlayback, { query: { device_id: deviceId } });
    },

    async pausePlayback(deviceId) {
      await api<null>(WEB_API_ENDPOINTS.pausePlayback, { query: { device_id: deviceId } });
    },

    async replacePlaylistItems(playlistId, uris) {
      assertPlaylistId(playlistId);
      const bad = uris.find((uri) => !PLAYABLE_URI.test(uri));
      if (bad !== undefined) throw new RangeError(`not a Spotify track or episode uri: ${bad}`);
      const chunks = chunk(uris, SPOTIFY_LIMITS.playlistItemsPerRequest);
      const params = { playlist_id: playlistId };
      // PUT replaces the whole playlist with the first chunk (and is safe to repeat); POST appends
      // the rest in order. A POST that may or may not have gone through is settled by reading the
      // item count; if that shows anything unexpected, start over from the PUT once.
      for (let restart = 0; ; restart++) {
        let snapshot = await api<RawSnapshotResponse>(WEB_API_ENDPOINTS.replacePlaylistItems, { params, json: { uris: chunks[0] ?? [] } });
        let expected = chunks[0]?.length ?? 0;
        let mustRestart = false;
        for (const part of chunks.slice(1)) {
          for (let retry = 0; ; retry++) {
            try {
              snapshot = await api<RawSnapshotResponse>(WEB_API_ENDPOINTS.addPlaylistItems, { params, json: { uris: part } });
              break;
            } catch (error) {
              if (!isSpotifyError(error, 'unavailable') || !error.mayHaveApplied) throw error;
              const count = await adapter.getPlaylistItemCount(playlistId);
              if (count === expected + part.length) break;
              if (count !== expected) {
                if (restart >= 1) throw error;
                mustRestart = true;
                break;
              }
              if (retry >= client.policy.maxServerRetries) throw error;
              await client.sleep(client.backoffMs(retry));
            }
          }
          if (mustRestart) break;
          expected += part.length;
        }
        if (!mustRestart) return { snapshotId: snapshot?.snapshot_id ?? null, itemCount: expected };
      }
    },

    async savePlaylist({ playlistId, uris, ...details }) {
      let playlist: SpotifyPlaylist | null = null;
      // "Deleted" on Spotify means unfollowed: updating it would succeed, and they would never see it.
      const isKept = playlistId ? await adapter.isPlaylistInLibrary(playlistId) : false;
      if (playlistId && isKept) {
        try {
          await adapter.updatePlaylistDetails(playlistId, details);
          playlist = {
            id: playlistId,
            name: details.name,
            description: details.description ?? null,
            isPublic: details.isPublic,
            snapshotId: null,
            uri: `spotify:playlist:${playlistId}`,
            // Spotify's web address for a playlist; saves reading the playlist back just for it.
            url: `https://open.spotify.com/playlist/${playlistId}`,
            ownerId: null,
            itemCount: null,
          };
        } catch (error) {
          // Gone from Spotify (or never reachable): save to a new playlist rather than lose the save.
          if (!isSpotifyError(error, 'not_found')) throw error;
        }
      }
      const created = playlist === null;
      playlist ??= await adapter.createPlaylist(details);
      const { snapshotId, itemCount } = await adapter.replacePlaylistItems(playlist.id, uris);
      return { playlist: { ...playlist, snapshotId, itemCount }, created, snapshotId };
    },
  };

  /**
   * The playlist a lost create made: theirs, empty, same name, and a description that is the one
   * sent once Spotify's HTML escaping is undone — or none at all, as Spotify may answer null for
   * it. Their playlists come newest first, so the first such one is the newest.
   */
  async function findEmptyTwin(details: PlaylistDetails): Promise<SpotifyPlaylist | null> {
    const [me, page] = await Promise.all([adapter.getCurrentUser(), adapter.getMyPlaylists({ limit: SPOTIFY_LIMITS.pageMax })]);
    const description = details.description ?? '';
    return (
      page.playlists.find(
        (p) => p.ownerId === me.id && p.name === details.name && p.itemCount === 0 && (p.description === null || sameText(p.description, description)),
      ) ?? null
    );
  }

  return adapter;
}

/** The app's client-credentials token, fetched when first needed and renewed before it expires; one fetch at a time. */
function createAppTokenCache(client: SpotifyClient, now: () => number): BearerTokens {
  let current: TokenSet | null = null;
  let marginMs = APP_TOKEN_MARGIN_MS;
  let inFlight: Promise<string> | null = null;
  const isUsable = (tokens: TokenSet | null): tokens is TokenSet => tokens !== null && tokens.expiresAtMs - marginMs > now();

  const fetchToken = (): Promise<string> => {
    inFlight ??= client
      .send<RawTokenResponse>({
        service: 'accounts',
        method: 'POST',
        path: ACCOUNTS_ENDPOINTS.token,
        form: { grant_type: 'client_credentials' },
        auth: { kind: 'client' },
        idempotent: true,
      })
      .then((response) => {
        if (!response.body || typeof response.body.access_token !== 'string') {
          throw new SpotifyError('invalid_response', SPOTIFY_MESSAGES.invalid_response, { detail: 'token answer without access_token' });
        }
        const fetchedAtMs = now();
        current = toTokenSet(response.body, fetchedAtMs);
        marginMs = Math.min(APP_TOKEN_MARGIN_MS, (current.expiresAtMs - fetchedAtMs) / 2);
        return current.accessToken;
      })
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  };

  return {
    async getAccessToken() {
      return isUsable(current) ? current.accessToken : fetchToken();
    },
    async refreshAccessToken(rejectedToken) {
      return isUsable(current) && current.accessToken !== rejectedToken ? current.accessToken : fetchToken();
    },
  };
}

/** `track:"Eye of the Tiger" artist:"Survivor"`: field filters, first credited artist only. */
export function trackQuery({ title, artist }: { title: string; artist: string }): string {
  const clean = (value: string) => value.replace(/"/g, '').trim();
  const firstArtist = splitArtists(artist)[0] ?? artist;
  return `track:"${clean(title)}" artist:"${clean(firstArtist)}"`;
}

/** Letters and digits only: equal whatever escaping (`&#x2F;`, `&amp;`…) either side went through. */
function sameText(returned: string, sent: string): boolean {
  const bare = (value: string) => decodeHtmlEntities(value).replace(/[^\p{L}\p{N}]+/gu, '');
  return bare(returned) === bare(sent);
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

function assertLimit(name: string, limit: number, max: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > max) throw new RangeError(`${name} must be an integer from 1 to ${max}, got ${limit}`);
}

function assertOffset(offset: number): void {
  if (!Number.isInteger(offset) || offset < 0) throw new RangeError(`offset must be a non-negative integer, got ${offset}`);
}

function assertPlaylistId(playlistId: string): void {
  if (!/^[0-9A-Za-z]{1,64}$/.test(playlistId)) throw new RangeError(`not a Spotify playlist id: ${playlistId}`);
}
