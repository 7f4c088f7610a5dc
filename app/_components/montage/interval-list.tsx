import { formatDuration } from '@/lib/domain/tempo';
import { ownCueText } from '@/lib/domain/workout-cues';
import type { PlannedInterval } from '@/lib/domain/types';

/**
 * A track's intervals, read-only: time span, exercise, intensity (its class is its name), cue.
 * Styled once by `.intervals` in globals.css, one element or text node per part: the App Router
 * sends this markup twice (HTML and RSC payload), so it is kept small.
 */
export function IntervalList({ intervals }: { intervals: Pick<PlannedInterval, 'offsetMs' | 'durationMs' | 'exercise' | 'intensity' | 'cue'>[] }) {
  return (
    <ul className="intervals">
      {intervals.map((i) => {
        const cue = ownCueText(i.cue);
        return (
          <li key={i.offsetMs}>
            <span>{`${formatDuration(i.offsetMs)}–${formatDuration(i.offsetMs + i.durationMs)}`}</span>
            <b>{i.exercise}</b>
            <span className={i.intensity}>{i.intensity}</span>
            {cue}
          </li>
        );
      })}
    </ul>
  );
}
