import type { Problem } from '../../lib/sequencer/problem';

const POSITION_STEPS = 20_000;
const WIDTH_STEPS = 8;

/**
 * A proven lower bound on the cost of any montage that places every anchor of `p` (valid when
 * they all fit): each anchor of known tempo alone, at its best multiplier, at the best place and
 * time-scale the curve could give it, ignoring the others (which only add error).
 *
 * An anchor of length d in a montage of total T ≤ maxMs covers the curve fractions [u, u + w]
 * with w = d / T ∈ [d / maxMs, d / minMs] and adds w × (effective − mean over [u, u + w])² to the
 * cost. The mean moves by at most Δ/w per unit of u or of w (Δ = the curve's tempo range), so a
 * grid of (u, w) with steps hu, hw (every point within hu of a grid u, hw / 2 of a grid w) bounds
 * the gap everywhere to within δ = (hu + hw / 2) × Δ / w_min.
 */
export function anchorLowerBound(p: Problem): number {
  const range = p.curve.maxTempo - p.curve.minTempo;
  let bound = 0;
  for (const a of p.anchors) {
    const bpm = p.bpm[a]!;
    if (bpm !== bpm) continue;
    const widthMin = p.durationMs[a]! / p.maxMs;
    const widthMax = Math.min(1, p.durationMs[a]! / Math.max(1, p.minMs));
    const hw = (widthMax - widthMin) / WIDTH_STEPS;
    const hu = 1 / POSITION_STEPS;
    let nearest = Infinity;
    for (let k = 0; k <= WIDTH_STEPS; k += 1) {
      const width = widthMin + k * hw;
      for (let step = 0; step * hu + width <= 1 + 1e-12; step += 1) {
        const mean = p.curve.between(step * hu, step * hu + width);
        nearest = Math.min(nearest, Math.abs(bpm * 0.5 - mean), Math.abs(bpm - mean), Math.abs(bpm * 2 - mean));
      }
    }
    const slack = (hu + hw / 2) * (range / widthMin);
    bound += widthMin * Math.max(0, nearest - slack) ** 2;
  }
  return bound;
}
