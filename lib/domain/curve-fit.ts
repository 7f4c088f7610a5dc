import { meanTempoBetween } from './curves';
import { FIT_TOLERANCE, tempoFit, type TempoFit } from './tempo-fit';
import { MULTIPLIERS, type Multiplier, type SequencedTrack, type TargetCurve } from './types';

/**
 * Where a track "fits" a workout, with the one definition the builder, the swap list and the chart
 * share (`tempoFit`: the played tempo within `FIT_TOLERANCE` of the place's target).
 */

/** The target of a place: the curve's mean over the span a track plays, as the sequencer scores it. */
export function targetTempoOfSpan(curve: TargetCurve, startMs: number, durationMs: number, totalMs: number): number {
  if (totalMs <= 0) return meanTempoBetween(curve, 0, 1);
  return meanTempoBetween(curve, startMs / totalMs, (startMs + durationMs) / totalMs);
}

/** How a placed track fits its place (its tempo at its multiplier against the target there); null when its tempo is unknown. */
export function placedTrackFit(placed: SequencedTrack, totalMs: number, curve: TargetCurve): TempoFit | null {
  const { bpm, durationMs } = placed.track;
  if (bpm === null || !(bpm > 0)) return null;
  const target = targetTempoOfSpan(curve, placed.startMs, Math.max(0, durationMs ?? 0), totalMs);
  return tempoFit(bpm * placed.multiplier, target);
}

/**
 * The multipliers at which `bpm` fits a part of `curve`. A part is a stretch between two of the
 * curve's points at least `minPartShare` of the workout long (a walk, the cadence part; not the
 * short slope between them, whose tempos a track passes through but never plays to). The played
 * tempo p fits a target t when |p − t| ≤ FIT_TOLERANCE × t, i.e. t in [p / (1 + tol), p / (1 − tol)];
 * a part fits when its tempos reach that range. Empty: the track fits no part of the workout.
 */
export function multipliersFittingCurve(bpm: number, curve: TargetCurve, minPartShare = 0): Multiplier[] {
  const fitting: Multiplier[] = [];
  for (const multiplier of MULTIPLIERS) {
    const played = bpm * multiplier;
    const lowTarget = played / (1 + FIT_TOLERANCE);
    const highTarget = played / (1 - FIT_TOLERANCE);
    if (partReaches(curve, minPartShare, lowTarget, highTarget)) fitting.push(multiplier);
  }
  return fitting;
}

function partReaches(curve: TargetCurve, minPartShare: number, low: number, high: number): boolean {
  const points = curve.points;
  if (points.length === 1) return points[0]!.tempo >= low && points[0]!.tempo <= high;
  for (let i = 1; i < points.length; i += 1) {
    const from = points[i - 1]!;
    const to = points[i]!;
    if (to.atFraction - from.atFraction < minPartShare) continue;
    if (Math.max(from.tempo, to.tempo) >= low && Math.min(from.tempo, to.tempo) <= high) return true;
  }
  return false;
}
