import { formatDuration } from '@/lib/domain/tempo';
import { ownCueText } from '@/lib/domain/workout-cues';
import type { Intensity, PlannedInterval } from '@/lib/domain/types';

const INTENSITY_STYLE: Record<Intensity, string> = {
  rest: 'bg-sky-100 text-sky-900',
  easy: 'bg-green-100 text-green-900',
  moderate: 'bg-yellow-100 text-yellow-900',
  hard: 'bg-orange-100 text-orange-900',
  max: 'bg-red-100 text-red-900',
};

/** A track's intervals, read-only. */
export function IntervalList({ intervals }: { intervals: PlannedInterval[] }) {
  return (
    <ul className="mt-2 space-y-1 text-sm">
      {intervals.map((i) => (
        <li key={i.offsetMs} className="flex flex-wrap items-baseline gap-2">
          <span className="w-24 tabular-nums text-stone-500 dark:text-stone-400">
            {formatDuration(i.offsetMs)}–{formatDuration(i.offsetMs + i.durationMs)}
          </span>
          <span className="font-semibold">{i.exercise}</span>
          <span className={`rounded px-1.5 text-xs ${INTENSITY_STYLE[i.intensity]}`}>{i.intensity}</span>
          {ownCueText(i.cue) && <span className="text-stone-600 dark:text-stone-400">{ownCueText(i.cue)}</span>}
        </li>
      ))}
    </ul>
  );
}
