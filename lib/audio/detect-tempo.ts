import { ENVELOPE_RATE_HZ, onsetEnvelope } from './onset-envelope';

/**
 * Tempo detection in the browser with web-audio-beat-detector (it low-passes the audio, finds
 * the peaks and counts the intervals between them, in a worker). Its tempo range is one octave
 * and a little more: a range of exactly one octave folds a tempo on its edge (say 89.99 and
 * 90.01) to both ends, splitting its votes so that a wrong tempo can win. The raw value is kept;
 * half or double time is the sequencer's choice.
 */
export const TEMPO_RANGE = { minTempo: 89, maxTempo: 181 } as const;

export const DETECTOR = 'web-audio-beat-detector 8';

export interface DetectedTempo {
  bpm: number;
  /** `bass`: the library on the audio itself; `onsets`: on its onset envelope (music with no bass). */
  method: 'bass' | 'onsets';
}

function hasNoBeats(error: unknown): boolean {
  return error instanceof Error && /does not contain any detectable beats/.test(error.message);
}

/** The tempo of decoded audio, or null when neither the audio nor its onsets show a beat. */
export async function detectTempo(buffer: AudioBuffer): Promise<DetectedTempo | null> {
  const { analyze } = await import('web-audio-beat-detector');
  try {
    return { bpm: await analyze(buffer, TEMPO_RANGE), method: 'bass' };
  } catch (error) {
    if (!hasNoBeats(error)) throw error;
  }
  const channels = Array.from({ length: buffer.numberOfChannels }, (_, c) => buffer.getChannelData(c));
  const envelope = onsetEnvelope(channels, buffer.sampleRate);
  if (envelope.length === 0) return null;
  const envelopeBuffer = new AudioBuffer({ length: envelope.length, numberOfChannels: 1, sampleRate: ENVELOPE_RATE_HZ });
  envelopeBuffer.copyToChannel(envelope, 0);
  try {
    return { bpm: await analyze(envelopeBuffer, TEMPO_RANGE), method: 'onsets' };
  } catch (error) {
    if (hasNoBeats(error)) return null;
    throw error;
  }
}

/** How a tempo was found, kept as its source note. */
export function analysisNote(detected: DetectedTempo): string {
  return `${DETECTOR} (${detected.method === 'bass' ? 'bass peaks' : 'onset envelope'})`;
}
