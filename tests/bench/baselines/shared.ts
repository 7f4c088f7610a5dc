import type { Problem } from '../../../lib/sequencer/problem';

/** The anchors the sequencer must place: all when they fit, else the `anchorCapacity` shortest. */
export function anchorsThatFit(p: Problem): number[] {
  return [...p.anchors].sort((a, b) => p.durationMs[a]! - p.durationMs[b]! || a - b).slice(0, p.anchorCapacity);
}

/** `laid` with the anchors of unknown tempo among `picked` inserted at evenly spread positions. */
export function spreadUnknownAnchors(p: Problem, laid: readonly number[], picked: readonly number[]): number[] {
  const unknown = picked.filter((i) => p.isAnchor[i] && p.bpm[i] !== p.bpm[i]);
  const order = [...laid];
  unknown.forEach((a, k) => {
    const at = Math.round(((k + 0.5) / unknown.length) * (laid.length + k));
    order.splice(Math.min(at, order.length), 0, a);
  });
  return order;
}
