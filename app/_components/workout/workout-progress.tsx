import { formatCountdown, type Position, type TimelineStep } from '@/lib/domain/timeline';

interface WorkoutProgressProps {
  elapsedMs: number;
  totalMs: number;
  position: Position;
  current: TimelineStep | undefined;
  next: TimelineStep | undefined;
}

/** Time done and to go over the whole workout, and what comes next. */
export function WorkoutProgress({ elapsedMs, totalMs, position, current, next }: WorkoutProgressProps) {
  const overall = totalMs === 0 ? 0 : Math.round((elapsedMs / totalMs) * 100);
  return (
    <section aria-label="Progress" className="space-y-1">
      <div className="flex justify-between text-sm tabular-nums text-stone-600">
        <span>{formatCountdown(elapsedMs)} done</span>
        <span>{formatCountdown(totalMs - elapsedMs)} to go</span>
      </div>
      <div role="progressbar" aria-label="Workout progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={overall} className="h-3 overflow-hidden rounded bg-stone-200">
        <div className="h-full bg-rocky-red" style={{ width: `${overall}%` }} />
      </div>
      {next && (
        <p className="text-stone-700" data-testid="next-exercise">
          Next: <strong>{next.exercise}</strong> in {formatCountdown(position.remainingMs)}
          {next.entryIndex !== current?.entryIndex && <> · ♪ {next.trackTitle}</>}
        </p>
      )}
    </section>
  );
}
