import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { effectiveTempo } from '@/lib/domain/tempo';
import type { CurvePoint, Multiplier } from '@/lib/domain/types';
import { curveMean } from '@/lib/sequencer/curve-mean';

export interface ChartEntry {
  title: string;
  startMs: number;
  durationMs: number;
  bpm: number | null;
  multiplier: Multiplier;
}

interface TempoChartProps {
  curveName: string;
  curvePoints: CurvePoint[];
  /** The length asked for; the curve itself is laid over the montage as built, as the sequencer scores it. */
  lengthMs: number;
  entries: ChartEntry[];
  unit: 'BPM' | 'steps/min';
}

const WIDTH = 720;
const HEIGHT = 260;
const MARGIN = { top: 16, right: 16, bottom: 50, left: 64 };
/**
 * Axis text in the chart's own units: the chart scales with its width, so on a phone (about half
 * size) the text is drawn twice as large to stay readable (about 10 px, not 5).
 */
const AXIS_TEXT = 'text-[22px] sm:text-[11px] fill-stone-600 dark:fill-stone-300';

/**
 * Target curve against the tracks' effective tempo over time, rendered on the server as SVG.
 * Half/double-time tracks show their raw tempo dashed and a ×½/×2 label. The curve spans the
 * montage as built (its tracks' total length), and under each track a thin step marks the curve's
 * mean over that track's span: the tempo the sequencer's cost compares the track with.
 */
export function TempoChart({ curveName, curvePoints, lengthMs, entries, unit }: TempoChartProps) {
  const totalMs = entries.reduce((end, e) => Math.max(end, e.startMs + e.durationMs), 0);
  const spanMs = Math.max(totalMs, lengthMs, 1);
  const tempos = [
    ...curvePoints.map((p) => p.tempo),
    ...entries.flatMap((e) => (e.bpm === null ? [] : [effectiveTempo(e.bpm, e.multiplier), e.bpm])),
  ];
  const x = scaleLinear().domain([0, spanMs]).range([MARGIN.left, WIDTH - MARGIN.right]);
  const y = scaleLinear()
    .domain([Math.min(...tempos) - 10, Math.max(...tempos) + 10])
    .nice()
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const curveMs = totalMs > 0 ? totalMs : lengthMs;
  const mean = curvePoints.length > 0 ? curveMean({ name: curveName, points: curvePoints }) : null;
  const curvePath =
    line<CurvePoint>()
      .x((p) => x(p.atFraction * curveMs))
      .y((p) => y(p.tempo))(curvePoints) ?? '';
  const minuteStep = spanMs > 45 * 60_000 ? 10 : 5;
  const minuteTicks = Array.from({ length: Math.floor(spanMs / 60_000 / minuteStep) + 1 }, (_, i) => i * minuteStep);
  const known = entries.filter((e) => e.bpm !== null);
  const summary = `Target: ${curveName}. ${known.length} of ${entries.length} tracks have a known tempo${
    entries.some((e) => e.multiplier !== 1) ? '; some play at half or double time' : ''
  }.`;

  return (
    <figure className="rounded-lg border border-stone-200 bg-white p-2 dark:border-stone-700 dark:bg-stone-900">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-auto w-full" role="img" aria-labelledby="tempo-chart-title tempo-chart-desc">
        <title id="tempo-chart-title">Tempo over time</title>
        <desc id="tempo-chart-desc">{summary}</desc>
        {y.ticks(5).map((t) => (
          <g key={`y${t}`}>
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(t)} y2={y(t)} className="stroke-stone-200 dark:stroke-stone-700" />
            <text x={MARGIN.left - 6} y={y(t) + 4} textAnchor="end" className={AXIS_TEXT}>
              {t}
            </text>
          </g>
        ))}
        {minuteTicks.map((m) => (
          <text key={`x${m}`} x={x(m * 60_000)} y={HEIGHT - MARGIN.bottom + 22} textAnchor="middle" className={AXIS_TEXT}>
            {m}′
          </text>
        ))}
        <text x={WIDTH / 2} y={HEIGHT - 4} textAnchor="middle" className={AXIS_TEXT}>
          minutes
        </text>
        <text x={16} y={HEIGHT / 2} textAnchor="middle" className={AXIS_TEXT} transform={`rotate(-90 16 ${HEIGHT / 2})`}>
          {unit}
        </text>
        {entries.map((e, i) => {
          const x0 = x(e.startMs);
          const x1 = x(e.startMs + e.durationMs);
          if (e.bpm === null) {
            return (
              <g key={i}>
                <rect x={x0} y={MARGIN.top} width={Math.max(1, x1 - x0)} height={HEIGHT - MARGIN.top - MARGIN.bottom} className="fill-stone-100 dark:fill-stone-800" />
                <text x={(x0 + x1) / 2} y={HEIGHT - MARGIN.bottom - 6} textAnchor="middle" className={AXIS_TEXT}>
                  ?
                </text>
              </g>
            );
          }
          const tempo = effectiveTempo(e.bpm, e.multiplier);
          const target = mean ? mean.between(e.startMs / curveMs, (e.startMs + e.durationMs) / curveMs) : null;
          return (
            <g key={i}>
              {target !== null && <line x1={x0 + 1} x2={x1 - 1} y1={y(target)} y2={y(target)} stroke="#1c1917" strokeWidth="1" strokeDasharray="1 3" />}
              {e.multiplier !== 1 && (
                <line x1={x0 + 1} x2={x1 - 1} y1={y(e.bpm)} y2={y(e.bpm)} stroke="#a8a29e" strokeWidth="2" strokeDasharray="4 3" />
              )}
              <line x1={x0 + 1} x2={x1 - 1} y1={y(tempo)} y2={y(tempo)} stroke="#b91c1c" strokeWidth="5" strokeLinecap="round" />
              {e.multiplier !== 1 && (
                <text x={(x0 + x1) / 2} y={y(tempo) - 8} textAnchor="middle" fontWeight="bold" className="fill-rocky-red text-[22px] sm:text-[11px] dark:fill-red-400">
                  {e.multiplier === 2 ? '×2' : '×½'}
                </text>
              )}
            </g>
          );
        })}
        <path d={curvePath} fill="none" strokeWidth="2" className="stroke-stone-900 dark:stroke-stone-100" />
      </svg>
      <figcaption className="flex flex-wrap gap-4 px-2 text-xs text-stone-600 dark:text-stone-300">
        <span>
          <span aria-hidden="true" className="mr-1 inline-block h-0.5 w-5 bg-stone-900 align-middle dark:bg-stone-100" /> target ({curveName})
        </span>
        <span>
          <span aria-hidden="true" className="mr-1 inline-block w-5 border-t border-dotted border-stone-900 align-middle" /> target
          over each track (what its fit is scored against)
        </span>
        <span>
          <span aria-hidden="true" className="mr-1 inline-block h-1.5 w-5 rounded bg-rocky-red align-middle" /> track tempo as played
        </span>
        <span>
          <span aria-hidden="true" className="mr-1 inline-block w-5 border-t-2 border-dashed border-stone-400 align-middle dark:border-stone-500" /> raw
          tempo (half/double time)
        </span>
        <span>
          <span aria-hidden="true" className="mr-1 inline-block h-2 w-5 bg-stone-100 align-middle dark:bg-stone-800" /> tempo unknown
        </span>
      </figcaption>
    </figure>
  );
}
