'use client';

import { useEffect, useRef } from 'react';

export interface MediaSessionControls {
  onPlay: () => void;
  onPause: () => void;
  onPrevious: () => void;
  onNext: () => void;
}

interface NowPlaying {
  /** What the lock screen shows as the title: the exercise now. */
  title: string;
  /** The line below it: the track. */
  artist: string;
  /** The montage. */
  album: string;
}

/**
 * "Now playing" on the lock screen and in the notification shade, and the headphones' and lock
 * screen's play/pause/previous/next buttons, through the Media Session API.
 */
export function useMediaSession(nowPlaying: NowPlaying | null, isRunning: boolean, controls: MediaSessionControls) {
  const latest = useRef(controls);
  useEffect(() => {
    latest.current = controls;
  });

  const { title, artist, album } = nowPlaying ?? { title: '', artist: '', album: '' };
  useEffect(() => {
    if (!('mediaSession' in navigator) || typeof MediaMetadata === 'undefined') return;
    navigator.mediaSession.metadata = title === '' ? null : new MediaMetadata({ title, artist, album, artwork: [{ src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' }] });
  }, [title, artist, album]);

  useEffect(() => {
    if (!('mediaSession' in navigator)) return;
    navigator.mediaSession.playbackState = isRunning ? 'playing' : 'paused';
  }, [isRunning]);

  useEffect(() => {
    if (!('mediaSession' in navigator)) return;
    const session = navigator.mediaSession;
    const handlers: [MediaSessionAction, () => void][] = [
      ['play', () => latest.current.onPlay()],
      ['pause', () => latest.current.onPause()],
      ['previoustrack', () => latest.current.onPrevious()],
      ['nexttrack', () => latest.current.onNext()],
    ];
    for (const [action, handler] of handlers) {
      try {
        session.setActionHandler(action, handler);
      } catch {
        // This browser does not know the action.
      }
    }
    return () => {
      for (const [action] of handlers) {
        try {
          session.setActionHandler(action, null);
        } catch {
          // as above
        }
      }
      session.metadata = null;
    };
  }, []);
}
