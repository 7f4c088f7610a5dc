/**
 * When a detected tempo is a fact and when it is a question. The detector (lib/audio/estimate-tempo)
 * gives each estimate a confidence; below TRUSTED_CONFIDENCE, or on an edge of the range it
 * searches (where the music's own tempo may lie outside it), the estimate is kept and shown as a
 * question ("≈ 113 BPM? tap to check") and the sequencer treats the track's tempo as unknown
 * until the user confirms it (tap tempo, the confirm button or their own number).
 */

/**
 * Lowest confidence taken as fact. Set on the synthetic drum set (npm run bench:tempo, README):
 * about 82 % of its loops are taken as fact, 96 % of those right; the wrong answers still taken
 * are octave errors (funk at 80–90 BPM doubled), which the sequencer can play in half time.
 */
export const TRUSTED_CONFIDENCE = 0.55;

/** The detector's range (estimate-tempo.ts TEMPO_SEARCH_BPM), with the 1 BPM at each edge that counts as "on the edge". */
export const TRUSTED_DETECTED_BPM = { min: 81, max: 189 } as const;

export interface DetectedTempoFacts {
  bpm: number;
  /** 0..1; null for a value stored before the detector gave one. */
  confidence: number | null;
}

/** True when a detected tempo must be confirmed by the user before the sequencer may use it. */
export function needsConfirmation({ bpm, confidence }: DetectedTempoFacts): boolean {
  if (confidence === null) return false;
  return confidence < TRUSTED_CONFIDENCE || bpm < TRUSTED_DETECTED_BPM.min || bpm > TRUSTED_DETECTED_BPM.max;
}

/** "≈ 113 BPM? tap to check": a questioned tempo, whole BPM (the doubt is larger than a decimal). */
export function questionLabel(bpm: number): string {
  return `≈ ${Math.round(bpm)} BPM? tap to check`;
}
