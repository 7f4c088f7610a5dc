/** Progress over time from recorded sessions: weeks, streaks and personal bests. Weeks start on Monday, UTC. */

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/** Monday 00:00 UTC of the week holding `at`, as "YYYY-MM-DD". */
export function weekOf(at: Date): string {
  const day = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  const sinceMonday = (new Date(day).getUTCDay() + 6) % 7;
  return new Date(day - sinceMonday * DAY_MS).toISOString().slice(0, 10);
}

function addWeeks(week: string, count: number): string {
  return new Date(Date.parse(`${week}T00:00:00Z`) + count * WEEK_MS).toISOString().slice(0, 10);
}

/**
 * Weeks in a row with at least one workout, counted back from this week. A week still under way
 * does not break the streak: with nothing yet this week, the count starts at last week.
 */
export function streakWeeks(weeksWithWorkouts: Iterable<string>, today: Date): number {
  const weeks = new Set(weeksWithWorkouts);
  let week = weekOf(today);
  if (!weeks.has(week)) week = addWeeks(week, -1);
  let streak = 0;
  while (weeks.has(week)) {
    streak += 1;
    week = addWeeks(week, -1);
  }
  return streak;
}

export interface WeekTotal {
  /** Monday, "YYYY-MM-DD". */
  week: string;
  activeMs: number;
  sessions: number;
}

/** The last `count` weeks up to `today`'s, oldest first, with weeks without a workout at zero. */
export function lastWeeks(totals: readonly WeekTotal[], today: Date, count: number): WeekTotal[] {
  const byWeek = new Map(totals.map((t) => [t.week, t]));
  const thisWeek = weekOf(today);
  return Array.from({ length: count }, (_, i) => {
    const week = addWeeks(thisWeek, i - count + 1);
    return byWeek.get(week) ?? { week, activeMs: 0, sessions: 0 };
  });
}

export const ENTRY_METRICS = ['reps', 'loadKg', 'distanceM', 'timeSec'] as const;
export type EntryMetric = (typeof ENTRY_METRICS)[number];

export const METRIC_LABELS: Record<EntryMetric, string> = { reps: 'reps', loadKg: 'kg', distanceM: 'm', timeSec: 's' };

export interface LoggedEntry {
  exercise: string;
  at: Date;
  reps: number | null;
  loadKg: number | null;
  distanceM: number | null;
  timeSec: number | null;
}

export interface MetricPoint {
  at: Date;
  value: number;
  /** This entry beat every earlier one (the first entry counts as a best). */
  isBest: boolean;
}

export interface ExerciseSeries {
  exercise: string;
  metric: EntryMetric;
  points: MetricPoint[];
  best: number;
}

/**
 * What the user logged, per exercise and metric, in time order, with each new personal best
 * marked. More is better for every metric (more reps, more load, further, longer held).
 */
export function exerciseSeries(entries: readonly LoggedEntry[]): ExerciseSeries[] {
  const series = new Map<string, ExerciseSeries>();
  const sorted = [...entries].sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const entry of sorted) {
    for (const metric of ENTRY_METRICS) {
      const value = entry[metric];
      if (value === null) continue;
      const key = `${entry.exercise}\u0000${metric}`;
      let s = series.get(key);
      if (!s) {
        s = { exercise: entry.exercise, metric, points: [], best: -Infinity };
        series.set(key, s);
      }
      const isBest = value > s.best;
      if (isBest) s.best = value;
      s.points.push({ at: entry.at, value, isBest });
    }
  }
  return [...series.values()].sort((a, b) => a.exercise.localeCompare(b.exercise) || ENTRY_METRICS.indexOf(a.metric) - ENTRY_METRICS.indexOf(b.metric));
}

/** Which metrics fit an exercise's log entry: load for lifts, distance for runs and carries, reps for counted moves, time for the rest. */
export function metricsFor(exercise: string): EntryMetric[] {
  const name = exercise.toLowerCase();
  if (/run|jog|sprint|treadmill|bike|row/.test(name)) return ['distanceM', 'timeSec'];
  if (/carry|sled|pull(?!-up)|drag/.test(name)) return ['loadKg', 'distanceM'];
  if (/press|lift|machine|extension|squat|deadlift|curl/.test(name)) return ['reps', 'loadKg'];
  if (/punch/.test(name)) return ['reps'];
  if (/climb|plank|hold|hang/.test(name)) return ['timeSec'];
  return ['reps'];
}

/** The best value of each week (Monday, UTC), oldest first: a long history drawn as one point a week. */
export function weeklyBest(points: readonly MetricPoint[]): { week: string; at: Date; value: number }[] {
  const byWeek = new Map<string, { week: string; at: Date; value: number }>();
  for (const point of points) {
    const week = weekOf(point.at);
    const kept = byWeek.get(week);
    if (!kept || point.value > kept.value) byWeek.set(week, { week, at: point.at, value: point.value });
  }
  return [...byWeek.values()].sort((a, b) => a.at.getTime() - b.at.getTime());
}
