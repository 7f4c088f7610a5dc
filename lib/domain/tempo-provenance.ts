import type { TempoSource } from './types';

export interface TempoCandidate {
  bpm: number;
  source: TempoSource;
  /** Whose value it is; null for values everyone shares (catalog facts, lookups). */
  ownerId: string | null;
  sourceNote: string | null;
  /** A detected tempo the owner has not confirmed yet (lib/domain/tempo-confidence.ts): never used as the tempo. */
  needsConfirmation?: boolean;
}

/** Trust order: the user's own (tap, manual) > analysis of their file > catalog fact > public lookup. */
const TRUST: Record<TempoSource, number> = { tap: 0, manual: 0, analysis: 1, catalog: 2, lookup: 3 };

export const TEMPO_SOURCE_LABELS: Record<TempoSource, string> = {
  catalog: 'catalog fact',
  analysis: 'analysis of your file',
  tap: 'tapped by you',
  manual: 'set by you',
  lookup: 'public lookup',
};

/**
 * The tempo to use for `ownerId` among a track's candidates: another owner's own values and
 * detected tempos awaiting confirmation are ignored; among the rest the most trusted source wins,
 * and the newest first on a tie (the candidates are expected newest first). Null when nothing is known.
 */
export function pickTempo(candidates: readonly TempoCandidate[], ownerId: string | null): TempoCandidate | null {
  let best: TempoCandidate | null = null;
  for (const candidate of candidates) {
    if (candidate.ownerId !== null && candidate.ownerId !== ownerId) continue;
    if (candidate.needsConfirmation) continue;
    if (best === null || TRUST[candidate.source] < TRUST[best.source]) best = candidate;
  }
  return best;
}

/**
 * The detected tempo to ask `ownerId` about ("≈ 113 BPM? tap to check"): their newest candidate
 * awaiting confirmation, only while no usable tempo is known (pickTempo is null). The same choice
 * as the trigger of migration 0012 keeps in `tracks.tempo_question_bpm`.
 */
export function pickTempoQuestion(candidates: readonly TempoCandidate[], ownerId: string | null): TempoCandidate | null {
  if (pickTempo(candidates, ownerId) !== null) return null;
  return candidates.find((c) => c.needsConfirmation && c.ownerId !== null && c.ownerId === ownerId) ?? null;
}
