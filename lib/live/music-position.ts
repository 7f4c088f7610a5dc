import type { TimelineInput } from '../domain/timeline';
import { elapsedAt, segmentAt, type SessionTimeline } from './session-timeline';

/** One track of the montage on the workout's clock (ms), laid end to end as `buildTimeline` lays them. */
export interface TrackSpan {
  entryIndex: number;
  startMs: number;
  durationMs: number;
}

/** Where each track starts on the workout's clock; a track of unknown length takes none (as in `buildTimeline`). */
export function trackSpans(entries: readonly Pick<TimelineInput, 'track'>[]): TrackSpan[] {
  let startMs = 0;
  return entries.map((entry, entryIndex) => {
    const span = { entryIndex, startMs, durationMs: entry.track.durationMs ?? 0 };
    startMs += span.durationMs;
    return span;
  });
}

export interface MusicPosition {
  entryIndex: number;
  /** How far into the track (ms). */
  positionMs: number;
  isPlaying: boolean;
}

/**
 * What the leader's player should be playing at `serverMs` for the music to match the timeline:
 * the track and the position in it, and whether it plays (paused with the session). Null before
 * the start, after the last track, or once the session ended: the player is silent.
 */
export function musicPositionAt(timeline: SessionTimeline, spans: readonly TrackSpan[], serverMs: number): MusicPosition | null {
  const segment = segmentAt(timeline, serverMs);
  const elapsedMs = elapsedAt(timeline, serverMs);
  if (!segment || elapsedMs === null || elapsedMs < 0) return null;
  if (segment.kind === 'ended' && segment.fromServerMs <= serverMs) return null;
  const span = spans.find((s) => s.startMs <= elapsedMs && elapsedMs < s.startMs + s.durationMs);
  if (!span) return null;
  return { entryIndex: span.entryIndex, positionMs: elapsedMs - span.startMs, isPlaying: segment.kind === 'running' };
}

export type MusicCorrection = { kind: 'none' } | { kind: 'seek'; entryIndex: number; positionMs: number } | { kind: 'stop' };

/**
 * What to do with a player that reports `reported` (e.g. the Spotify embed's `playback_update`,
 * its position taken at `reported.atServerMs`) when the timeline expects `expected`: seek when
 * it plays another track or drifts further than `toleranceMs` (a seek is audible, so small
 * drift is left alone), stop when nothing should play.
 */
export function musicCorrection(
  expected: MusicPosition | null,
  reported: { entryIndex: number; positionMs: number; isPlaying: boolean } | null,
  toleranceMs: number,
): MusicCorrection {
  if (!expected) return reported?.isPlaying ? { kind: 'stop' } : { kind: 'none' };
  const isOff = !reported || reported.entryIndex !== expected.entryIndex || Math.abs(reported.positionMs - expected.positionMs) > toleranceMs;
  return isOff ? { kind: 'seek', entryIndex: expected.entryIndex, positionMs: expected.positionMs } : { kind: 'none' };
}
