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

/**
 * Runner's curve in steps/min: warm-up (first 15 %) 15 below cadence, build to cadence by 35 %,
 * hold the peak to 80 %, cool down to 20 below cadence at the end.
 */
export function runCurve(cadenceSpm: number): TargetCurve {
  return {
    name: 'warm-up → build → peak → cool-down',
    points: [
      { atFraction: 0, tempo: cadenceSpm - 15 },
      { atFraction: 0.15, tempo: cadenceSpm - 15 },
      { atFraction: 0.35, tempo: cadenceSpm },
      { atFraction: 0.8, tempo: cadenceSpm },
      { atFraction: 1, tempo: cadenceSpm - 20 },
    ],
  };
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
