import type { RawTrack } from './raw-types';
import { CONNECT_SCOPES } from './scopes';

export { CONNECT_SCOPES };

/**
 * Spotify Connect, as far as Montage uses it: the listener's devices, starting the montage's
 * playlist on one, and reading what it plays so the workout follows the music. Types, the raw
 * answers, and pure functions only (the requests are in index.ts; polling in the browser hook).
 */


/** Has a stored grant (space-separated scopes) what Connect needs? */
export function hasConnectScopes(grantedScope: string): boolean {
  const granted = new Set(grantedScope.split(/\s+/).filter(Boolean));
  return CONNECT_SCOPES.every((scope) => granted.has(scope));
}

export interface RawDevice {
  id: string | null;
  is_active?: boolean;
  is_private_session?: boolean;
  is_restricted?: boolean;
  name?: string;
  type?: string;
  volume_percent?: number | null;
  supports_volume?: boolean;
}

export interface RawPlaybackState {
  device?: RawDevice;
  context?: { type?: string; uri?: string } | null;
  timestamp?: number;
  progress_ms?: number | null;
  is_playing?: boolean;
  item?: (Omit<RawTrack, 'type'> & { type?: string }) | null;
  currently_playing_type?: string;
}

export interface ConnectDevice {
  id: string;
  name: string;
  type: string;
  isActive: boolean;
  /** Spotify accepts no Web API command for it. */
  isRestricted: boolean;
}

/** What the listener's Spotify plays, when it was read. */
export interface PlaybackState {
  deviceId: string | null;
  deviceName: string | null;
  isPlaying: boolean;
  /** `spotify:track:…` playing now; null for an ad, an episode or nothing. */
  trackUri: string | null;
  progressMs: number;
  durationMs: number | null;
  contextUri: string | null;
}

export function toConnectDevice(raw: RawDevice): ConnectDevice | null {
  if (!raw.id) return null;
  return { id: raw.id, name: raw.name ?? 'Spotify device', type: raw.type ?? 'unknown', isActive: raw.is_active === true, isRestricted: raw.is_restricted === true };
}

/** `GET /me/player`: 204 (nothing active) comes in as null. */
export function toPlaybackState(raw: RawPlaybackState | null | undefined): PlaybackState | null {
  if (!raw || typeof raw !== 'object' || !raw.device) return null;
  const item = raw.item && raw.item.type !== 'episode' ? raw.item : null;
  return {
    deviceId: raw.device.id ?? null,
    deviceName: raw.device.name ?? null,
    isPlaying: raw.is_playing === true,
    trackUri: item?.uri ?? (item?.id ? `spotify:track:${item.id}` : null),
    progressMs: Math.max(0, raw.progress_ms ?? 0),
    durationMs: typeof item?.duration_ms === 'number' ? item.duration_ms : null,
    contextUri: raw.context?.uri ?? null,
  };
}

/** Where to start the montage on a device: its playlist from a track (by position) and a position in it. */
export interface StartPlayback {
  deviceId: string;
  /** `spotify:playlist:…` (the montage's saved playlist); else `uris` plays the tracks as a list. */
  contextUri?: string;
  uris?: readonly string[];
  /** Zero-based position in the playlist or list. */
  offsetPosition: number;
  positionMs: number;
}

/** A montage's track on the workout clock, as the follower needs it. */
export interface FollowedEntry {
  trackUri: string | null;
  startMs: number;
  durationMs: number;
}

/**
 * Where the workout is, given what the device reported `sinceReportMs` ago: the reported track's
 * start on the workout clock + its progress + the time since (while it plays). Null when the
 * device plays something that is not in the montage. Pure.
 */
export function workoutMsFromPlayback(entries: readonly FollowedEntry[], state: PlaybackState, sinceReportMs: number): number | null {
  if (state.trackUri === null) return null;
  const entry = entries.find((e) => e.trackUri === state.trackUri);
  if (!entry) return null;
  const progress = state.progressMs + (state.isPlaying ? Math.max(0, sinceReportMs) : 0);
  return entry.startMs + Math.min(progress, entry.durationMs - 1);
}

/** How often the page asks what the device plays: often enough to follow a skip, within Spotify's limits. */
export const CONNECT_POLL = {
  /** While the device plays. */
  playingMs: 2_000,
  /** While it is paused or nothing plays: a pause in the app is followed within this long. */
  idleMs: 4_000,
  /** After a failure (not a 429, which says how long): doubled each time up to maxBackoffMs. */
  backoffMs: 4_000,
  maxBackoffMs: 60_000,
} as const;

/** The wait before the next poll. A 429's Retry-After wins; failures back off exponentially. Pure. */
export function nextPollDelayMs(outcome: { kind: 'ok'; isPlaying: boolean } | { kind: 'rate_limited'; retryAfterSec: number | null } | { kind: 'failed'; failures: number }): number {
  switch (outcome.kind) {
    case 'ok':
      return outcome.isPlaying ? CONNECT_POLL.playingMs : CONNECT_POLL.idleMs;
    case 'rate_limited':
      return Math.max(CONNECT_POLL.playingMs, (outcome.retryAfterSec ?? 5) * 1000);
    case 'failed':
      return Math.min(CONNECT_POLL.maxBackoffMs, CONNECT_POLL.backoffMs * 2 ** Math.max(0, outcome.failures - 1));
  }
}
