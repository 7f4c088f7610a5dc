import type { CurvePoint, TargetCurve } from './types';

/**
 * Effective tempo of `curve` at `fraction` (0..1) of the workout, linearly interpolated.
 * Fractions outside 0..1 are clamped.
 */
export function tempoAt(curve: TargetCurve, fraction: number): number {
  const points = curve.points;
  const first = points[0];
  if (!first) throw new Error(`curve "${curve.name}" has no points`);
  const x = Math.min(1, Math.max(0, fraction));
  let previous: CurvePoint = first;
  for (const point of points) {
    if (point.atFraction >= x) {
      const span = point.atFraction - previous.atFraction;
      if (span <= 0) return point.tempo;
      const t = (x - previous.atFraction) / span;
      return previous.tempo + t * (point.tempo - previous.tempo);
    }
    previous = point;
  }
  return previous.tempo;
}

/**
 * Mean effective tempo of `curve` between two fractions, by the trapezoid rule on its own
 * breakpoints (exact for a piecewise-linear curve).
 */
export function meanTempoBetween(curve: TargetCurve, fromFraction: number, toFraction: number): number {
  const a = Math.min(1, Math.max(0, fromFraction));
  const b = Math.min(1, Math.max(0, toFraction));
  if (b <= a) return tempoAt(curve, a);
  const xs = [a, ...curve.points.map((p) => p.atFraction).filter((x) => x > a && x < b), b];
  let area = 0;
  for (let i = 1; i < xs.length; i += 1) {
    const x0 = xs[i - 1]!;
    const x1 = xs[i]!;
    area += ((tempoAt(curve, x0) + tempoAt(curve, x1)) / 2) * (x1 - x0);
  }
  return area / (b - a);
}

export const RUN_SHAPES = ['steady', 'progression', 'strides'] as const;
/** What the runner does between the walks: hold the cadence, build through it, or surge above it in blocks. */
export type RunShape = (typeof RUN_SHAPES)[number];

/** Walking pace at the ends of a run, in steps/min: the walk-in climbs from the first to the second, the walk-out comes back down. */
export const RUN_WALK_SPM = { from: 100, to: 125 } as const;
/** How far the cadence part may leave the cadence asked for: ± 5 % (a person notices about 4 %). */
export const RUN_CADENCE_SPREAD = 0.05;
/** Progression runs from 4 % under the cadence to 4 % over it; strides surge 4 % over it. */
const SHAPE_SPREAD = 0.04;
const WALK_MIN = 5;
/** A walk takes 5 minutes, at most a fifth of the run. */
const MAX_WALK_SHARE = 0.2;
/** From walking to running (and back) in a 30-second slope, not a step: the curve stays a function. */
const SLOPE_MIN = 0.5;
const STRIDE_BLOCKS = 6;

/**
 * A run as a runner knows it, in steps/min: a walk-in (≈ 5 min, 100 → 125 spm), the cadence part
 * (`steady`: `cadenceSpm` throughout; `progression`: 4 % under it to 4 % over it; `strides`: blocks
 * at the cadence alternating with blocks 4 % over it), then a walk-out (125 → 100 spm). The cadence
 * part never leaves `cadenceSpm` ± `RUN_CADENCE_SPREAD`. `lengthMin` sets the walks' share of the
 * curve (the curve is laid over fractions of the run); 30 min by default.
 */
export function runCurve(cadenceSpm: number, shape: RunShape = 'steady', lengthMin = 30): TargetCurve {
  const walk = Math.min(MAX_WALK_SHARE, WALK_MIN / Math.max(1, lengthMin));
  const slope = Math.min(walk / 4, SLOPE_MIN / Math.max(1, lengthMin));
  const runFrom = walk + slope;
  const runTo = 1 - walk - slope;
  const points: CurvePoint[] = [
    { atFraction: 0, tempo: RUN_WALK_SPM.from },
    { atFraction: walk, tempo: RUN_WALK_SPM.to },
  ];
  if (shape === 'progression') {
    points.push({ atFraction: runFrom, tempo: cadenceSpm * (1 - SHAPE_SPREAD) }, { atFraction: runTo, tempo: cadenceSpm * (1 + SHAPE_SPREAD) });
  } else if (shape === 'strides') {
    const block = (runTo - runFrom) / STRIDE_BLOCKS;
    const edge = block * 0.1;
    for (let b = 0; b < STRIDE_BLOCKS; b += 1) {
      const tempo = b % 2 === 0 ? cadenceSpm : cadenceSpm * (1 + SHAPE_SPREAD);
      points.push({ atFraction: runFrom + b * block + (b === 0 ? 0 : edge), tempo }, { atFraction: runFrom + (b + 1) * block, tempo });
    }
  } else {
    points.push({ atFraction: runFrom, tempo: cadenceSpm }, { atFraction: runTo, tempo: cadenceSpm });
  }
  points.push({ atFraction: 1 - walk, tempo: RUN_WALK_SPM.to }, { atFraction: 1, tempo: RUN_WALK_SPM.from });
  return { name: `walk-in → ${shape} ${Math.round(cadenceSpm)} spm → walk-out`, points };
}

/** Where a run's cadence part starts and ends, as fractions: between the last walk-in point and the first walk-out point. */
export function runCadencePart(curve: TargetCurve): { fromFraction: number; toFraction: number } {
  const inner = curve.points.slice(2, -2);
  return { fromFraction: inner[0]?.atFraction ?? 0, toFraction: inner[inner.length - 1]?.atFraction ?? 1 };
}

/**
 * The montage arc in BPM: the first Russia montage builds steadily, the second climbs to the
 * mountain top, then a short walk down.
 */
export function montageArcCurve(): TargetCurve {
  return {
    name: 'montage arc',
    points: [
      { atFraction: 0, tempo: 100 },
      { atFraction: 0.45, tempo: 118 },
      { atFraction: 0.5, tempo: 112 },
      { atFraction: 0.9, tempo: 136 },
      { atFraction: 1, tempo: 105 },
    ],
  };
}

/**
 * Drago's lab in BPM: the machine. A short spin-up, then a fast plateau that barely moves (the
 * treadmill's belt, the monitor's numbers), and a short spin-down: steadier and faster than the barn.
 */
export function dragoLabCurve(): TargetCurve {
  return {
    name: "Drago's lab: the machine",
    points: [
      { atFraction: 0, tempo: 118 },
      { atFraction: 0.08, tempo: 132 },
      { atFraction: 0.92, tempo: 136 },
      { atFraction: 1, tempo: 116 },
    ],
  };
}

/**
 * Rocky vs Drago in BPM: the two training montages cut together climb in stages to the fight
 * (the final round, "War"), then come down.
 */
export function versusCurve(): TargetCurve {
  return {
    name: 'Rocky vs Drago: to the fight',
    points: [
      { atFraction: 0, tempo: 100 },
      { atFraction: 0.25, tempo: 116 },
      { atFraction: 0.5, tempo: 126 },
      { atFraction: 0.75, tempo: 134 },
      { atFraction: 0.88, tempo: 142 },
      { atFraction: 1, tempo: 110 },
    ],
  };
}

/** HIIT in BPM: a short warm-up then a high plateau, easing at the end. */
export function hiitCurve(): TargetCurve {
  return {
    name: 'HIIT plateau',
    points: [
      { atFraction: 0, tempo: 105 },
      { atFraction: 0.15, tempo: 128 },
      { atFraction: 0.9, tempo: 132 },
      { atFraction: 1, tempo: 110 },
    ],
  };
}

/** A steady effective tempo for the whole workout (steady cadence). */
export function steadyCurve(tempo: number): TargetCurve {
  return { name: `steady ${round1(tempo)}`, points: [{ atFraction: 0, tempo }, { atFraction: 1, tempo }] };
}

/** A straight ramp from `fromTempo` at the start to `toTempo` at the end (either direction). */
export function rampCurve(fromTempo: number, toTempo: number): TargetCurve {
  return {
    name: `ramp ${round1(fromTempo)} → ${round1(toTempo)}`,
    points: [{ atFraction: 0, tempo: fromTempo }, { atFraction: 1, tempo: toTempo }],
  };
}

/** Up from `baseTempo` to `peakTempo` at the middle and back down, in `steps` equal stairs each way (≥ 1). */
export function pyramidCurve(baseTempo: number, peakTempo: number, steps = 3): TargetCurve {
  const stairs = Math.max(1, Math.round(steps));
  const points: { atFraction: number; tempo: number }[] = [];
  const width = 1 / (2 * stairs + 1);
  const edge = width * 0.1; // a short slope instead of a vertical step keeps the curve a function
  for (let level = 0; level <= 2 * stairs; level += 1) {
    const tempo = baseTempo + ((peakTempo - baseTempo) * (stairs - Math.abs(stairs - level))) / stairs;
    const from = level * width;
    points.push({ atFraction: level === 0 ? 0 : from + edge, tempo });
    points.push({ atFraction: level === 2 * stairs ? 1 : from + width, tempo });
  }
  return { name: `pyramid ${round1(baseTempo)} → ${round1(peakTempo)}`, points };
}

/**
 * Warm-up, peak, cool-down: ramps from `baseTempo` to `peakTempo` over the first `warmUpShare`
 * of the workout, holds the peak, and ramps back over the last `coolDownShare` (25/50/25 by default).
 */
export function warmUpPeakCoolDownCurve(
  baseTempo: number,
  peakTempo: number,
  warmUpShare = 0.25,
  coolDownShare = 0.25,
): TargetCurve {
  const warm = Math.min(0.5, Math.max(0, warmUpShare));
  const cool = Math.min(0.5, Math.max(0, coolDownShare));
  return {
    name: `warm-up ${Math.round(warm * 100)} / peak / cool-down ${Math.round(cool * 100)}`,
    points: [
      { atFraction: 0, tempo: baseTempo },
      { atFraction: warm, tempo: peakTempo },
      { atFraction: 1 - cool, tempo: peakTempo },
      { atFraction: 1, tempo: baseTempo },
    ],
  };
}

/**
 * HIIT alternation at the scale of tracks: `rounds` (≥ 1) of a hard block at `highTempo` then an
 * easy block at `lowTempo`, with short slopes between blocks.
 */
export function hiitAlternationCurve(lowTempo: number, highTempo: number, rounds = 4): TargetCurve {
  const count = Math.max(1, Math.round(rounds));
  const block = 1 / (2 * count);
  const edge = block * 0.1;
  const points: { atFraction: number; tempo: number }[] = [];
  for (let b = 0; b < 2 * count; b += 1) {
    const tempo = b % 2 === 0 ? highTempo : lowTempo;
    points.push({ atFraction: b === 0 ? 0 : b * block + edge, tempo });
    points.push({ atFraction: b === 2 * count - 1 ? 1 : (b + 1) * block, tempo });
  }
  return { name: `HIIT alternation ${round1(lowTempo)} / ${round1(highTempo)} × ${count}`, points };
}

/**
 * A user-drawn curve from points in any order: fractions are clamped to 0..1, points sorted by
 * fraction (stable), non-finite points dropped, and the ends held flat so the curve covers 0..1.
 * Throws when no finite point is given.
 */
export function drawnCurve(points: readonly CurvePoint[], name = 'drawn'): TargetCurve {
  const clean = points
    .filter((p) => Number.isFinite(p.atFraction) && Number.isFinite(p.tempo))
    .map((p) => ({ atFraction: Math.min(1, Math.max(0, p.atFraction)), tempo: p.tempo }))
    .sort((a, b) => a.atFraction - b.atFraction);
  const first = clean[0];
  const last = clean[clean.length - 1];
  if (!first || !last) throw new Error(`curve "${name}" has no points`);
  if (first.atFraction > 0) clean.unshift({ atFraction: 0, tempo: first.tempo });
  if (last.atFraction < 1) clean.push({ atFraction: 1, tempo: last.tempo });
  return { name, points: clean };
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
