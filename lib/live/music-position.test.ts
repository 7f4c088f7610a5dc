import { describe, expect, it } from 'vitest';
import { buildTimeline, type TimelineInput } from '../domain/timeline';
import { musicCorrection, musicPositionAt, trackSpans } from './music-position';
import { createSessionTimeline, replayEvents, type LeaderAction, type SessionTimeline } from './session-timeline';

const interval = (offsetMs: number, durationMs: number, exercise: string) => ({ offsetMs, durationMs, kind: 'work' as const, exercise, intensity: 'hard' as const, cue: '' });
const entries: TimelineInput[] = [
  { track: { title: 'Training Montage', artist: 'Vince DiCola', durationMs: 218_000 }, intervals: [interval(0, 218_000, 'Log carry')] },
  { track: { title: "Heart's on Fire", artist: 'John Cafferty', durationMs: 254_000 }, intervals: [interval(0, 120_000, 'Sled pull'), interval(120_000, 134_000, 'Mountain climb')] },
];
const T = Date.parse('2026-12-08T09:00:00Z');
const LEAD_MS = 250;

function session(...actions: [LeaderAction, number][]): SessionTimeline {
  const result = replayEvents(
    createSessionTimeline({ steps: buildTimeline(entries), leaderId: 'rocky', actionLeadMs: LEAD_MS }),
    actions.map(([action, atMs]) => ({ action, byParticipantId: 'rocky', atServerMs: T + atMs })),
  );
  if (!result.ok) throw new Error(result.code);
  return result.timeline;
}
const spans = trackSpans(entries);

describe('the leader’s music follows the timeline', () => {
  it('lays the tracks end to end as the workout timeline does', () => {
    expect(spans).toEqual([
      { entryIndex: 0, startMs: 0, durationMs: 218_000 },
      { entryIndex: 1, startMs: 218_000, durationMs: 254_000 },
    ]);
  });

  it('plays the track and position the timeline is at, silent before the start and after the end', () => {
    const started = session([{ type: 'start', startAtServerMs: T + 3000 }, 0]);
    expect(musicPositionAt(started, spans, T + 1000)).toBeNull();
    expect(musicPositionAt(started, spans, T + 3000 + 230_000)).toEqual({ entryIndex: 1, positionMs: 12_000, isPlaying: true });
    expect(musicPositionAt(started, spans, T + 3000 + 472_000)).toBeNull();
  });

  it('a pause holds the music where it was; "next" moves it to where the next interval is in its track', () => {
    const paused = session([{ type: 'start', startAtServerMs: T }, 0], [{ type: 'pause' }, 10_000]);
    expect(musicPositionAt(paused, spans, T + 60_000)).toEqual({ entryIndex: 0, positionMs: 10_000, isPlaying: false });
    const skipped = session([{ type: 'start', startAtServerMs: T }, 0], [{ type: 'next' }, 230_000]);
    // When the jump takes effect the clock is 12 s into "Sled pull"; next lands on "Mountain climb", 120 s into the second track.
    expect(musicPositionAt(skipped, spans, T + 230_000 + LEAD_MS)).toEqual({ entryIndex: 1, positionMs: 120_000, isPlaying: true });
    const ended = session([{ type: 'start', startAtServerMs: T }, 0], [{ type: 'end' }, 5000]);
    expect(musicPositionAt(ended, spans, T + 5000 + LEAD_MS)).toBeNull();
  });

  it('seeks a player that drifted past the tolerance or plays another track, leaves small drift alone, stops one that should be silent', () => {
    const expected = { entryIndex: 1, positionMs: 50_000, isPlaying: true };
    expect(musicCorrection(expected, { entryIndex: 1, positionMs: 50_150, isPlaying: true }, 250)).toEqual({ kind: 'none' });
    expect(musicCorrection(expected, { entryIndex: 1, positionMs: 50_400, isPlaying: true }, 250)).toEqual({ kind: 'seek', entryIndex: 1, positionMs: 50_000 });
    expect(musicCorrection(expected, { entryIndex: 0, positionMs: 50_000, isPlaying: true }, 250)).toEqual({ kind: 'seek', entryIndex: 1, positionMs: 50_000 });
    expect(musicCorrection(expected, null, 250)).toEqual({ kind: 'seek', entryIndex: 1, positionMs: 50_000 });
    expect(musicCorrection(null, { entryIndex: 1, positionMs: 1, isPlaying: true }, 250)).toEqual({ kind: 'stop' });
    expect(musicCorrection(null, { entryIndex: 1, positionMs: 1, isPlaying: false }, 250)).toEqual({ kind: 'none' });
  });
});
