import { tempoAt } from '../../../lib/domain/curves';
import type { TargetCurve } from '../../../lib/domain/types';
import type { Problem } from '../../../lib/sequencer/problem';
import { anchorsThatFit, spreadUnknownAnchors } from './shared';

/**
 * Baseline (a), what playlist tools do today: keep the tracks whose tempo (at ½×, 1× or 2×) falls
 * in the curve's range, take them in library order until the length is reached (skipping any that
 * would pass `lengthMs + toleranceMs`), sort them by tempo and lay them into the curve rank by
 * rank: the slowest track into the slot where the curve is lowest, and so on (equal slots).
 * Anchors are forced in as for the sequencer; those of unknown tempo are spread evenly.
 */
export function sortByBpmOrder(p: Problem, curve: TargetCurve): number[] {
  const anchors = anchorsThatFit(p);
  let totalMs = anchors.reduce((sum, a) => sum + p.durationMs[a]!, 0);
  const picked = [...anchors];
  const low = p.curve.minTempo - 5;
  const high = p.curve.maxTempo + 5;
  const middle = (p.curve.minTempo + p.curve.maxTempo) / 2;
  const effective = (i: number) => {
    const bpm = p.bpm[i]!;
    return [bpm * 0.5, bpm, bpm * 2].reduce((best, e) => (Math.abs(e - middle) < Math.abs(best - middle) ? e : best));
  };
  for (let i = 0; i < p.tracks.length && totalMs < p.lengthMs; i += 1) {
    if (p.isAnchor[i] || p.bpm[i] !== p.bpm[i]) continue;
    const e = effective(i);
    if (e < low || e > high || totalMs + p.durationMs[i]! > p.maxMs) continue;
    picked.push(i);
    totalMs += p.durationMs[i]!;
  }
  const timed = picked.filter((i) => p.bpm[i] === p.bpm[i]).sort((a, b) => effective(a) - effective(b) || a - b);
  const slots = timed.map((_, k) => k).sort((a, b) => tempoAt(curve, (a + 0.5) / timed.length) - tempoAt(curve, (b + 0.5) / timed.length) || a - b);
  const laid = new Array<number>(timed.length);
  slots.forEach((slot, rank) => {
    laid[slot] = timed[rank]!;
  });
  return spreadUnknownAnchors(p, laid, picked);
}
