import type { PublicMontage } from '@/lib/server/public-montage';
import { TempoChart } from './tempo-chart';

/**
 * The tempo chart of a stored montage: its tracks as placed, and the target curve stretched over
 * the montage's actual length, as the sequencer follows it (a short montage still cools down).
 */
export function MontageTempoChart({ montage }: { montage: PublicMontage }) {
  return (
    <TempoChart
      curveName={montage.curveName}
      curvePoints={montage.curvePoints}
      lengthMs={montage.totalMs > 0 ? montage.totalMs : montage.lengthMin * 60_000}
      unit={montage.mode === 'run' ? 'steps/min' : 'BPM'}
      entries={montage.entries.map((e) => ({
        title: e.track.title,
        startMs: e.startMs,
        durationMs: e.track.durationMs ?? 0,
        bpm: e.track.bpm,
        multiplier: e.multiplier,
      }))}
    />
  );
}
