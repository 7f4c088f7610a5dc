import { Bar } from './bar';
import { formatCountdown, type Position, type TimelineStep } from '@/lib/domain/timeline';

interface WorkoutProgressProps {
  elapsedMs: number;
  totalMs: number;
}

/** Time done and to go over the whole workout. */
export function WorkoutProgress({ elapsedMs, totalMs }: WorkoutProgressProps) {
  const overall = totalMs === 0 ? 0 : Math.round((elapsedMs / totalMs) * 100);
  return (
    <section aria-label="Progress" className="space-y-1">
      <div className="flex justify-between text-base tabular-nums text-stone-700 dark:text-stone-300">
        <span>{formatCountdown(elapsedMs)} done</span>
        <span>{formatCountdown(totalMs - elapsedMs)} to go</span>
      </div>
      <div role="progressbar" aria-label="Workout progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={overall}>
        <Bar percent={overall} className="block h-3 w-full rounded bg-stone-200 dark:bg-stone-700" fillClassName="fill-rocky-red" />
      </div>
    </section>
  );
}

/** What comes after the current interval, large enough to read from two metres. */
export function NextUp({ current, next, position }: { current: TimelineStep | undefined; next: TimelineStep | undefined; position: Position }) {
  if (!next) return null;
  return (
    <p className="text-center text-[2rem] leading-tight font-bold text-stone-800 dark:text-stone-100" data-testid="next-exercise">
      Next: <strong className="font-black">{next.exercise}</strong> <span className="font-normal whitespace-nowrap tabular-nums">in {formatCountdown(position.remainingMs)}</span>
      {next.entryIndex !== current?.entryIndex && <span className="block text-lg font-normal text-stone-700 dark:text-stone-300">♪ {next.trackTitle}</span>}
    </p>
  );
}
