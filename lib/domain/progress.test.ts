import { describe, expect, it } from 'vitest';
import { exerciseSeries, lastWeeks, streakWeeks, weekOf } from './progress';

describe('weeks and streaks', () => {
  it('a week starts on Monday (UTC)', () => {
    expect(weekOf(new Date('2026-11-29T23:00:00Z'))).toBe('2026-11-23'); // a Sunday
    expect(weekOf(new Date('2026-11-30T00:00:00Z'))).toBe('2026-11-30'); // a Monday
    expect(weekOf(new Date('2027-01-01T12:00:00Z'))).toBe('2026-12-28');
  });

  it('counts weeks in a row back from this week; a week with nothing yet does not break it, a gap does', () => {
    const today = new Date('2026-11-26T10:00:00Z');
    expect(streakWeeks(['2026-11-23', '2026-11-16', '2026-11-09', '2026-10-26'], today)).toBe(3);
    expect(streakWeeks(['2026-11-16', '2026-11-09'], today)).toBe(2);
    expect(streakWeeks(['2026-11-09'], today)).toBe(0);
    expect(streakWeeks([], today)).toBe(0);
  });

  it('fills the weeks without a workout with zero, oldest first', () => {
    const weeks = lastWeeks([{ week: '2026-11-09', activeMs: 60_000, sessions: 1 }], new Date('2026-11-26T00:00:00Z'), 3);
    expect(weeks.map((w) => [w.week, w.activeMs])).toEqual([
      ['2026-11-09', 60_000],
      ['2026-11-16', 0],
      ['2026-11-23', 0],
    ]);
  });
});

describe('per-exercise entries', () => {
  it('charts each metric over time and marks each new personal best', () => {
    const at = (d: string) => new Date(`2026-11-${d}T07:00:00Z`);
    const series = exerciseSeries([
      { exercise: 'Cart press', at: at('20'), reps: 12, loadKg: 40, distanceM: null, timeSec: null },
      { exercise: 'Cart press', at: at('10'), reps: 10, loadKg: 40, distanceM: null, timeSec: null },
      { exercise: 'Cart press', at: at('25'), reps: 11, loadKg: 45, distanceM: null, timeSec: null },
    ]);
    const reps = series.find((s) => s.metric === 'reps')!;
    expect(reps.points.map((p) => [p.value, p.isBest])).toEqual([
      [10, true],
      [12, true],
      [11, false],
    ]);
    expect(reps.best).toBe(12);
    const load = series.find((s) => s.metric === 'loadKg')!;
    expect(load.points.map((p) => p.isBest)).toEqual([true, false, true]);
    expect(series.map((s) => s.metric)).toEqual(['reps', 'loadKg']);
  });
});
