import { TEMPO_SOURCE_LABELS } from '@/lib/domain/tempo-provenance';
import type { Multiplier, TempoSource } from '@/lib/domain/types';

export function formatBpm(bpm: number): string {
  return `${Math.round(bpm * 10) / 10} BPM`;
}

export function tempoLabel(bpm: number | null, source: TempoSource | null): string {
  return bpm === null || source === null ? 'tempo unknown' : `${formatBpm(bpm)} · ${TEMPO_SOURCE_LABELS[source]}`;
}

export function multiplierLabel(multiplier: Multiplier): string {
  return multiplier === 2 ? 'double time ×2' : multiplier === 0.5 ? 'half time ×½' : 'as recorded ×1';
}
