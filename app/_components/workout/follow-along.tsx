'use client';

import Link from 'next/link';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { buildTimeline, locate, type TimelineInput } from '@/lib/domain/timeline';
import { cueFor, nextStartMs, previousStartMs, timedCuesBetween } from '@/lib/domain/workout-cues';
import { isFullTrack, SpotifyEmbed, type EmbedPlayback } from '../spotify/spotify-embed';
import { SpotifyConnectPanel } from '../spotify/spotify-connect-panel';
import { CurrentInterval } from './current-interval';
import { useCues } from './use-cues';
import { useLocalAudioUrls } from './use-local-audio';
import { useMediaSession } from './use-media-session';
import { useSpotifyConnect } from './use-spotify-connect';
import { useWakeLock } from './use-wake-lock';
import { useWorkoutClock } from './use-workout-clock';
import type { SessionMontageRef } from '@/lib/domain/session-record';
import { useSessionRecorder } from './use-session-recorder';
import { summariseSession } from '@/lib/domain/session-summary';
import { ExerciseLog } from './exercise-log';
import { AudioOnlyMode } from './audio-only-mode';
import { useWorkoutShortcuts } from './use-workout-shortcuts';
import { WorkoutControls } from './workout-controls';
import { NextUp, WorkoutProgress } from './workout-progress';

/** Where each track of the montage sits on the workout clock (same order as the steps' `entryIndex`). */
export interface FollowAlongEntry {
  trackId: string;
  startMs: number;
  durationMs: number;
  /** Set when the track is on Spotify: it plays in Spotify's embedded player. */
  spotifyId: string | null;
}

interface FollowAlongProps {
  title: string;
  /**
   * The montage's tracks and their intervals; the steps are laid on the clock here, in the browser,
   * so the page carries each track's title once rather than once per interval.
   */
  timeline: TimelineInput[];
  backHref: string;
  /** The montage's tracks; those whose audio this browser keeps play from the device, those on Spotify in its player. */
  entries?: FollowAlongEntry[];
  /** Where Spotify's embedded player lives; null leaves it out. */
  spotifyEmbedBaseUrl?: string | null;
  /** The montage (its saved playlist is what "Follow my Spotify app" plays, when it is the listener's). */
  montageId?: string | null;
  /**
   * Whether this server can sign a listener in with Spotify: "Follow my Spotify app" needs that,
   * so without it the control is left out rather than offered as a dead end.
   */
  canFollowSpotifyApp?: boolean;
  /** The montage as recorded in the visitor's workout sessions; without it nothing is recorded. */
  session?: SessionMontageRef;
}

/** The clock is moved to the music once they are this far apart. */
const SPOTIFY_DRIFT_MS = 250;
/** After the user moves the workout, the player's reports are ignored this long (it is still seeking). */
const SPOTIFY_SEEK_SETTLE_MS = 1500;

/** Index of the entry playing at `ms` (the last one starting at or before it). */
function entryAt(entries: readonly FollowAlongEntry[], ms: number): number {
  let index = 0;
  entries.forEach((entry, i) => {
    if (entry.startMs <= ms) index = i;
  });
  return index;
}

/**
 * The follow-along workout. A track whose audio this browser keeps (the visitor's own files)
 * plays from the device, and while it plays the workout clock *is* the audio: start of the track
 * + the <audio> element's currentTime, moving to the next track on `ended`, so a cue changes
 * exactly when the music does. A Spotify track heard in full steers the clock the same way
 * (see followSpotify). Other tracks run on the page's own clock. Elapsed time is read
 * from a clock, not counted in ticks, so it stays right while the tab is hidden; cues fire on the
 * first tick after each boundary.
 */
export function FollowAlong({ title, timeline, backHref, entries = [], spotifyEmbedBaseUrl = null, montageId = null, canFollowSpotifyApp = false, session }: FollowAlongProps) {
  const steps = useMemo(() => buildTimeline(timeline), [timeline]);
  const totalMs = steps.at(-1)?.endMs ?? 0;
  const { isRunning, isRunningRef, ownElapsed, setAt, run, hold } = useWorkoutClock(totalMs);
  const { isVoiceOn, setIsVoiceOn, isVibrationOn, setIsVibrationOn, announcement, unlockAudio, cue } = useCues();
  const player = useRef<HTMLAudioElement | null>(null);
  /** The entry whose audio the player holds while it drives the clock; null on the own clock. */
  const playingEntry = useRef<number | null>(null);
  const [deviceEntry, setDeviceEntry] = useState<number | null>(null);
  const localUrls = useLocalAudioUrls(useMemo(() => entries.map((e) => e.trackId), [entries]));
  const [playbackProblem, setPlaybackProblem] = useState('');
  const [elapsedMs, setElapsedMs] = useState(0);
  const [hasStarted, setHasStarted] = useState(false);
  const lastIndex = useRef(0);
  /** Where the clock stood at the last tick: the 3-2-1 count and halfway cues fire as it passes them. */
  const lastElapsed = useRef(0);
  /** When the user last moved the workout (previous/next), and how many times: Spotify's player seeks. */
  const lastJumpAt = useRef(-Infinity);
  const [jumpCount, setJumpCount] = useState(0);
  const position = useMemo(() => locate(steps, elapsedMs), [steps, elapsedMs]);
  const recorder = useSessionRecorder({ montage: session, steps, elapsedMs, isRunning });
  const current = steps[position.index];
  const next = steps[position.index + 1];
  const currentCue = cueFor(steps, position.index);
  // Held from Start to the end of the workout, paused or not: the screen is what the user follows.
  useWakeLock(hasStarted && !position.isFinished);

  const readElapsed = useCallback(() => {
    const audio = player.current;
    const playing = playingEntry.current === null ? undefined : entries[playingEntry.current];
    if (audio && playing) {
      // Held just short of the track's end until `ended` moves on: the cue never runs ahead of the music.
      return Math.min(totalMs, playing.startMs + Math.min(audio.currentTime * 1000, playing.durationMs - 1));
    }
    return ownElapsed();
  }, [entries, ownElapsed, totalMs]);

  /** Hands the clock back to the page at `ms` (the player stops). */
  const switchToOwnClock = useCallback((ms: number) => {
    player.current?.pause();
    playingEntry.current = null;
    setDeviceEntry(null);
    setAt(ms);
  }, [setAt]);

  /**
   * Puts the workout at `ms`: from the device when that track's audio is here (playing if the
   * workout runs), on the own clock otherwise.
   */
  const placeAt = useCallback(
    (ms: number) => {
      const index = entryAt(entries, ms);
      const entry = entries[index];
      const url = entry && localUrls.get(entry.trackId);
      const audio = player.current;
      if (!entry || !url || !audio || ms >= totalMs) {
        switchToOwnClock(ms);
        return;
      }
      const offsetSec = (ms - entry.startMs) / 1000;
      if (playingEntry.current !== index) {
        audio.src = url;
        playingEntry.current = index;
        setDeviceEntry(index);
        audio.currentTime = offsetSec;
      } else if (Math.abs(audio.currentTime - offsetSec) > 0.05) {
        audio.currentTime = offsetSec;
      }
      if (isRunningRef.current) {
        audio.play().catch(() => {
          setPlaybackProblem('This browser would not play the file; the workout follows its own clock instead.');
          switchToOwnClock(readElapsed());
        });
      }
    },
    [entries, isRunningRef, localUrls, readElapsed, totalMs, switchToOwnClock],
  );

  /** Reads the clock; on the first tick past a boundary, beeps, speaks and announces the new interval. */
  const tick = useCallback(() => {
    const elapsed = readElapsed();
    setElapsedMs(elapsed);
    if (isRunningRef.current && playingEntry.current === null && elapsed < totalMs) {
      const entry = entries[entryAt(entries, elapsed)];
      if (entry && localUrls.has(entry.trackId)) placeAt(elapsed);
    }
    const at = locate(steps, elapsed);
    const passedMs = lastElapsed.current;
    lastElapsed.current = elapsed;
    const step = steps[at.index];
    if (at.index === lastIndex.current) {
      // After a long hidden stretch several may be due at once: only the latest is worth hearing.
      const timed = step && isRunningRef.current ? timedCuesBetween(step, passedMs, elapsed).at(-1) : undefined;
      if (timed?.kind === 'count') cue({ spoken: '', tone: 'count' });
      if (timed?.kind === 'halfway') cue({ announcement: `Halfway through ${step!.exercise}.`, spoken: 'Halfway.', tone: null });
      return;
    }
    lastIndex.current = at.index;
    if (at.isFinished || !step) {
      switchToOwnClock(totalMs);
      hold(totalMs);
      cue({ announcement: 'Workout complete.', spoken: 'Workout complete. Drago!', tone: 'work' });
      return;
    }
    const spoken = cueFor(steps, at.index)!.spoken;
    cue({ announcement: `Now: ${spoken}`, spoken, tone: step.kind === 'rest' ? 'rest' : 'work' });
  }, [cue, entries, hold, isRunningRef, localUrls, placeAt, readElapsed, steps, totalMs, switchToOwnClock]);

  /** A track from the device ended: the next one starts now, from the device or on the own clock. */
  const onTrackEnded = useCallback(() => {
    const index = playingEntry.current;
    const next = index === null ? undefined : entries[index + 1];
    if (next) placeAt(next.startMs);
    else switchToOwnClock(totalMs);
    tick();
  }, [entries, placeAt, tick, totalMs, switchToOwnClock]);

  /**
   * Spotify's player reports where it is. A full track (the listener is logged in to Spotify) is
   * the workout's music: the clock follows it, so buffering holds the cue back with the music.
   * A 30-second preview is only a taster, and the page's clock leads.
   */
  const followSpotify = useCallback(
    (playback: EmbedPlayback) => {
      if (!isRunningRef.current || playingEntry.current !== null || playback.isPaused || playback.isBuffering) return;
      if (performance.now() - lastJumpAt.current < SPOTIFY_SEEK_SETTLE_MS) return;
      const entry = entries.find((e) => e.spotifyId !== null && `spotify:track:${e.spotifyId}` === playback.uri);
      if (!entry || !isFullTrack(playback.durationMs, entry.durationMs)) return;
      const musicMs = entry.startMs + Math.min(playback.positionMs, entry.durationMs - 1);
      if (Math.abs(musicMs - readElapsed()) < SPOTIFY_DRIFT_MS) return;
      run(musicMs);
      tick();
    },
    [entries, isRunningRef, readElapsed, run, tick],
  );

  useEffect(() => {
    if (!isRunning) return;
    const timer = window.setInterval(tick, 100);
    document.addEventListener('visibilitychange', tick);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', tick);
    };
  }, [isRunning, tick]);

  async function start() {
    await unlockAudio();
    const at = readElapsed();
    run(at);
    placeAt(at);
    if (!hasStarted && currentCue) {
      setHasStarted(true);
      cue({ announcement: `Now: ${currentCue.spoken}`, spoken: currentCue.spoken, tone: null });
    }
  }

  function pause() {
    hold(readElapsed());
    player.current?.pause();
    tick();
  }

  function jumpTo(ms: number) {
    lastJumpAt.current = performance.now();
    setJumpCount((count) => count + 1);
    const baseMs = Math.max(0, Math.min(totalMs, ms));
    setAt(baseMs);
    placeAt(baseMs);
    // The interval moved to is announced, even when it is the same one started again.
    lastIndex.current = -1;
    lastElapsed.current = baseMs;
    tick();
  }

  const connect = useSpotifyConnect({ entries, montageId, isRunning, workoutMs: readElapsed, onPlayback: followSpotify, onPause: pause, onResume: () => void start() });
  // A finished session is final (recorded as completed): Previous stays off there, by button or key.
  const previous = () => {
    if (!position.isFinished) jumpTo(previousStartMs(steps, readElapsed()));
  };
  const skip = () => {
    if (!position.isFinished) jumpTo(nextStartMs(steps, readElapsed()));
  };
  const toggleRunning = () => {
    if (isRunningRef.current) pause();
    else if (!position.isFinished) void start();
  };
  useWorkoutShortcuts({ onToggleRunning: toggleRunning, onPrevious: previous, onNext: skip, onToggleVoice: () => setIsVoiceOn(!isVoiceOn) });
  useMediaSession(
    hasStarted && current ? { title: current.exercise, artist: `${current.trackTitle} — ${current.trackArtist}`, album: title } : null,
    isRunning,
    {
      onPlay: () => {
        if (!isRunningRef.current) toggleRunning();
      },
      onPause: () => {
        if (isRunningRef.current) pause();
      },
      onPrevious: previous,
      onNext: skip,
    },
  );

  if (!current && !position.isFinished) return <p>This montage has no timed intervals yet.</p>;
  const firstSpotifyId = entries.find((e) => e.spotifyId)?.spotifyId ?? null;
  const entryNow = position.isFinished ? undefined : entries[entryAt(entries, elapsedMs)];
  const spotifyNow = hasStarted && entryNow?.spotifyId && !localUrls.has(entryNow.trackId) ? entryNow : undefined;

  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between gap-2">
        <h1 className="text-xl font-black">{title}</h1>
        <Link href={backHref} className="shrink-0 py-2 text-sm underline">
          Back to montage
        </Link>
      </div>

      <p role="status" aria-live="assertive" className="sr-only" data-testid="announcement">
        {announcement}
      </p>
      <audio ref={player} preload="auto" onEnded={onTrackEnded} data-testid="local-player" />
      {playbackProblem && (
        <p role="alert" className="text-sm text-red-800 dark:text-red-300">
          {playbackProblem}
        </p>
      )}

      <CurrentInterval
        current={current}
        cue={currentCue}
        position={position}
        deviceEntry={deviceEntry}
        summary={position.isFinished && recorder.completed ? summariseSession(recorder.completed) : null}
      />
      <NextUp current={current} next={next} position={position} />

      <WorkoutControls
        isRunning={isRunning}
        hasStarted={hasStarted}
        isFinished={position.isFinished}
        isVoiceOn={isVoiceOn}
        isVibrationOn={isVibrationOn}
        onStart={() => void start()}
        onPause={pause}
        onPrevious={previous}
        onNext={skip}
        onVoiceChange={setIsVoiceOn}
        onVibrationChange={setIsVibrationOn}
      />
      {/* Below the controls: appearing at a rest, it must not push Pause and Next away from the thumb. */}
      {session && hasStarted && <ExerciseLog steps={steps} index={position.index} onLog={recorder.logExercise} />}
      <div className="flex justify-center">
        <AudioOnlyMode steps={steps} position={position} isRunning={isRunning} hasStarted={hasStarted} onPause={pause} onResume={() => void start()} />
      </div>

      {spotifyEmbedBaseUrl && firstSpotifyId && (
        <SpotifyEmbed
          baseUrl={spotifyEmbedBaseUrl}
          initialUri={`spotify:track:${firstSpotifyId}`}
          uri={spotifyNow ? `spotify:track:${spotifyNow.spotifyId}` : null}
          startAtMs={spotifyNow ? elapsedMs - spotifyNow.startMs : 0}
          seekKey={jumpCount}
          isRunning={isRunning && !connect.isFollowing}
          trackDurationMs={spotifyNow?.durationMs ?? null}
          onPlayback={followSpotify}
        />
      )}

      {canFollowSpotifyApp && spotifyEmbedBaseUrl && firstSpotifyId && <SpotifyConnectPanel connect={connect} />}

      <WorkoutProgress elapsedMs={elapsedMs} totalMs={totalMs} />
    </div>
  );
}
