import { scaleBand, scaleLinear } from 'd3-scale';
import type { WeekTotal } from '@/lib/domain/progress';

const WIDTH = 720;
const HEIGHT = 220;
const MARGIN = { top: 12, right: 12, bottom: 30, left: 40 };

/** Minutes trained per week as bars, rendered on the server as SVG. */
export function WeekChart({ weeks }: { weeks: readonly WeekTotal[] }) {
  const minutes = weeks.map((w) => Math.round(w.activeMs / 60_000));
  const x = scaleBand<string>()
    .domain(weeks.map((w) => w.week))
    .range([MARGIN.left, WIDTH - MARGIN.right])
    .padding(0.2);
  const y = scaleLinear()
    .domain([0, Math.max(30, ...minutes)])
    .nice()
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const labelEvery = Math.ceil(weeks.length / 6);
  const total = minutes.reduce((a, b) => a + b, 0);
  return (
    <figure className="rounded-lg border border-stone-200 bg-white p-2">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-auto w-full" role="img" aria-labelledby="week-chart-title week-chart-desc">
        <title id="week-chart-title">Minutes per week</title>
        <desc id="week-chart-desc">
          {total} minutes over the last {weeks.length} weeks; this week {minutes.at(-1) ?? 0} minutes.
        </desc>
        {y.ticks(4).map((t) => (
          <g key={t}>
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(t)} y2={y(t)} className="stroke-stone-200" />
            <text x={MARGIN.left - 6} y={y(t) + 4} textAnchor="end" className="fill-stone-500 text-[11px]">
              {t}
            </text>
          </g>
        ))}
        {weeks.map((w, i) => (
          <g key={w.week}>
            <rect x={x(w.week)} y={y(minutes[i]!)} width={x.bandwidth()} height={y(0) - y(minutes[i]!)} className="fill-rocky-red" data-testid="week-bar" data-minutes={minutes[i]}>
              <title>{`Week of ${w.week}: ${minutes[i]} min, ${w.sessions} session${w.sessions === 1 ? '' : 's'}`}</title>
            </rect>
            {i % labelEvery === 0 && (
              <text x={(x(w.week) ?? 0) + x.bandwidth() / 2} y={HEIGHT - 10} textAnchor="middle" className="fill-stone-500 text-[11px]">
                {w.week.slice(5)}
              </text>
            )}
          </g>
        ))}
      </svg>
    </figure>
  );
}
