import { targetTempoOfSpan } from '@/lib/domain/curve-fit';
import { formatTempo, tempoFit } from '@/lib/domain/tempo-fit';
import type { Multiplier, TargetCurve } from '@/lib/domain/types';

export interface PlaceFitProps {
  curve: TargetCurve;
  /** Where the track starts, its length and the montage's length, as played in the order shown. */
  startMs: number;
  durationMs: number;
  totalMs: number;
  bpm: number | null;
  multiplier: Multiplier;
  unit: 'spm' | 'BPM';
}

/**
 * "target 170 spm · plays 172 spm · fits": the target of a track's place (the curve's mean over the
 * time it plays, as the sequencer scores it) and how the track fits it, by the one `tempoFit`.
 */
export function PlaceFit({ curve, startMs, durationMs, totalMs, bpm, multiplier, unit }: PlaceFitProps) {
  const target = targetTempoOfSpan(curve, startMs, durationMs, totalMs);
  if (bpm === null || !(bpm > 0)) {
    return <p className="text-sm" data-testid="place-fit">target {formatTempo(target, unit)} · tempo unknown</p>;
  }
  const played = bpm * multiplier;
  const fit = tempoFit(played, target);
  return (
    <p className="text-sm" data-testid="place-fit">
      target {formatTempo(target, unit)} · plays {formatTempo(played, unit)} ·{' '}
      <span className={fit.fits ? 'font-semibold text-green-800 dark:text-green-300' : 'text-amber-900 dark:text-amber-300'}>{fit.label}</span>
    </p>
  );
}
