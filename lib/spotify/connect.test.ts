import { describe, expect, it } from 'vitest';
import { CONNECT_POLL, hasConnectScopes, nextPollDelayMs, toConnectDevice, toPlaybackState, workoutMsFromPlayback, type PlaybackState } from './connect';

describe('Spotify Connect, read from Spotify’s answers', () => {
  it('needs both playback scopes in the stored grant, however it is spaced', () => {
    expect(hasConnectScopes(' user-library-read  user-read-playback-state user-modify-playback-state ')).toBe(true);
    expect(hasConnectScopes('user-read-playback-state')).toBe(false);
    expect(hasConnectScopes('')).toBe(false);
  });

  it('a device: named, typed and flagged only as Spotify says; none without an id', () => {
    expect(toConnectDevice({ id: 'd1' })).toEqual({ id: 'd1', name: 'Spotify device', type: 'unknown', isActive: false, isRestricted: false });
    expect(toConnectDevice({ id: 'd2', name: 'Phone', type: 'Smartphone', is_active: true, is_restricted: true })).toEqual({
      id: 'd2',
      name: 'Phone',
      type: 'Smartphone',
      isActive: true,
      isRestricted: true,
    });
    expect(toConnectDevice({ id: null, name: 'Private' })).toBeNull();
  });

  it('what plays: a track by uri or id, never an episode; nothing active is null', () => {
    const device = { id: 'd1', name: 'Phone' };
    const state = toPlaybackState({ device, is_playing: true, progress_ms: 1200, item: { id: '2KH16WveTQWT6KOG9Rg6e2', name: 'x', duration_ms: 226_000 }, context: { uri: 'spotify:playlist:p' } });
    expect(state).toEqual({
      deviceId: 'd1',
      deviceName: 'Phone',
      isPlaying: true,
      trackUri: 'spotify:track:2KH16WveTQWT6KOG9Rg6e2',
      progressMs: 1200,
      durationMs: 226_000,
      contextUri: 'spotify:playlist:p',
    });
    const episode = toPlaybackState({ device, is_playing: true, item: { id: 'e', uri: 'spotify:episode:e', type: 'episode', duration_ms: 9 } });
    expect(episode).toMatchObject({ trackUri: null, durationMs: null });
    expect(toPlaybackState({ device, item: { uri: 'spotify:track:t', type: 'track' } })?.trackUri).toBe('spotify:track:t');
    expect(toPlaybackState({ device, progress_ms: -5 })).toMatchObject({ isPlaying: false, progressMs: 0, trackUri: null });
    expect(toPlaybackState(null)).toBeNull();
    expect(toPlaybackState('' as never)).toBeNull();
    expect(toPlaybackState({ is_playing: true })).toBeNull();
  });
});

describe('following the workout from what the device plays', () => {
  const entries = [
    { trackUri: 'spotify:track:a', startMs: 0, durationMs: 200_000 },
    { trackUri: null, startMs: 200_000, durationMs: 60_000 },
    { trackUri: 'spotify:track:b', startMs: 260_000, durationMs: 180_000 },
  ];
  const playing = (trackUri: string | null, progressMs: number, isPlaying = true): PlaybackState => ({
    deviceId: 'd',
    deviceName: 'Phone',
    isPlaying,
    trackUri,
    progressMs,
    durationMs: null,
    contextUri: null,
  });

  it('is the track’s start plus its progress plus the time since the report while it plays', () => {
    expect(workoutMsFromPlayback(entries, playing('spotify:track:b', 10_000), 1_500)).toBe(271_500);
    expect(workoutMsFromPlayback(entries, playing('spotify:track:b', 10_000, false), 1_500)).toBe(270_000);
    // A report from the future (clock skew) does not move the workout back.
    expect(workoutMsFromPlayback(entries, playing('spotify:track:b', 10_000), -800)).toBe(270_000);
  });

  it('stays within the track it plays, and is unknown for anything else', () => {
    expect(workoutMsFromPlayback(entries, playing('spotify:track:a', 199_000), 5_000)).toBe(199_999);
    expect(workoutMsFromPlayback(entries, playing(null, 0), 0)).toBeNull();
    expect(workoutMsFromPlayback(entries, playing('spotify:track:z', 0), 0)).toBeNull();
  });

  it('polls every 2 s while playing and 4 s otherwise; sits out a 429; backs off after failures, up to a minute', () => {
    expect(nextPollDelayMs({ kind: 'ok', isPlaying: true })).toBe(CONNECT_POLL.playingMs);
    expect(nextPollDelayMs({ kind: 'ok', isPlaying: false })).toBe(CONNECT_POLL.idleMs);
    expect(nextPollDelayMs({ kind: 'rate_limited', retryAfterSec: 30 })).toBe(30_000);
    expect(nextPollDelayMs({ kind: 'rate_limited', retryAfterSec: null })).toBe(5_000);
    expect(nextPollDelayMs({ kind: 'rate_limited', retryAfterSec: 0 })).toBe(2_000);
    expect([0, 1, 2, 3, 4, 5, 9].map((failures) => nextPollDelayMs({ kind: 'failed', failures }))).toEqual([4_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
  });
});
