import { formatDuration } from '@/lib/domain/tempo';
import type { MontageView } from '@/db/queries/montages';

/** The SVG path of a montage's tempo over time (each track's effective tempo), in a `width`×`height` box. */
export function tempoPath(montage: Pick<MontageView, 'entries' | 'totalMs'>, width: number, height: number): string {
  const placed = montage.entries.filter((e) => e.track.bpm !== null && (e.track.durationMs ?? 0) > 0);
  if (placed.length === 0 || montage.totalMs <= 0) return '';
  const tempos = placed.map((e) => e.track.bpm! * e.multiplier);
  const low = Math.min(...tempos) - 10;
  const high = Math.max(...tempos) + 10;
  const x = (ms: number) => ((ms / montage.totalMs) * width).toFixed(1);
  const y = (bpm: number) => (height - ((bpm - low) / (high - low)) * height).toFixed(1);
  return placed
    .map((e, i) => `${i === 0 ? 'M' : 'L'}${x(e.startMs)},${y(tempos[i]!)} L${x(e.startMs + e.track.durationMs!)},${y(tempos[i]!)}`)
    .join(' ');
}

/** "5 tracks · 24:18": what a preview says under the name. */
export function previewSummary(montage: Pick<MontageView, 'entries' | 'totalMs'>): string {
  return `${montage.entries.length} tracks · ${formatDuration(montage.totalMs)}`;
}
