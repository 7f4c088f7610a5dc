import { estimateTempo, type TempoEstimate } from './estimate-tempo';

/**
 * Tempo detection of a decoded file in the browser: the multi-band tempogram of
 * estimate-tempo.ts on the decoded channels. The raw value is kept with its confidence; half or
 * double time is the sequencer's choice, and a doubtful value is a question for the user
 * (lib/domain/tempo-confidence.ts).
 */
export const DETECTOR = 'montage tempogram 1';

export type DetectedTempo = TempoEstimate;

/** The tempo of decoded audio, or null when it shows no beat. */
export function detectTempo(buffer: AudioBuffer): DetectedTempo | null {
  const channels = Array.from({ length: buffer.numberOfChannels }, (_, c) => buffer.getChannelData(c));
  return estimateTempo(channels, buffer.sampleRate);
}

/** How a tempo was found, kept as its source note. */
export function analysisNote(detected: DetectedTempo): string {
  return `${DETECTOR} (confidence ${detected.confidence.toFixed(2)})`;
}
