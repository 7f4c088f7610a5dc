import type { LocalTrackInput } from '@/db/queries/tracks';
import { analysisNote, detectTempo } from './detect-tempo';
import { readTags, titleFromFileName } from './read-tags';

/**
 * Decoding rate: its 8 kHz of bandwidth holds kick, snare and hats (the detector's top band ends
 * at 8 kHz), for about a third of the work of 44.1 kHz.
 */
const DECODE_RATE_HZ = 16_000;

export const ANALYSIS_MEASURE = 'montage:tempo-analysis';

/** What Montage learns from one of the visitor's files, in their browser: exactly what the server stores. */
export type LocalFileAnalysis = LocalTrackInput;

/** The file could not be decoded by this browser (not audio, damaged, or a codec it lacks). */
export class UndecodableFileError extends Error {
  constructor(readonly fileName: string) {
    super(`${fileName} could not be decoded`);
    this.name = 'UndecodableFileError';
  }
}

async function sha256Hex(bytes: ArrayBuffer): Promise<string | null> {
  // crypto.subtle exists only in secure contexts (https, localhost); without it a re-added file is a new track.
  if (!globalThis.crypto?.subtle) return null;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Decodes a file, detects its tempo and reads its tags, all in this browser. Each analysis is
 * recorded as a `performance` measure named ANALYSIS_MEASURE (detail: file name, tempo, confidence), so its
 * speed can be read from the page.
 */
export async function analyseLocalFile(file: File): Promise<LocalFileAnalysis> {
  const startedAt = performance.now();
  const bytes = await file.arrayBuffer();
  const [fileSha256, tags] = await Promise.all([sha256Hex(bytes), readTags(file)]);
  let buffer: AudioBuffer;
  try {
    // decodeAudioData takes the bytes over (detaches them): hash first.
    buffer = await new OfflineAudioContext(1, 1, DECODE_RATE_HZ).decodeAudioData(bytes);
  } catch {
    throw new UndecodableFileError(file.name);
  }
  if (buffer.duration < 1) throw new UndecodableFileError(file.name);
  const detected = detectTempo(buffer);
  performance.measure(ANALYSIS_MEASURE, {
    start: startedAt,
    end: performance.now(),
    detail: { fileName: file.name, durationSec: buffer.duration, bpm: detected?.bpm ?? null, confidence: detected?.confidence ?? null },
  });
  return {
    title: tags.title ?? titleFromFileName(file.name),
    artist: tags.artist ?? 'Unknown artist',
    // The decoded length is what the <audio> element will play, so intervals end where the music does.
    durationMs: Math.round(buffer.duration * 1000),
    bpm: detected === null ? null : Math.round(detected.bpm * 100) / 100,
    tempoConfidence: detected?.confidence ?? null,
    analysisNote: detected === null ? null : analysisNote(detected),
    isrc: tags.isrc,
    fileSha256,
  };
}
