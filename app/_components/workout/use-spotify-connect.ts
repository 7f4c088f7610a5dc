'use client';

import { signIn } from 'next-auth/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { nextPollDelayMs, type ConnectDevice, type PlaybackState } from '@/lib/spotify/connect';
import { CONNECT_SCOPES, SPOTIFY_SCOPES } from '@/lib/spotify/scopes';
import type { EmbedPlayback } from '../spotify/spotify-embed';

/**
 * "Follow my Spotify app" (Spotify Connect) for the workout page: the listener picks one of their
 * open Spotify apps, Montage starts the montage there at the workout's track and position, then
 * reads what it plays (our /api/spotify/connect/player, which asks Spotify's /me/player: every
 * 2 s while it plays, 4 s while paused, the Retry-After of a 429, backing off on failures) so the
 * workout follows the music: a pause in the app pauses the workout, a skip moves the workout to
 * that track. The page's own Pause/Resume pause and resume the app. The playback scopes are
 * asked for only when the listener turns this on (incremental consent).
 *
 * The browser talks only to Montage's own origin here; Montage's server talks to Spotify.
 */

export interface ConnectEntry {
  startMs: number;
  durationMs: number;
  spotifyId: string | null;
}

export interface SpotifyConnectOptions {
  entries: readonly ConnectEntry[];
  /** The montage, when the listener may own it: its saved playlist is then the context played. */
  montageId?: string | null;
  isRunning: boolean;
  /** Where the workout is now (ms), to start the music there. */
  workoutMs(): number;
  /** Each report of the app while it plays a montage track: the workout clock follows it. */
  onPlayback(playback: EmbedPlayback): void;
  /** The app paused / resumed: the workout does the same. */
  onPause(): void;
  onResume(): void;
}

export type ConnectPhase = 'off' | 'loading' | 'choose' | 'following';

export interface SpotifyConnect {
  phase: ConnectPhase;
  devices: ConnectDevice[];
  deviceId: string | null;
  /** What the listener should know now (Premium needed, no app open, waiting after a 429…). */
  message: string;
  playback: PlaybackState | null;
  isFollowing: boolean;
  turnOn(): void;
  turnOff(): void;
  refreshDevices(): void;
  playOn(deviceId: string): void;
}

/** Added to the page's address when it sends the listener to Spotify for the playback scopes. */
export const FOLLOW_PARAM = 'follow';

interface ErrorBody {
  error?: { code?: string; message?: string; retryAfterSec?: number };
}

async function call<T>(url: string, init?: RequestInit): Promise<{ ok: true; data: T } | { ok: false; status: number; code: string; message: string; retryAfterSec: number | null }> {
  try {
    const response = await fetch(url, { ...init, headers: init?.body ? { 'content-type': 'application/json' } : undefined, cache: 'no-store' });
    const body = (await response.json().catch(() => null)) as (T & ErrorBody) | null;
    if (response.ok) return { ok: true, data: body as T };
    const retryAfter = Number(response.headers.get('retry-after'));
    return {
      ok: false,
      status: response.status,
      code: body?.error?.code ?? 'unknown',
      message: body?.error?.message ?? `Montage answered ${response.status}.`,
      retryAfterSec: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : (body?.error?.retryAfterSec ?? null),
    };
  } catch {
    return { ok: false, status: 0, code: 'network', message: 'Could not reach Montage. Check your connection.', retryAfterSec: null };
  }
}

export function useSpotifyConnect(options: SpotifyConnectOptions): SpotifyConnect {
  const [phase, setPhase] = useState<ConnectPhase>('off');
  const [devices, setDevices] = useState<ConnectDevice[]>([]);
  const [deviceId, setDeviceId] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [playback, setPlayback] = useState<PlaybackState | null>(null);
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  /** Whether the workout runs because of the app (so a change of isRunning we caused is not sent back to it). */
  const expectedRunning = useRef<boolean | null>(null);
  const wasPlaying = useRef<boolean | null>(null);

  const loadDevices = useCallback(async () => {
    setPhase('loading');
    const result = await call<{ hasScopes: boolean; devices: ConnectDevice[] }>('/api/spotify/connect');
    if (!result.ok) {
      setMessage(result.status === 401 ? 'Connect Spotify first (on the home page), then turn this on.' : result.message);
      setPhase('off');
      return;
    }
    if (!result.data.hasScopes) {
      // Incremental consent: only now does Montage ask to see and control playback.
      const back = new URL(window.location.href);
      back.searchParams.set(FOLLOW_PARAM, 'spotify');
      void signIn('spotify', { callbackUrl: back.toString() }, { scope: [...SPOTIFY_SCOPES, ...CONNECT_SCOPES].join(' ') });
      return;
    }
    setDevices(result.data.devices);
    setMessage(result.data.devices.length === 0 ? 'No Spotify app is open. Open Spotify on your phone (or computer), then look again.' : '');
    setPhase('choose');
  }, []);

  const turnOn = useCallback(() => void loadDevices(), [loadDevices]);

  const turnOff = useCallback(() => {
    setPhase('off');
    setDeviceId(null);
    setPlayback(null);
    setMessage('');
    expectedRunning.current = null;
    wasPlaying.current = null;
  }, []);

  // Back from Spotify's consent page with the playback scopes: carry on where the listener was.
  useEffect(() => {
    const url = new URL(window.location.href);
    if (url.searchParams.get(FOLLOW_PARAM) !== 'spotify') return;
    url.searchParams.delete(FOLLOW_PARAM);
    window.history.replaceState(null, '', url.toString());
    // The devices are read once from our API when the page comes back (an external system).
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void loadDevices();
  }, [loadDevices]);

  const playOn = useCallback(async (chosen: string) => {
    const { entries, montageId, workoutMs } = latest.current;
    const onSpotify = entries.filter((e) => e.spotifyId !== null);
    if (onSpotify.length === 0) {
      setMessage('None of this montage’s tracks is on Spotify.');
      return;
    }
    const at = workoutMs();
    // The montage track the workout is in (or the next one on Spotify), and where in it.
    let offsetPosition = onSpotify.findIndex((e) => e.startMs <= at && at < e.startMs + e.durationMs);
    let positionMs = offsetPosition >= 0 ? at - onSpotify[offsetPosition]!.startMs : 0;
    if (offsetPosition < 0) {
      offsetPosition = Math.max(0, onSpotify.findIndex((e) => e.startMs >= at));
      positionMs = 0;
    }
    setMessage('Starting…');
    const result = await call<{ started: boolean }>('/api/spotify/connect/player', {
      method: 'POST',
      body: JSON.stringify({ action: 'start', deviceId: chosen, spotifyIds: onSpotify.map((e) => e.spotifyId), offsetPosition, positionMs: Math.round(positionMs), montageId: montageId ?? null }),
    });
    if (!result.ok) {
      setMessage(result.message);
      return;
    }
    setDeviceId(chosen);
    setMessage('');
    wasPlaying.current = null;
    setPhase('following');
  }, []);

  // Following: poll what the app plays, within Spotify's limits, and not at all while the page is
  // hidden (no one sees it; each listener's polls count against the app's Spotify rate limit):
  // shown again, it asks at once.
  useEffect(() => {
    if (phase !== 'following') return;
    let isCurrent = true;
    let timer: number | undefined;
    let isAsking = false;
    let failures = 0;
    const poll = async () => {
      timer = undefined;
      isAsking = true;
      const result = await call<{ playback: PlaybackState | null }>('/api/spotify/connect/player');
      isAsking = false;
      if (!isCurrent) return;
      let delay: number;
      if (result.ok) {
        failures = 0;
        const state = result.data.playback;
        setPlayback(state);
        delay = nextPollDelayMs({ kind: 'ok', isPlaying: state?.isPlaying ?? false });
        const isPlaying = state?.isPlaying ?? false;
        const { onPause, onResume, onPlayback, isRunning } = latest.current;
        if (wasPlaying.current !== isPlaying) {
          expectedRunning.current = isPlaying;
          if (isPlaying && !isRunning) onResume();
          if (!isPlaying && isRunning && wasPlaying.current !== null) onPause();
        }
        wasPlaying.current = isPlaying;
        if (state?.trackUri && state.durationMs !== null) {
          onPlayback({ uri: state.trackUri, positionMs: state.progressMs, durationMs: state.durationMs, isPaused: !isPlaying, isBuffering: false });
        }
        setMessage(state === null ? 'Nothing is playing in Spotify right now.' : '');
      } else if (result.status === 429) {
        delay = nextPollDelayMs({ kind: 'rate_limited', retryAfterSec: result.retryAfterSec });
        setMessage(`Spotify asks Montage to slow down: looking again in ${Math.round(delay / 1000)} s.`);
      } else {
        failures += 1;
        delay = nextPollDelayMs({ kind: 'failed', failures });
        setMessage(result.message);
      }
      if (document.visibilityState !== 'hidden') timer = window.setTimeout(() => void poll(), delay);
    };
    const onVisibilityChange = () => {
      if (document.visibilityState === 'hidden') {
        window.clearTimeout(timer);
        timer = undefined;
      } else if (timer === undefined && !isAsking) void poll();
    };
    document.addEventListener('visibilitychange', onVisibilityChange);
    void poll();
    return () => {
      isCurrent = false;
      window.clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibilityChange);
    };
  }, [phase]);

  // The page's own Pause / Resume while following: the app pauses and resumes with it.
  const { isRunning } = options;
  useEffect(() => {
    if (phase !== 'following' || deviceId === null) return;
    if (expectedRunning.current === null || expectedRunning.current === isRunning) return;
    expectedRunning.current = isRunning;
    wasPlaying.current = isRunning;
    void call('/api/spotify/connect/player', { method: 'POST', body: JSON.stringify({ action: isRunning ? 'resume' : 'pause', deviceId }) }).then((result) => {
      if (!result.ok) setMessage(result.message);
    });
  }, [phase, deviceId, isRunning]);

  return {
    phase,
    devices,
    deviceId,
    message,
    playback,
    isFollowing: phase === 'following',
    turnOn,
    turnOff,
    refreshDevices: turnOn,
    playOn: (chosen) => void playOn(chosen),
  };
}
