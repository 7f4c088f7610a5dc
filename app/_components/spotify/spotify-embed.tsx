'use client';

import { useEffect, useRef, useState } from 'react';
import { formatCountdown } from '@/lib/domain/timeline';

/** The Spotify Embed iFrame API, as far as Montage uses it. */
interface EmbedController {
  loadUri(uri: string, preferVideo?: boolean, startAtSec?: number): void;
  play(): void;
  resume(): void;
  pause(): void;
  seek(seconds: number): void;
  addListener(event: 'playback_update', listener: (event: { data: PlaybackUpdate }) => void): void;
  destroy(): void;
}

interface PlaybackUpdate {
  /** The track the report is about; a report for another one (a late event from the previous track) is ignored. */
  playingURI?: string;
  isPaused: boolean;
  isBuffering: boolean;
  /** Both in ms. */
  duration: number;
  position: number;
}

interface IFrameApi {
  createController(element: HTMLElement, options: { uri: string; width?: string | number; height?: number }, callback: (controller: EmbedController) => void): void;
}

declare global {
  interface Window {
    onSpotifyIframeApiReady?: (api: IFrameApi) => void;
  }
}

/** Spotify's length of a track may differ from ours by this much and still be the full track. */
const FULL_TRACK_TOLERANCE_MS = 5000;

/** Whether the player holds the whole track (the listener is logged in to Spotify) or a 30-second preview. */
export function isFullTrack(reportedMs: number, trackDurationMs: number): boolean {
  return Math.abs(reportedMs - trackDurationMs) <= FULL_TRACK_TOLERANCE_MS;
}

/** Spotify's iFrame API must be ready within this long, or the page says it is not coming. */
export const EMBED_READY_TIMEOUT_MS = 10_000;
/** After play(), the player must report it plays (or buffers) within this long, or the browser blocked it. */
export const EMBED_PLAY_CHECK_MS = 3_000;

export const EMBED_MESSAGES = {
  notLoaded: 'Spotify’s player could not be loaded (no connection?). The workout runs on its own clock.',
  notReady: 'Spotify’s player did not start (blocked by this browser or too slow a connection). The workout runs on its own clock.',
  blocked: 'This browser did not let Spotify start playing without a tap: tap ▶ in the Spotify player to hear the music. The workout runs on.',
} as const;

let iframeApi: Promise<IFrameApi> | null = null;

/** Loads Spotify's iFrame API script once per page. */
function loadIframeApi(baseUrl: string): Promise<IFrameApi> {
  iframeApi ??= new Promise<IFrameApi>((resolve, reject) => {
    window.onSpotifyIframeApiReady = resolve;
    const script = document.createElement('script');
    script.src = `${baseUrl}/embed/iframe-api/v1`;
    script.async = true;
    script.onerror = () => {
      iframeApi = null;
      script.remove();
      reject(new Error('Spotify’s player could not be loaded'));
    };
    document.body.appendChild(script);
  });
  return iframeApi;
}

export interface SpotifyEmbedProps {
  /** Where Spotify's embed lives (configuration: https://open.spotify.com in production). */
  baseUrl: string;
  /** The montage's first Spotify track: what the player shows before the workout starts. */
  initialUri: string;
  /** The Spotify track the workout is at now; null while a track plays from the device or none is due. */
  uri: string | null;
  /** Where in `uri` the workout is (ms), read when `uri` or `seekKey` changes. */
  startAtMs: number;
  /** Changes when the user moves the workout (previous/next): the player seeks to `startAtMs`. */
  seekKey: number;
  isRunning: boolean;
  /** Length of the current track in the montage (ms), to tell a 30-second preview from the full track. */
  trackDurationMs: number | null;
  /** Each report of the player while it holds a workout track. */
  onPlayback?: (playback: EmbedPlayback) => void;
}

/** Where the player is in `uri` (ms), as it reports it. */
export interface EmbedPlayback {
  uri: string;
  positionMs: number;
  durationMs: number;
  isPaused: boolean;
  isBuffering: boolean;
}

/**
 * Spotify's embedded player, following the workout: it loads each Spotify track as the workout
 * reaches it (at the workout's position in it) and plays or pauses with the workout. Anyone can
 * use it: full tracks when logged in to Spotify in this browser, 30-second previews otherwise.
 */
export function SpotifyEmbed({ baseUrl, initialUri, uri, startAtMs, seekKey, isRunning, trackDurationMs, onPlayback }: SpotifyEmbedProps) {
  const host = useRef<HTMLDivElement>(null);
  const [controller, setController] = useState<EmbedController | null>(null);
  const [problem, setProblem] = useState('');
  const [playback, setPlayback] = useState<PlaybackUpdate | null>(null);
  const [isBlocked, setIsBlocked] = useState(false);
  /** When play() was last asked for and not yet seen to work (the blocked-autoplay check). */
  const playAskedAt = useRef<number | null>(null);
  const startAt = useRef(startAtMs);
  const report = useRef(onPlayback);
  useEffect(() => {
    startAt.current = startAtMs;
    report.current = onPlayback;
  });
  /** The track the player holds for the workout; null before it starts and while the device plays. */
  const loadedUri = useRef<string | null>(null);

  useEffect(() => {
    let isCurrent = true;
    let created: EmbedController | null = null;
    const notReady = window.setTimeout(() => {
      if (isCurrent && created === null) setProblem(EMBED_MESSAGES.notReady);
    }, EMBED_READY_TIMEOUT_MS);
    loadIframeApi(baseUrl)
      .then((api) => {
        const element = host.current?.appendChild(document.createElement('div'));
        if (!isCurrent || !element) return;
        api.createController(element, { uri: initialUri, width: '100%', height: 152 }, (next) => {
          created = next;
          created = next;
          window.clearTimeout(notReady);
          next.addListener('playback_update', ({ data }) => {
            if (!isCurrent) return;
            const held = loadedUri.current;
            // A report about another track (the previous one, still settling after loadUri) says nothing of this one.
            if (held !== null && data.playingURI !== undefined && data.playingURI !== held) return;
            setPlayback(data);
            if (!data.isPaused || data.isBuffering) {
              playAskedAt.current = null;
              setIsBlocked(false);
            }
            if (held !== null) report.current?.({ uri: held, positionMs: data.position, durationMs: data.duration, isPaused: data.isPaused, isBuffering: data.isBuffering });
          });
          if (isCurrent) {
            setProblem('');
            setController(next);
          }
        });
      })
      .catch(() => isCurrent && setProblem(EMBED_MESSAGES.notLoaded));
    return () => {
      isCurrent = false;
      window.clearTimeout(notReady);
      created?.destroy();
    };
  }, [baseUrl, initialUri]);

  /** The track play() was called for since it was loaded: after a pause it is resume()d, not played again. */
  const startedUri = useRef<string | null>(null);
  const lastSeekKey = useRef(seekKey);
  useEffect(() => {
    if (!controller) return;
    const isJump = seekKey !== lastSeekKey.current;
    lastSeekKey.current = seekKey;
    const startAtSec = Math.floor(startAt.current / 1000);
    if (uri === null) {
      if (loadedUri.current !== null) controller.pause();
    } else if (uri !== loadedUri.current) {
      controller.loadUri(uri, false, startAtSec);
      startedUri.current = null;
    } else if (isJump) {
      controller.seek(startAtSec);
    }
    loadedUri.current = uri;
  }, [controller, uri, seekKey]);

  useEffect(() => {
    if (!controller || uri === null) return;
    if (!isRunning) {
      controller.pause();
      playAskedAt.current = null;
      return;
    }
    // play() starts from where loadUri put the track; resume() continues from where it paused.
    if (startedUri.current === uri) controller.resume();
    else {
      controller.play();
      startedUri.current = uri;
    }
    const askedAt = performance.now();
    playAskedAt.current = askedAt;
    const check = window.setTimeout(() => {
      if (playAskedAt.current === askedAt) setIsBlocked(true);
    }, EMBED_PLAY_CHECK_MS);
    return () => window.clearTimeout(check);
  }, [controller, uri, isRunning]);

  const isPreview = playback !== null && trackDurationMs !== null && playback.duration > 0 && !isFullTrack(playback.duration, trackDurationMs);
  return (
    <section aria-label="Spotify player" className="space-y-1">
      <div ref={host} data-testid="spotify-embed" />
      {problem && (
        <p role="status" className="text-sm text-stone-600 dark:text-stone-400" data-testid="spotify-embed-problem">
          {problem}
        </p>
      )}
      {isBlocked && isRunning && uri !== null && (
        <p role="alert" className="text-sm font-semibold text-amber-900 dark:text-amber-200" data-testid="spotify-embed-blocked">
          {EMBED_MESSAGES.blocked}
        </p>
      )}
      {playback && uri !== null && (
        <p className="text-sm tabular-nums text-stone-600 dark:text-stone-400" data-testid="spotify-playback">
          Spotify: {formatCountdown(playback.position)} of {formatCountdown(playback.duration)}
          {playback.isPaused ? ' · paused' : ''}
          {isPreview && ' · a 30-second preview: log in to Spotify in this browser for the full track'}
        </p>
      )}
    </section>
  );
}
