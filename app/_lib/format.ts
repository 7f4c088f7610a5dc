import { TEMPO_SOURCE_LABELS } from '@/lib/domain/tempo-provenance';
import type { Multiplier, TempoSource } from '@/lib/domain/types';

export function formatBpm(bpm: number): string {
  return `${Math.round(bpm * 10) / 10} BPM`;
}

/** Who looks: a guest on a shared link sees the owner's own values as the owner's, not "yours". */
export type Viewer = 'owner' | 'guest';

const GUEST_SOURCE_LABELS: Partial<Record<TempoSource, string>> = {
  manual: 'set by its owner',
  tap: 'tapped by its owner',
  analysis: 'analysis of its owner’s file',
};

export function tempoLabel(bpm: number | null, source: TempoSource | null, viewer: Viewer = 'owner'): string {
  if (bpm === null || source === null) return 'tempo unknown';
  return `${formatBpm(bpm)} · ${(viewer === 'guest' ? GUEST_SOURCE_LABELS[source] : undefined) ?? TEMPO_SOURCE_LABELS[source]}`;
}

export function multiplierLabel(multiplier: Multiplier): string {
  return multiplier === 2 ? 'double time ×2' : multiplier === 0.5 ? 'half time ×½' : 'as recorded ×1';
}
