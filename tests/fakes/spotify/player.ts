import { randomBytes } from 'node:crypto';
import { renderTrack } from './web-api';
import { apiError, jsonBody, sendJson, type Ctx } from './http';
import type { FakeSpotifyState, FakeUser } from './state';

/**
 * Spotify Connect in the fake: each user's devices (Spotify apps that are open), one player
 * state that advances with the fake's clock (track after track through a playlist or a list of
 * uris), Premium and free accounts. Commands answer as Spotify does: 403 PREMIUM_REQUIRED for a
 * free account, 404 NO_ACTIVE_DEVICE when no device is active and none is named, 404 for an
 * unknown device. Tests act as the Spotify app on the phone through `FakeSpotify.app(userId)`.
 */

export interface FakeDevice {
  id: string;
  name: string;
  type: string;
  isActive: boolean;
  isRestricted: boolean;
  volumePercent: number;
}

export interface FakePlayer {
  deviceId: string;
  contextUri: string | null;
  uris: string[];
  index: number;
  /** Position in uris[index] at `sinceMs` (fake clock). */
  positionMs: number;
  sinceMs: number;
  isPlaying: boolean;
  /** When play/pause/skip/seek last changed it (Spotify's `timestamp`). */
  changedAtMs: number;
}

export interface ConnectState {
  product: 'premium' | 'free';
  devices: FakeDevice[];
  player: FakePlayer | null;
}

const connect = new WeakMap<FakeUser, ConnectState>();

export function connectOf(user: FakeUser): ConnectState {
  let found = connect.get(user);
  if (!found) {
    found = { product: 'premium', devices: [], player: null };
    connect.set(user, found);
  }
  return found;
}

export function addDevice(user: FakeUser, device: { name: string; type?: string; isRestricted?: boolean }): FakeDevice {
  const added: FakeDevice = { id: randomBytes(20).toString('hex'), name: device.name, type: device.type ?? 'smartphone', isActive: false, isRestricted: device.isRestricted ?? false, volumePercent: 80 };
  connectOf(user).devices.push(added);
  return added;
}

function durationOf(state: FakeSpotifyState, uri: string | undefined): number {
  const id = /^spotify:track:(\w+)$/.exec(uri ?? '')?.[1];
  return (id && state.tracks.get(id)?.durationMs) || 0;
}

/** Moves the player to now: through track ends, stopping after the last track. */
export function settle(state: FakeSpotifyState, player: FakePlayer): void {
  const now = state.now();
  if (player.isPlaying) {
    let position = player.positionMs + (now - player.sinceMs);
    for (;;) {
      const duration = durationOf(state, player.uris[player.index]);
      if (duration <= 0 || position < duration) break;
      if (player.index + 1 >= player.uris.length) {
        position = duration;
        player.isPlaying = false;
        player.changedAtMs = player.sinceMs + (duration - player.positionMs);
        break;
      }
      position -= duration;
      player.index += 1;
      player.changedAtMs = now - position;
    }
    player.positionMs = position;
  }
  player.sinceMs = now;
}

/** The Spotify app on the phone: what a listener does there. */
export function appControls(state: FakeSpotifyState, user: FakeUser) {
  const player = () => {
    const current = connectOf(user).player;
    if (!current) throw new Error(`nothing plays for ${user.id}`);
    settle(state, current);
    return current;
  };
  return {
    pause() {
      const p = player();
      p.isPlaying = false;
      p.changedAtMs = state.now();
    },
    resume() {
      const p = player();
      p.isPlaying = true;
      p.changedAtMs = state.now();
    },
    skipToNext() {
      const p = player();
      p.index = Math.min(p.index + 1, p.uris.length - 1);
      p.positionMs = 0;
      p.changedAtMs = state.now();
    },
    seek(positionMs: number) {
      const p = player();
      p.positionMs = positionMs;
      p.changedAtMs = state.now();
    },
    /** Where the music really is now: the track and position. */
    now(): { uri: string | null; index: number; positionMs: number; isPlaying: boolean } | null {
      const current = connectOf(user).player;
      if (!current) return null;
      settle(state, current);
      return { uri: current.uris[current.index] ?? null, index: current.index, positionMs: current.positionMs, isPlaying: current.isPlaying };
    },
  };
}

function renderDevice(device: FakeDevice) {
  return {
    id: device.id,
    is_active: device.isActive,
    is_private_session: false,
    is_restricted: device.isRestricted,
    name: device.name,
    type: device.type,
    volume_percent: device.volumePercent,
    supports_volume: true,
  };
}

export function handleDevices(ctx: Ctx, user: FakeUser): void {
  sendJson(ctx, 200, { devices: connectOf(user).devices.map(renderDevice) });
}

export function handlePlaybackState(ctx: Ctx, user: FakeUser): void {
  const { player, devices } = connectOf(user);
  const device = player && devices.find((d) => d.id === player.deviceId);
  if (!player || !device) return sendJson(ctx, 204, undefined);
  settle(ctx.state, player);
  const trackId = /^spotify:track:(\w+)$/.exec(player.uris[player.index] ?? '')?.[1];
  const track = trackId ? ctx.state.tracks.get(trackId) : undefined;
  sendJson(ctx, 200, {
    device: renderDevice(device),
    repeat_state: 'off',
    shuffle_state: false,
    // Spotify says null for "no context" (a list of uris); the reference's schema has no null there, so it is left out.
    ...(player.contextUri
      ? { context: { type: 'playlist', uri: player.contextUri, href: `${ctx.origin}/v1/playlists/${player.contextUri.split(':')[2]}`, external_urls: { spotify: `https://open.spotify.com/playlist/${player.contextUri.split(':')[2]}` } } }
      : {}),
    timestamp: Math.round(player.changedAtMs),
    progress_ms: Math.round(player.positionMs),
    is_playing: player.isPlaying,
    item: track ? renderTrack(track, ctx.origin) : null,
    currently_playing_type: track ? 'track' : 'unknown',
    actions: { pausing: !player.isPlaying, resuming: player.isPlaying },
  });
}

/** The device a command is for: the named one, or the active one; answers the error itself and returns null. */
function targetDevice(ctx: Ctx, user: FakeUser): FakeDevice | null {
  const state = connectOf(user);
  if (state.product !== 'premium') return apiError(ctx, 403, 'Player command failed: Premium required', {}, { reason: 'PREMIUM_REQUIRED' }), null;
  const named = ctx.query.get('device_id');
  const device = named ? state.devices.find((d) => d.id === named) : state.devices.find((d) => d.isActive);
  if (!device) {
    return named ? apiError(ctx, 404, 'Device not found') : apiError(ctx, 404, 'Player command failed: No active device found', {}, { reason: 'NO_ACTIVE_DEVICE' }), null;
  }
  if (device.isRestricted) return apiError(ctx, 403, 'Player command failed: Restriction violated', {}, { reason: 'UNKNOWN' }), null;
  return device;
}

function activate(user: FakeUser, device: FakeDevice): void {
  for (const d of connectOf(user).devices) d.isActive = d.id === device.id;
}

export function handlePlay(ctx: Ctx, user: FakeUser): void {
  const device = targetDevice(ctx, user);
  if (!device) return;
  const body = jsonBody(ctx);
  if (body === null) return apiError(ctx, 400, 'Error parsing json');
  const state = connectOf(user);
  const now = ctx.state.now();
  if (body.context_uri === undefined && body.uris === undefined) {
    // Resume: what was playing, now on this device.
    if (!state.player) return apiError(ctx, 404, 'Player command failed: No active device found', {}, { reason: 'NO_ACTIVE_DEVICE' });
    settle(ctx.state, state.player);
    Object.assign(state.player, { deviceId: device.id, isPlaying: true, changedAtMs: now });
    activate(user, device);
    return sendJson(ctx, 204, undefined);
  }
  let uris: string[];
  let contextUri: string | null = null;
  if (typeof body.context_uri === 'string') {
    const playlistId = /^spotify:playlist:([0-9A-Za-z]+)$/.exec(body.context_uri)?.[1];
    const playlist = playlistId ? ctx.state.playlists.get(playlistId) : undefined;
    if (!playlist || (!playlist.isPublic && playlist.ownerId !== user.id)) return apiError(ctx, 404, 'Context not found');
    uris = playlist.entries.map((e) => e.uri);
    contextUri = body.context_uri;
  } else if (Array.isArray(body.uris) && body.uris.every((u) => typeof u === 'string' && /^spotify:track:[0-9A-Za-z]{22}$/.test(u))) {
    uris = body.uris as string[];
  } else return apiError(ctx, 400, 'Invalid uris');
  const offset = body.offset as { position?: unknown } | undefined;
  const index = offset?.position === undefined ? 0 : Number(offset.position);
  if (!Number.isInteger(index) || index < 0 || index >= uris.length) return apiError(ctx, 400, 'Invalid offset');
  const positionMs = body.position_ms === undefined ? 0 : Number(body.position_ms);
  if (!Number.isInteger(positionMs) || positionMs < 0) return apiError(ctx, 400, 'Invalid position_ms');
  state.player = { deviceId: device.id, contextUri, uris, index, positionMs, sinceMs: now, isPlaying: true, changedAtMs: now };
  activate(user, device);
  sendJson(ctx, 204, undefined);
}

export function handlePause(ctx: Ctx, user: FakeUser): void {
  const device = targetDevice(ctx, user);
  if (!device) return;
  const { player } = connectOf(user);
  if (!player || player.deviceId !== device.id) return apiError(ctx, 404, 'Player command failed: No active device found', {}, { reason: 'NO_ACTIVE_DEVICE' });
  settle(ctx.state, player);
  player.isPlaying = false;
  player.changedAtMs = ctx.state.now();
  sendJson(ctx, 204, undefined);
}
