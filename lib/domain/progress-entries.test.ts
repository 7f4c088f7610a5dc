import { describe, expect, it } from 'vitest';
import { exerciseSeries, METRIC_LABELS, metricsFor, weeklyBest } from './progress';

describe('what the log asks for after each exercise', () => {
  it('distance and time for runs, load and distance for carries and pulls, reps and load for lifts, reps for punches, time for holds', () => {
    expect(metricsFor('Snow RUN')).toEqual(['distanceM', 'timeSec']);
    expect(metricsFor('Rowing')).toEqual(['distanceM', 'timeSec']);
    expect(metricsFor('Log carry')).toEqual(['loadKg', 'distanceM']);
    expect(metricsFor('Sled pull')).toEqual(['loadKg', 'distanceM']);
    expect(metricsFor('Cart press')).toEqual(['reps', 'loadKg']);
    expect(metricsFor('Heavy bag punches')).toEqual(['reps']);
    // Punches from a plank are counted, not timed like the plank.
    expect(metricsFor('Plank punches')).toEqual(['reps']);
    expect(metricsFor('Mountain climb')).toEqual(['timeSec']);
    expect(metricsFor('Plank')).toEqual(['timeSec']);
    // A pull-up is counted, not loaded; anything unknown is counted too.
    expect(metricsFor('Pull-ups')).toEqual(['reps']);
    expect(metricsFor('Sit-ups')).toEqual(['reps']);
  });

  it('labels each metric with its unit', () => {
    expect(METRIC_LABELS).toEqual({ reps: 'reps', loadKg: 'kg', distanceM: 'm', timeSec: 's' });
  });
});

describe('charts of a long history', () => {
  const at = (d: string) => new Date(`${d}T07:00:00Z`);

  it('keep the best value of each week (Monday to Sunday, UTC), oldest week first', () => {
    const weeks = weeklyBest([
      { at: at('2026-11-25'), value: 12, isBest: false },
      { at: at('2026-11-10'), value: 8, isBest: true },
      { at: at('2026-11-23'), value: 15, isBest: true },
      { at: at('2026-11-12'), value: 9, isBest: true },
      { at: at('2026-11-28'), value: 15, isBest: false },
    ]);
    expect(weeks.map((w) => [w.week, w.value])).toEqual([
      ['2026-11-09', 9],
      ['2026-11-23', 15],
    ]);
    // The first of two equal bests is the one shown.
    expect(weeks[1]!.at).toEqual(at('2026-11-23'));
    expect(weeklyBest([])).toEqual([]);
  });

  it('list exercises by name, and within one the metrics in the log’s order', () => {
    const on = at('2026-11-20');
    const series = exerciseSeries([
      { exercise: 'Sled pull', at: on, reps: null, loadKg: 80, distanceM: 20, timeSec: null },
      { exercise: 'Cart press', at: on, reps: 12, loadKg: 40, distanceM: null, timeSec: null },
    ]);
    expect(series.map((s) => `${s.exercise} ${s.metric}`)).toEqual(['Cart press reps', 'Cart press loadKg', 'Sled pull loadKg', 'Sled pull distanceM']);
    // A metric first logged later still takes its place in the log's order.
    const later = exerciseSeries([
      { exercise: 'Sled pull', at: on, reps: null, loadKg: null, distanceM: 20, timeSec: null },
      { exercise: 'Sled pull', at: at('2026-11-27'), reps: null, loadKg: 90, distanceM: 25, timeSec: null },
    ]);
    expect(later.map((s) => s.metric)).toEqual(['loadKg', 'distanceM']);
  });
});
