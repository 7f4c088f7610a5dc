import { Fragment } from 'react';
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { effectiveTempo } from '@/lib/domain/tempo';
import type { CurvePoint, Multiplier } from '@/lib/domain/types';
import { curveMean } from '@/lib/sequencer/curve-mean';
import { tempoFit } from '@/lib/domain/tempo-fit';

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
/** Chart units to one decimal: finer is invisible, and every digit is sent twice (HTML and RSC payload). */
const round = (units: number): number => Math.round(units * 10) / 10;

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
  const xScale = scaleLinear().domain([0, spanMs]).range([MARGIN.left, WIDTH - MARGIN.right]);
  const yScale = scaleLinear()
    .domain([Math.min(...tempos) - 10, Math.max(...tempos) + 10])
    .nice()
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const x = (ms: number) => round(xScale(ms));
  const y = (tempo: number) => round(yScale(tempo));
  const curveMs = totalMs > 0 ? totalMs : lengthMs;
  const mean = curvePoints.length > 0 ? curveMean({ name: curveName, points: curvePoints }) : null;
  const curvePath =
    line<CurvePoint>()
      .x((p) => x(p.atFraction * curveMs))
      .y((p) => y(p.tempo))
      .digits(1)(curvePoints) ?? '';
  const minuteStep = spanMs > 45 * 60_000 ? 10 : 5;
  const minuteTicks = Array.from({ length: Math.floor(spanMs / 60_000 / minuteStep) + 1 }, (_, i) => i * minuteStep);
  const known = entries.filter((e) => e.bpm !== null);
  const summary = `Target: ${curveName}. ${known.length} of ${entries.length} tracks have a known tempo${
    entries.some((e) => e.multiplier !== 1) ? '; some play at half or double time' : ''
  }.`;

  return (
    <figure className="rounded-lg border border-stone-200 bg-white p-2 dark:border-stone-700 dark:bg-stone-900">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="tempo-chart h-auto w-full" role="img" aria-labelledby="tempo-chart-title tempo-chart-desc">
        <title id="tempo-chart-title">Tempo over time</title>
        <desc id="tempo-chart-desc">{summary}</desc>
        {yScale.ticks(5).map((t) => (
          <Fragment key={`y${t}`}>
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(t)} y2={y(t)} className="tc-grid" />
            <text x={MARGIN.left - 6} y={round(y(t) + 4)} className="tc-y">
              {t}
            </text>
          </Fragment>
        ))}
        {minuteTicks.map((m) => (
          <text key={`x${m}`} x={x(m * 60_000)} y={HEIGHT - MARGIN.bottom + 22}>
            {`${m}′`}
          </text>
        ))}
        <text x={WIDTH / 2} y={HEIGHT - 4}>
          minutes
        </text>
        <text x={16} y={HEIGHT / 2} transform={`rotate(-90 16 ${HEIGHT / 2})`}>
          {unit}
        </text>
        {entries.map((e, i) => {
          const x0 = x(e.startMs);
          const x1 = x(e.startMs + e.durationMs);
          if (e.bpm === null) {
            return (
              <Fragment key={i}>
                <rect x={x0} y={MARGIN.top} width={round(Math.max(1, x1 - x0))} height={HEIGHT - MARGIN.top - MARGIN.bottom} className="tc-unknown" />
                <text x={round((x0 + x1) / 2)} y={HEIGHT - MARGIN.bottom - 6}>
                  ?
                </text>
              </Fragment>
            );
          }
          const tempo = effectiveTempo(e.bpm, e.multiplier);
          const target = mean ? mean.between(e.startMs / curveMs, (e.startMs + e.durationMs) / curveMs) : null;
          // The one "fits" of the builder and the swap list: a track off its place is drawn dashed.
          const isOff = target !== null && !tempoFit(tempo, target).fits;
          return (
            <Fragment key={i}>
              {target !== null && <line x1={round(x0 + 1)} x2={round(x1 - 1)} y1={y(target)} y2={y(target)} className="tc-mean" />}
              {e.multiplier !== 1 && (
                <line x1={round(x0 + 1)} x2={round(x1 - 1)} y1={y(e.bpm)} y2={y(e.bpm)} className="tc-raw" />
              )}
              <line x1={round(x0 + 1)} x2={round(x1 - 1)} y1={y(tempo)} y2={y(tempo)} className={isOff ? 'tc-track tc-off' : 'tc-track'} />
              {e.multiplier !== 1 && (
                <text x={round((x0 + x1) / 2)} y={round(y(tempo) - 8)} className="tc-multiplier">
                  {e.multiplier === 2 ? '×2' : '×½'}
                </text>
              )}
            </Fragment>
          );
        })}
        <path d={curvePath} className="tc-curve" />
      </svg>
      <figcaption className="tc-legend">
        <span>
          <i aria-hidden="true" className="h-0.5 bg-stone-900 dark:bg-stone-100" />
          {` target (${curveName})`}
        </span>
        <span>
          <i aria-hidden="true" className="border-t border-dotted border-stone-900" /> target over each track (what its fit is scored against)
        </span>
        <span>
          <i aria-hidden="true" className="h-1.5 rounded bg-rocky-red" /> track tempo as played (dashed: off its target by more than 3 %)
        </span>
        <span>
          <i aria-hidden="true" className="border-t-2 border-dashed border-stone-400 dark:border-stone-500" /> raw tempo (half/double time)
        </span>
        <span>
          <i aria-hidden="true" className="h-2 bg-stone-100 dark:bg-stone-800" /> tempo unknown
        </span>
      </figcaption>
    </figure>
  );
}
