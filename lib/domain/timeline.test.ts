import { describe, expect, it } from 'vitest';
import { buildTimeline, formatCountdown, locate } from './timeline';

const entries = [
  {
    track: { title: 'Eye of the Tiger', artist: 'Survivor', durationMs: 60_000 },
    intervals: [
      { offsetMs: 0, durationMs: 40_000, kind: 'work' as const, exercise: 'Log carry', intensity: 'hard' as const, cue: '' },
      { offsetMs: 40_000, durationMs: 20_000, kind: 'rest' as const, exercise: 'Rest', intensity: 'rest' as const, cue: '' },
    ],
  },
  {
    track: { title: 'War', artist: 'Vince DiCola', durationMs: 30_000 },
    intervals: [{ offsetMs: 0, durationMs: 30_000, kind: 'work' as const, exercise: 'Sled pull', intensity: 'max' as const, cue: '' }],
  },
];

describe('timeline', () => {
  const steps = buildTimeline(entries);

  it('lays every interval on one clock, tracks end to end', () => {
    expect(steps.map((s) => [s.startMs, s.endMs, s.exercise])).toEqual([
      [0, 40_000, 'Log carry'],
      [40_000, 60_000, 'Rest'],
      [60_000, 90_000, 'Sled pull'],
    ]);
    expect(steps[2]!.trackTitle).toBe('War');
  });

  it('finds the current step and the time left in it; a boundary belongs to the next step', () => {
    expect(locate(steps, 0)).toEqual({ index: 0, remainingMs: 40_000, isFinished: false });
    expect(locate(steps, 39_999)).toMatchObject({ index: 0, remainingMs: 1 });
    expect(locate(steps, 40_000)).toMatchObject({ index: 1, remainingMs: 20_000 });
    expect(locate(steps, 75_000)).toMatchObject({ index: 2, remainingMs: 15_000 });
    expect(locate(steps, 90_000)).toEqual({ index: 3, remainingMs: 0, isFinished: true });
  });

  it('formats a countdown rounding up', () => {
    expect(formatCountdown(40_000)).toBe('0:40');
    expect(formatCountdown(39_001)).toBe('0:40');
    expect(formatCountdown(3_723_000)).toBe('1:02:03');
    expect(formatCountdown(-5)).toBe('0:00');
  });
});
