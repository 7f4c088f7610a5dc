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
    loadIframeApi(baseUrl)
      .then((api) => {
        const element = host.current?.appendChild(document.createElement('div'));
        if (!isCurrent || !element) return;
        api.createController(element, { uri: initialUri, width: '100%', height: 152 }, (next) => {
          created = next;
          next.addListener('playback_update', ({ data }) => {
            if (!isCurrent) return;
            setPlayback(data);
            const held = loadedUri.current;
            if (held !== null) report.current?.({ uri: held, positionMs: data.position, durationMs: data.duration, isPaused: data.isPaused, isBuffering: data.isBuffering });
          });
          if (isCurrent) setController(next);
        });
      })
      .catch(() => isCurrent && setProblem('Spotify’s player could not be loaded (no connection?). The workout runs on its own clock.'));
    return () => {
      isCurrent = false;
      created?.destroy();
    };
  }, [baseUrl, initialUri]);

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
    } else if (isJump) {
      controller.seek(startAtSec);
    }
    loadedUri.current = uri;
  }, [controller, uri, seekKey]);

  useEffect(() => {
    if (!controller || uri === null) return;
    if (isRunning) controller.play();
    else controller.pause();
  }, [controller, uri, isRunning]);

  const isPreview = playback !== null && trackDurationMs !== null && playback.duration > 0 && !isFullTrack(playback.duration, trackDurationMs);
  return (
    <section aria-label="Spotify player" className="space-y-1">
      <div ref={host} data-testid="spotify-embed" />
      {problem && <p className="text-sm text-stone-600">{problem}</p>}
      {playback && uri !== null && (
        <p className="text-sm tabular-nums text-stone-600" data-testid="spotify-playback">
          Spotify: {formatCountdown(playback.position)} of {formatCountdown(playback.duration)}
          {playback.isPaused ? ' · paused' : ''}
          {isPreview && ' · a 30-second preview: log in to Spotify in this browser for the full track'}
        </p>
      )}
    </section>
  );
}
