import { scaleLinear, scaleTime } from 'd3-scale';
import { line } from 'd3-shape';
import { METRIC_LABELS, weeklyBest, type ExerciseSeries } from '@/lib/domain/progress';

const WIDTH = 340;
const HEIGHT = 140;
const MARGIN = { top: 14, right: 12, bottom: 22, left: 36 };

/**
 * One exercise's logged metric over time (the best of each week, so years stay light) with each
 * new personal best marked in gold. Server-rendered SVG.
 */
export function ExerciseChart({ series }: { series: ExerciseSeries }) {
  const { points } = series;
  const first = points[0]!.at;
  const last = points.at(-1)!.at;
  const x = scaleTime()
    .domain(first.getTime() === last.getTime() ? [new Date(first.getTime() - 86_400_000), new Date(last.getTime() + 86_400_000)] : [first, last])
    .range([MARGIN.left, WIDTH - MARGIN.right]);
  const values = points.map((p) => p.value);
  const y = scaleLinear()
    .domain([Math.min(0, ...values), Math.max(...values)])
    .nice()
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const weekly = weeklyBest(points);
  const bests = points.filter((p) => p.isBest);
  const path = line<{ at: Date; value: number }>()
    .x((p) => x(p.at))
    .y((p) => y(p.value))(weekly);
  const unit = METRIC_LABELS[series.metric];
  const title = `${series.exercise} (${unit})`;
  return (
    <figure className="rounded-lg border border-stone-200 bg-white p-2 dark:border-stone-700 dark:bg-stone-900" data-testid="exercise-chart">
      <figcaption className="flex justify-between text-sm font-semibold">
        <span>{title}</span>
        <span className="text-amber-700 dark:text-amber-300" data-testid="personal-best">
          Best: {series.best} {unit}
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-auto w-full" role="img" aria-label={`${title} over ${points.length} entries; personal best ${series.best} ${unit}`}>
        {y.ticks(3).map((t) => (
          <text key={t} x={MARGIN.left - 6} y={y(t) + 4} textAnchor="end" className="fill-stone-600 text-[10px] dark:fill-stone-300">
            {t}
          </text>
        ))}
        <path d={path ?? ''} className="fill-none stroke-stone-700 dark:stroke-stone-300" strokeWidth={1.5} />
        {weekly.length === 1 && <circle cx={x(weekly[0]!.at)} cy={y(weekly[0]!.value)} r={2.5} className="fill-stone-700 dark:fill-stone-300" />}
        {bests.map((p, i) => (
          <circle key={i} cx={x(p.at)} cy={y(p.value)} r={4.5} className="fill-amber-500 stroke-stone-900" data-testid="best-mark">
            <title>{`${p.at.toISOString().slice(0, 10)}: ${p.value} ${unit}, personal best`}</title>
          </circle>
        ))}
      </svg>
    </figure>
  );
}
