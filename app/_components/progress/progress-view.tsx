import Link from 'next/link';
import type { ProgressData } from '@/db/queries/progress';
import { exerciseSeries, lastWeeks, streakWeeks } from '@/lib/domain/progress';
import { formatCountdown } from '@/lib/domain/timeline';
import { DeleteSessionButton } from './delete-session-button';
import { ExerciseChart } from './exercise-chart';
import { WeekChart } from './week-chart';

const CHART_WEEKS = 26;

function minutes(ms: number): string {
  return `${Math.round(ms / 60_000)} min`;
}

/** The progress page's content from its data: plain rendering, so its server time can be measured alone. */
export function ProgressView({ data, today }: { data: ProgressData; today: Date }) {
  const streak = streakWeeks(
    data.weeks.filter((w) => w.sessions > 0).map((w) => w.week),
    today,
  );
  const series = exerciseSeries(data.entries);
  const total = data.completed + data.abandoned;
  return (
    <div className="space-y-6">
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <div className="rounded-lg bg-stone-900 p-3 text-white">
          <dt className="text-xs uppercase tracking-widest text-stone-300">Streak</dt>
          <dd className="text-2xl font-black" data-testid="streak">
            {streak} week{streak === 1 ? '' : 's'}
          </dd>
        </div>
        <div className="rounded-lg border border-stone-200 p-3">
          <dt className="text-xs uppercase tracking-widest text-stone-500 dark:text-stone-400">Completed</dt>
          <dd className="text-2xl font-black" data-testid="completed-count">
            {data.completed}
          </dd>
        </div>
        <div className="rounded-lg border border-stone-200 p-3">
          <dt className="text-xs uppercase tracking-widest text-stone-500 dark:text-stone-400">Abandoned</dt>
          <dd className="text-2xl font-black" data-testid="abandoned-count">
            {data.abandoned}
          </dd>
        </div>
        <div className="rounded-lg border border-stone-200 p-3">
          <dt className="text-xs uppercase tracking-widest text-stone-500 dark:text-stone-400">Time trained</dt>
          <dd className="text-2xl font-black">{minutes(data.totalActiveMs)}</dd>
        </div>
      </dl>

      <section aria-labelledby="weeks-heading" className="space-y-2">
        <h2 id="weeks-heading" className="text-lg font-bold">
          Minutes per week
        </h2>
        <WeekChart weeks={lastWeeks(data.weeks, today, CHART_WEEKS)} />
      </section>

      <section aria-labelledby="exercises-heading" className="space-y-2">
        <h2 id="exercises-heading" className="text-lg font-bold">
          Your exercises
        </h2>
        {series.length === 0 ? (
          <p className="text-sm text-stone-600 dark:text-stone-400">After a work interval, the rest screen lets you log reps, load, distance or time. Your entries are charted here.</p>
        ) : (
          <div className="grid gap-3 sm:grid-cols-2">
            {series.map((s) => (
              <ExerciseChart key={`${s.exercise}-${s.metric}`} series={s} />
            ))}
          </div>
        )}
      </section>

      <section aria-labelledby="sessions-heading" className="space-y-2">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="sessions-heading" className="text-lg font-bold">
            Sessions {total > data.recent.length && <span className="text-sm font-normal text-stone-600 dark:text-stone-400">(latest {data.recent.length} of {total})</span>}
          </h2>
          <p className="flex gap-3 text-sm">
            Export your history:
            <a href="/api/sessions/export?format=csv" className="underline" download>
              CSV
            </a>
            <a href="/api/sessions/export?format=json" className="underline" download>
              JSON
            </a>
          </p>
        </div>
        {data.recent.length === 0 ? (
          <p className="text-sm text-stone-600 dark:text-stone-400">No workouts yet. Open a montage and press Start: every workout is recorded here, even offline.</p>
        ) : (
          <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200" data-testid="session-list">
            {data.recent.map((s) => {
              const when = s.startedAt.toISOString().replace('T', ' ').slice(0, 16);
              return (
                <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 p-3" data-testid="session-row">
                  <div>
                    <p className="font-semibold">
                      {s.montageId ? <Link href={`/m/${s.montageId}`}>{s.montageName}</Link> : s.montageName}{' '}
                      <span className={`ml-1 rounded px-1.5 py-0.5 text-xs ${s.status === 'completed' ? 'bg-green-100 text-green-900' : 'bg-amber-100 text-amber-900'}`}>{s.status}</span>
                    </p>
                    <p className="text-sm tabular-nums text-stone-600 dark:text-stone-400">
                      {when} UTC · {formatCountdown(s.activeMs)} of {formatCountdown(s.plannedMs)}
                      {s.pauseCount > 0 && ` · ${s.pauseCount} pause${s.pauseCount === 1 ? '' : 's'}`}
                    </p>
                  </div>
                  <DeleteSessionButton sessionId={s.id} label={`${s.montageName}, ${when}`} />
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}
