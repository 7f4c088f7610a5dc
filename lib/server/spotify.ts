import { eq, sql } from 'drizzle-orm';
import { getDb, type Database } from '../../db/client';
import { spotifyTokens } from '../../db/schema-spotify';
import { getImportProgress, getSavedPlaylistId, recordSavedPlaylist, storeCatalogResolutions, type CatalogResolution } from '../../db/queries/library';
import type { MontageView } from '../../db/queries/montages';
import { ensureShareLink } from '../../db/queries/shares';
import { listCatalogTracks } from '../../db/queries/tracks';
import { getOrCreateSetting, markSetting } from '../../db/queries/owners';
import { getTokens, markNeedsReconnect, openTokens, saveRefreshedTokens, sealTokens } from '../../db/queries/users';
import { getMontageForOwner } from '../../db/queries/montages';
import {
  SPOTIFY_MESSAGES,
  hasConnectScopes,
  type ConnectDevice,
  type PlaybackState,
  createSpotifyAdapter,
  createUserTokenSource,
  isSpotifyError,
  trackUri,
  type SpotifyAdapter,
  type SpotifyError,
  type SpotifyErrorCode,
  type TokenSet,
} from '../spotify';
import { env } from './env';
import { AppError, type AppErrorCode } from './errors';
import { newShareToken } from './owner-cookie';

const globalForSpotify = globalThis as unknown as {
  montageSpotify?: SpotifyAdapter;
  montageSpotifyConnect?: SpotifyAdapter;
};

/** The app's Spotify adapter, on the configured hosts; null when Spotify is not configured. */
export function appSpotify(): SpotifyAdapter | null {
  if (!env.SPOTIFY_CLIENT_ID || !env.SPOTIFY_CLIENT_SECRET) return null;
  globalForSpotify.montageSpotify ??= createSpotifyAdapter({
    apiBaseUrl: env.SPOTIFY_API_BASE_URL,
    accountsBaseUrl: env.SPOTIFY_ACCOUNTS_BASE_URL,
    clientId: env.SPOTIFY_CLIENT_ID,
    clientSecret: env.SPOTIFY_CLIENT_SECRET,
  });
  return globalForSpotify.montageSpotify;
}

function requireSpotify(): SpotifyAdapter {
  const adapter = appSpotify();
  if (!adapter) throw new AppError('not_found', 'Spotify is not configured on this server.');
  return adapter;
}

/**
 * The adapter for Connect requests made while a workout follows the Spotify app: no waiting in
 * the server on a 429 or a 5xx — the page polls again, and backs off as told (Retry-After).
 */
function connectSpotify(): SpotifyAdapter {
  requireSpotify();
  globalForSpotify.montageSpotifyConnect ??= createSpotifyAdapter({
    apiBaseUrl: env.SPOTIFY_API_BASE_URL,
    accountsBaseUrl: env.SPOTIFY_ACCOUNTS_BASE_URL,
    clientId: env.SPOTIFY_CLIENT_ID!,
    clientSecret: env.SPOTIFY_CLIENT_SECRET,
    timeoutMs: 5_000,
    retry: { maxRateLimitRetries: 0, maxServerRetries: 0 },
  });
  return globalForSpotify.montageSpotifyConnect;
}

/** The adapter acting for a signed-in user: tokens from the database, refreshed one at a time. */
export function userSpotify(db: Database, userId: string, adapter: SpotifyAdapter = requireSpotify()): SpotifyAdapter {
  return adapter.withUser(
    createUserTokenSource({
      key: userId,
      async load() {
        const tokens = await getTokens(db, userId);
        if (!tokens || tokens.needsReconnect) return null;
        return { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresAtMs: tokens.expiresAt.getTime() };
      },
      save: (fresh) =>
        saveRefreshedTokens(db, userId, {
          accessToken: fresh.accessToken,
          refreshToken: fresh.refreshToken ?? '',
          scope: fresh.scopes.join(' '),
          expiresAt: new Date(fresh.expiresAtMs),
        }),
      refresh: (refreshToken, seenAccessToken) => refreshUnderLock(db, userId, refreshToken, adapter, seenAccessToken),
      onReconnectRequired: () => markNeedsReconnect(db, userId),
    }),
  );
}

/**
 * Refreshes a user's tokens holding a database lock for that user, so two server processes never
 * spend the same refresh token. Who refreshed first is decided by the tokens, not by clocks: if
 * the stored refresh token (or access token) is no longer the one this caller read, another
 * process refreshed in between and its tokens are used — a rotated refresh token is never spent
 * twice, whatever the processes' clocks say.
 */
export async function refreshUnderLock(
  db: Database,
  userId: string,
  refreshToken: string,
  adapter: SpotifyAdapter,
  seenAccessToken?: string,
): Promise<TokenSet> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`spotify-refresh:${userId}`}))`);
    const [stored] = await tx.select().from(spotifyTokens).where(eq(spotifyTokens.userId, userId));
    const current = stored && openTokens(stored);
    const replaced = current && (current.refreshToken !== refreshToken || (seenAccessToken !== undefined && current.accessToken !== seenAccessToken));
    if (current && replaced && !current.needsReconnect) {
      return { accessToken: current.accessToken, refreshToken: current.refreshToken, expiresAtMs: current.expiresAt.getTime(), scopes: current.scope.split(' ') };
    }
    const fresh = await adapter.refreshUserToken(refreshToken);
    await tx
      .update(spotifyTokens)
      .set({
        ...sealTokens({ accessToken: fresh.accessToken, refreshToken: fresh.refreshToken ?? refreshToken }),
        scope: fresh.scopes.join(' '),
        expiresAt: new Date(fresh.expiresAtMs),
        needsReconnect: false,
        updatedAt: new Date(),
      })
      .where(eq(spotifyTokens.userId, userId));
    return fresh;
  });
}

/**
 * Spotify failures that are not an outage: the person must connect again, or Spotify refused the
 * request for this account (403: a permission not granted, an account off the Development Mode
 * allow-list, Premium needed) — a 4xx they can act on, never the 503 of an outage. The rest
 * (rate limits, quota, outages) are `upstream`.
 */
const APP_CODE_BY_SPOTIFY_CODE: Partial<Record<SpotifyErrorCode, AppErrorCode>> = {
  reconnect_required: 'reconnect_required',
  unauthorized: 'reconnect_required',
  forbidden: 'forbidden',
  premium_required: 'forbidden',
};

/** A Spotify failure as one of our errors, with the adapter's plain-language message. */
export function toAppError(error: unknown): unknown {
  if (!isSpotifyError(error)) return error;
  const spotifyError = error as SpotifyError;
  const message =
    spotifyError.code === 'rate_limited' ? SPOTIFY_MESSAGES.rate_limited(spotifyError.retryAfterSec) : SPOTIFY_MESSAGES[spotifyError.code];
  return new AppError(APP_CODE_BY_SPOTIFY_CODE[spotifyError.code] ?? 'upstream', message);
}

/**
 * Finds the soundtrack on Spotify with the app's own token (no sign-in): each catalog track
 * without a Spotify id is searched once (limit ≤ 10) and its id, ISRC and duration stored.
 * Done once per database; later calls return at once. A failure is recorded (see
 * getSoundtrackResolution, shown on the home page) and thrown; the next call tries again.
 */
export async function resolveSoundtrack(db: Database): Promise<number> {
  const adapter = requireSpotify();
  const done = await getOrCreateSetting(db, SOUNDTRACK_SETTING, () => 'pending');
  if (done === 'done') return 0;
  try {
    const catalog = await listCatalogTracks(db, null);
    const resolutions: CatalogResolution[] = [];
    for (const track of catalog) {
      const found = await adapter.resolveTrack({ title: track.title, artist: track.artist, durationMs: track.durationMs });
      if (found) resolutions.push({ trackId: track.id, spotifyId: found.spotifyId, isrc: found.isrc, spotifyDurationMs: found.durationMs });
    }
    await storeCatalogResolutions(db, resolutions);
    await markSetting(db, SOUNDTRACK_SETTING, 'done');
    await markSetting(db, SOUNDTRACK_ERROR_SETTING, '');
    return resolutions.length;
  } catch (error) {
    const appError = toAppError(error);
    await markSetting(db, SOUNDTRACK_ERROR_SETTING, appError instanceof Error ? appError.message : 'Spotify could not be searched.').catch(() => undefined);
    throw error;
  }
}

const SOUNDTRACK_SETTING = 'soundtrack_resolved';
const SOUNDTRACK_ERROR_SETTING = 'soundtrack_resolution_error';

export interface SoundtrackResolution {
  status: 'done' | 'pending' | 'failed';
  /** What went wrong the last time, in words a person can act on; null unless failed. */
  error: string | null;
}

/** Whether the soundtrack was found on Spotify, and why not when the last try failed. */
export async function getSoundtrackResolution(db: Database): Promise<SoundtrackResolution> {
  const done = await getOrCreateSetting(db, SOUNDTRACK_SETTING, () => 'pending');
  if (done === 'done') return { status: 'done', error: null };
  const error = await getOrCreateSetting(db, SOUNDTRACK_ERROR_SETTING, () => '');
  return error ? { status: 'failed', error } : { status: 'pending', error: null };
}

/** Starts resolveSoundtrack without waiting; a failure is recorded for the home page, logged, and tried again at the next start. */
export function resolveSoundtrackInBackground(): void {
  if (!appSpotify()) return;
  void (async () => {
    const resolved = await resolveSoundtrack(await getDb());
    if (resolved > 0) console.log(`Spotify: resolved ${resolved} soundtrack tracks`);
  })().catch((error: unknown) => console.error('Spotify: soundtrack resolution failed', error));
}

export { getImportProgress };

export interface SaveToSpotifyResult {
  playlistId: string;
  url: string | null;
  created: boolean;
  savedTracks: number;
  /** Tracks with no Spotify id (local files, soundtrack tracks not found on Spotify), left out. */
  skippedTracks: string[];
}

/**
 * Saves a montage as a Spotify playlist in order; saving again updates the same playlist. The
 * description carries the montage's share link (created if it has none).
 */
export async function saveMontageToSpotify(
  db: Database,
  params: { montage: MontageView; userId: string; publicOrigin: string },
): Promise<SaveToSpotifyResult> {
  const { montage } = params;
  const adapter = userSpotify(db, params.userId);
  const withIds = montage.entries.filter((e) => e.track.spotifyId);
  const skippedTracks = montage.entries.filter((e) => !e.track.spotifyId).map((e) => e.track.title);
  if (withIds.length === 0) {
    throw new AppError('invalid_input', 'None of this montage’s tracks is on Spotify yet, so there is nothing to save.', [
      { field: 'entries', message: 'no track is on Spotify' },
    ]);
  }
  const token = await ensureShareLink(db, { montageId: montage.id, ownerId: montage.ownerId, newToken: newShareToken() });
  const previous = await getSavedPlaylistId(db, montage.id);
  try {
    const saved = await adapter.savePlaylist({
      playlistId: previous,
      name: montage.name,
      description: `Montage workout, tempo-ordered around the Rocky IV soundtrack. Follow along: ${params.publicOrigin}/s/${token}`,
      isPublic: false,
      uris: withIds.map((e) => trackUri(e.track.spotifyId!)),
    });
    await recordSavedPlaylist(db, { montageId: montage.id, playlistId: saved.playlist.id, trackCount: withIds.length });
    return { playlistId: saved.playlist.id, url: saved.playlist.url, created: saved.created, savedTracks: withIds.length, skippedTracks };
  } catch (error) {
    throw toAppError(error);
  }
}

// ---------------------------------------------------------------- Connect ("Follow my Spotify app")

export interface ConnectStatus {
  /** The Connect scopes were granted (else the page asks for them: incremental consent). */
  hasScopes: boolean;
  devices: ConnectDevice[];
}

/** Whether Connect may be used, and the listener's open Spotify apps. One request when granted, none otherwise. */
export async function getConnectStatus(db: Database, userId: string): Promise<ConnectStatus> {
  const tokens = await getTokens(db, userId);
  if (!tokens || !hasConnectScopes(tokens.scope)) return { hasScopes: false, devices: [] };
  return { hasScopes: true, devices: await userSpotify(db, userId, connectSpotify()).getDevices() };
}

/** What the listener's Spotify plays (one request; 429 and failures are the caller's to back off from). */
export async function readPlayback(db: Database, userId: string): Promise<PlaybackState | null> {
  return userSpotify(db, userId, connectSpotify()).getPlaybackState();
}

export async function pauseOnDevice(db: Database, userId: string, deviceId: string): Promise<void> {
  await userSpotify(db, userId, connectSpotify()).pausePlayback(deviceId);
}

export async function resumeOnDevice(db: Database, userId: string, deviceId: string): Promise<void> {
  await userSpotify(db, userId, connectSpotify()).resumePlayback(deviceId);
}

/**
 * Starts the montage on a device at a track (its position among the montage's Spotify tracks) and
 * a position in it. The montage's own playlist is the context when the listener owns the montage
 * and the playlist saved for it holds exactly these tracks (checked: 1 request per 50 tracks);
 * otherwise the tracks are played as a list. Returns which it was.
 */
export async function startMontageOnDevice(
  db: Database,
  params: { userId: string; ownerId: string; deviceId: string; spotifyIds: readonly string[]; offsetPosition: number; positionMs: number; montageId?: string | null },
): Promise<{ context: 'playlist' | 'tracks' }> {
  const adapter = userSpotify(db, params.userId, connectSpotify());
  const uris = params.spotifyIds.map((id) => trackUri(id));
  let contextUri: string | undefined;
  if (params.montageId) {
    const montage = await getMontageForOwner(db, params.montageId, params.ownerId);
    const playlistId = montage ? await getSavedPlaylistId(db, montage.id) : null;
    if (playlistId) {
      const held = await adapter.getPlaylistItemUris(playlistId).catch(() => null);
      if (held && held.length === uris.length && held.every((uri, i) => uri === uris[i])) contextUri = `spotify:playlist:${playlistId}`;
    }
  }
  await adapter.startPlayback({ deviceId: params.deviceId, contextUri, uris: contextUri ? undefined : uris, offsetPosition: params.offsetPosition, positionMs: params.positionMs });
  return { context: contextUri ? 'playlist' : 'tracks' };
}

/**
 * A Connect failure as the page needs it: 429 with Retry-After (the page waits that long), 403
 * for Premium, 409 when no Spotify app is open, the rest as usual. Null when not a Spotify error.
 */
export function connectErrorResponse(error: unknown): Response | null {
  if (!isSpotifyError(error)) return null;
  const body = (code: string, message: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ error: { code, message, ...extra } });
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
  switch (error.code) {
    case 'rate_limited': {
      const retryAfterSec = error.retryAfterSec ?? 5;
      return new Response(body('rate_limited', SPOTIFY_MESSAGES.rate_limited(retryAfterSec), { retryAfterSec }), {
        status: 429,
        headers: { ...headers, 'retry-after': String(Math.ceil(retryAfterSec)) },
      });
    }
    case 'premium_required':
      return new Response(body('premium_required', SPOTIFY_MESSAGES.premium_required), { status: 403, headers });
    case 'no_active_device':
      return new Response(body('no_active_device', SPOTIFY_MESSAGES.no_active_device), { status: 409, headers });
    case 'not_found':
      return new Response(body('not_found', 'That Spotify app is no longer open (or the playlist is gone). Look again for your Spotify apps.'), { status: 404, headers });
    case 'forbidden':
      return new Response(body('forbidden', 'Spotify refused: allow Montage to see and control your Spotify playback (turn “Follow my Spotify app” on again).'), { status: 403, headers });
    default:
      return null;
  }
}
