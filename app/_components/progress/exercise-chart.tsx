import { scaleLinear, scaleTime } from 'd3-scale';
import { line } from 'd3-shape';
import { METRIC_LABELS, type ExerciseSeries, type MetricPoint } from '@/lib/domain/progress';

const WIDTH = 340;
const HEIGHT = 140;
const MARGIN = { top: 14, right: 12, bottom: 22, left: 36 };

/** One exercise's logged metric over time; personal bests are gold. Server-rendered SVG. */
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
  const path = line<MetricPoint>()
    .x((p) => x(p.at))
    .y((p) => y(p.value))(points);
  const unit = METRIC_LABELS[series.metric];
  const title = `${series.exercise} (${unit})`;
  return (
    <figure className="rounded-lg border border-stone-200 bg-white p-2" data-testid="exercise-chart">
      <figcaption className="flex justify-between text-sm font-semibold">
        <span>{title}</span>
        <span className="text-amber-700" data-testid="personal-best">
          Best: {series.best} {unit}
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-auto w-full" role="img" aria-label={`${title} over ${points.length} entries; personal best ${series.best} ${unit}`}>
        {y.ticks(3).map((t) => (
          <text key={t} x={MARGIN.left - 6} y={y(t) + 4} textAnchor="end" className="fill-stone-500 text-[10px]">
            {t}
          </text>
        ))}
        <path d={path ?? ''} className="fill-none stroke-stone-700" strokeWidth={1.5} />
        {points.map((p, i) => (
          <circle key={i} cx={x(p.at)} cy={y(p.value)} r={p.isBest ? 4.5 : 2.5} className={p.isBest ? 'fill-amber-500 stroke-stone-900' : 'fill-stone-700'}>
            <title>{`${p.at.toISOString().slice(0, 10)}: ${p.value} ${unit}${p.isBest ? ' — personal best' : ''}`}</title>
          </circle>
        ))}
      </svg>
    </figure>
  );
}
