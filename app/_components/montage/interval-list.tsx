import type { ListedInterval } from '@/lib/domain/packed-intervals';
import { formatDuration } from '@/lib/domain/tempo';
import { ownCueText } from '@/lib/domain/workout-cues';

/** "0:00–1:01 ", the exercise, then " hard · Log on the shoulder…": the intensity left out when the exercise says it ("Rest"). */
function rowText(interval: ListedInterval): { span: string; rest: string } {
  const cue = ownCueText(interval.cue);
  const intensity = interval.exercise.toLowerCase() === interval.intensity ? '' : ` ${interval.intensity}`;
  return {
    span: `${formatDuration(interval.offsetMs)}–${formatDuration(interval.offsetMs + interval.durationMs)} `,
    rest: `${intensity}${cue ? ` · ${cue}` : ''}`,
  };
}

/**
 * A track's intervals, read-only: time span, exercise (bold), intensity and cue, one row each,
 * coloured by intensity (its class is its name, styled once by `.intervals` in globals.css). Two
 * text nodes and one element per row: the App Router sends this markup twice (HTML, and the RSC
 * payload in which every element costs some 40 bytes more), and a shared page lists every interval.
 */
export function IntervalList({ intervals }: { intervals: ListedInterval[] }) {
  return (
    <ul className="intervals">
      {intervals.map((interval, index) => {
        const { span, rest } = rowText(interval);
        return (
          <li key={index} className={interval.intensity}>
            {span}
            <b>{interval.exercise}</b>
            {rest}
          </li>
        );
      })}
    </ul>
  );
}
