import type { TargetCurve } from '../domain/types';

/**
 * Mean effective tempo of a target curve over a span of the workout, answered in O(log points)
 * from a table of the curve's running area, so the sequencer can score an order in microseconds.
 *
 * Exact for a piecewise-linear curve, including a vertical step (two points at one fraction:
 * the zero-width segment adds no area). Before the first point and after the last the curve is
 * held flat, as `tempoAt` does. On curves without such steps it agrees with `meanTempoBetween`.
 */
export interface CurveMean {
  /** Mean tempo between two fractions of the workout (clamped to 0..1); the value at `from` if the span is empty. */
  between(fromFraction: number, toFraction: number): number;
  /** Area under the curve from 0 to `fraction` (clamped to 0..1), in tempo × fraction. */
  areaTo(fraction: number): number;
  /** Lowest and highest tempo of the curve. */
  minTempo: number;
  maxTempo: number;
}

/** Builds the area table of `curve`; throws when the curve has no points. */
export function curveMean(curve: TargetCurve): CurveMean {
  const points = curve.points;
  if (points.length === 0) throw new Error(`curve "${curve.name}" has no points`);
  const n = points.length;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  points.forEach((p, i) => {
    xs[i] = p.atFraction;
    ys[i] = p.tempo;
  });
  // area[i] = integral of the curve from 0 to xs[i]
  const area = new Float64Array(n);
  area[0] = ys[0]! * Math.max(0, xs[0]!);
  for (let i = 1; i < n; i += 1) {
    area[i] = area[i - 1]! + ((ys[i - 1]! + ys[i]!) / 2) * (xs[i]! - xs[i - 1]!);
  }

  /** Integral of the curve from 0 to x. */
  const integral = (x: number): number => {
    if (x <= xs[0]!) return ys[0]! * x;
    if (x >= xs[n - 1]!) return area[n - 1]! + ys[n - 1]! * (x - xs[n - 1]!);
    // last i with xs[i] <= x (i < n - 1)
    let low = 0;
    let high = n - 1;
    while (high - low > 1) {
      const mid = (low + high) >> 1;
      if (xs[mid]! <= x) low = mid;
      else high = mid;
    }
    const x0 = xs[low]!;
    const width = xs[high]! - x0;
    const y0 = ys[low]!;
    const yx = width > 0 ? y0 + ((ys[high]! - y0) * (x - x0)) / width : ys[high]!;
    return area[low]! + ((y0 + yx) / 2) * (x - x0);
  };

  const valueAt = (x: number): number => {
    const h = 1e-9;
    return (integral(Math.min(1, x + h)) - integral(Math.max(0, x - h))) / (Math.min(1, x + h) - Math.max(0, x - h));
  };

  let minTempo = Infinity;
  let maxTempo = -Infinity;
  for (const y of ys) {
    minTempo = Math.min(minTempo, y);
    maxTempo = Math.max(maxTempo, y);
  }

  return {
    between(fromFraction, toFraction) {
      const a = Math.min(1, Math.max(0, fromFraction));
      const b = Math.min(1, Math.max(0, toFraction));
      if (b - a <= 1e-12) return valueAt(a);
      return (integral(b) - integral(a)) / (b - a);
    },
    areaTo: (fraction) => integral(Math.min(1, Math.max(0, fraction))),
    minTempo,
    maxTempo,
  };
}
