import { Mp3Encoder } from '@breezystack/lamejs';
import { ID3Writer } from 'browser-id3-writer';

/**
 * Test audio made in the test run: click tracks and simple drum patterns at a known tempo,
 * with or without noise, written as 16-bit PCM WAV or as MP3. Deterministic (a seeded noise source), so a
 * failing tempo can be reproduced exactly.
 */

export type Pattern = 'click' | 'drums';

export interface SynthOptions {
  pattern: Pattern;
  bpm: number;
  durationSec: number;
  sampleRate?: number;
  channels?: 1 | 2;
  /** White noise under the music, as its RMS relative to full scale (0 = none). */
  noiseRms?: number;
  seed?: number;
}

/** A small seeded generator (mulberry32): the same seed gives the same noise. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function addAt(out: Float32Array, startSample: number, sound: Float32Array, gain: number) {
  for (let i = 0; i < sound.length && startSample + i < out.length; i += 1) out[startSample + i]! += sound[i]! * gain;
}

/** A metronome click: a 25 ms decaying tone (higher on the downbeat), as a click track sounds. */
function click(sampleRate: number, frequencyHz: number): Float32Array {
  const length = Math.round(0.025 * sampleRate);
  const sound = new Float32Array(length);
  for (let i = 0; i < length; i += 1) {
    const t = i / sampleRate;
    sound[i] = Math.sin(2 * Math.PI * frequencyHz * t) * Math.exp(-t / 0.006);
  }
  return sound;
}

/** A kick drum: a sine sweeping down from 150 to 50 Hz with a fast decay. */
function kick(sampleRate: number): Float32Array {
  const length = Math.round(0.18 * sampleRate);
  const sound = new Float32Array(length);
  let phase = 0;
  for (let i = 0; i < length; i += 1) {
    const t = i / sampleRate;
    const frequency = 50 + 100 * Math.exp(-t / 0.03);
    phase += (2 * Math.PI * frequency) / sampleRate;
    sound[i] = Math.sin(phase) * Math.exp(-t / 0.06);
  }
  return sound;
}

/** A snare: a 180 Hz body plus a burst of noise. */
function snare(sampleRate: number, next: () => number): Float32Array {
  const length = Math.round(0.15 * sampleRate);
  const sound = new Float32Array(length);
  for (let i = 0; i < length; i += 1) {
    const t = i / sampleRate;
    sound[i] = 0.5 * Math.sin(2 * Math.PI * 180 * t) * Math.exp(-t / 0.03) + 0.6 * (next() * 2 - 1) * Math.exp(-t / 0.05);
  }
  return sound;
}

/** A closed hi-hat: noise, differenced to keep only its highs, 30 ms. */
function hat(sampleRate: number, next: () => number): Float32Array {
  const length = Math.round(0.03 * sampleRate);
  const sound = new Float32Array(length);
  let previous = 0;
  for (let i = 0; i < length; i += 1) {
    const value = next() * 2 - 1;
    sound[i] = (value - previous) * 0.5 * Math.exp(-i / sampleRate / 0.01);
    previous = value;
  }
  return sound;
}

/** The samples (mono, -1..1) of a pattern at `bpm`. */
export function synthesise(options: SynthOptions): { samples: Float32Array; sampleRate: number } {
  const sampleRate = options.sampleRate ?? 22_050;
  const next = random(options.seed ?? Math.round(options.bpm * 1000));
  const out = new Float32Array(Math.round(options.durationSec * sampleRate));
  const beatSec = 60 / options.bpm;
  const beats = Math.floor(options.durationSec / beatSec);
  const sounds =
    options.pattern === 'click'
      ? { accent: click(sampleRate, 1500), beat: click(sampleRate, 1000) }
      : { kick: kick(sampleRate), snare: snare(sampleRate, next), hat: hat(sampleRate, next) };
  for (let beat = 0; beat < beats; beat += 1) {
    const at = Math.round(beat * beatSec * sampleRate);
    if (options.pattern === 'click') {
      addAt(out, at, beat % 4 === 0 ? sounds.accent! : sounds.beat!, 0.8);
    } else {
      // Kick on 1 and 3, snare on 2 and 4, hats on every eighth note.
      addAt(out, at, beat % 2 === 0 ? sounds.kick! : sounds.snare!, 0.7);
      addAt(out, at, sounds.hat!, 0.3);
      addAt(out, Math.round((beat + 0.5) * beatSec * sampleRate), sounds.hat!, 0.2);
    }
  }
  const noiseRms = options.noiseRms ?? 0;
  if (noiseRms > 0) {
    // Uniform noise in [-a, a] has RMS a/√3.
    const amplitude = noiseRms * Math.sqrt(3);
    for (let i = 0; i < out.length; i += 1) out[i]! += (next() * 2 - 1) * amplitude;
  }
  return { samples: out, sampleRate };
}

export interface WavTags {
  title?: string;
  artist?: string;
}

/** A RIFF `LIST/INFO` chunk (INAM title, IART artist), the tags a WAV file carries. */
function infoChunk(tags: WavTags): Buffer {
  const entries: [string, string][] = [];
  if (tags.title) entries.push(['INAM', tags.title]);
  if (tags.artist) entries.push(['IART', tags.artist]);
  if (entries.length === 0) return Buffer.alloc(0);
  const subchunks = entries.map(([id, text]) => {
    const value = Buffer.from(`${text}\0`, 'utf8');
    const padded = Buffer.alloc(8 + value.length + (value.length % 2));
    padded.write(id, 0, 'ascii');
    padded.writeUInt32LE(value.length, 4);
    value.copy(padded, 8);
    return padded;
  });
  const body = Buffer.concat([Buffer.from('INFO', 'ascii'), ...subchunks]);
  const header = Buffer.alloc(8);
  header.write('LIST', 0, 'ascii');
  header.writeUInt32LE(body.length, 4);
  return Buffer.concat([header, body]);
}

/** 16-bit PCM WAV bytes of mono samples (duplicated to every channel), clipped to full scale. */
export function toWav(samples: Float32Array, sampleRate: number, channels: 1 | 2 = 1, tags: WavTags = {}): Buffer {
  const info = infoChunk(tags);
  const dataBytes = samples.length * channels * 2;
  const header = Buffer.alloc(36);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(4 + 24 + info.length + 8 + dataBytes, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * channels * 2, 28);
  header.writeUInt16LE(channels * 2, 32);
  header.writeUInt16LE(16, 34);
  const data = Buffer.alloc(8 + dataBytes);
  data.write('data', 0, 'ascii');
  data.writeUInt32LE(dataBytes, 4);
  const pcm = new Int16Array(samples.length * channels);
  samples.forEach((sample, i) => {
    const value = Math.round(Math.max(-1, Math.min(1, sample)) * 32767);
    for (let c = 0; c < channels; c += 1) pcm[i * channels + c] = value;
  });
  Buffer.from(pcm.buffer).copy(data, 8);
  return Buffer.concat([header, info, data]);
}

/** A WAV file of a pattern at `bpm`, tagged with a title and artist when given. */
export function wavOf(options: SynthOptions & WavTags): Buffer {
  const { samples, sampleRate } = synthesise(options);
  return toWav(samples, sampleRate, options.channels ?? 1, { title: options.title, artist: options.artist });
}

export interface Mp3Tags extends WavTags {
  isrc?: string;
}

/**
 * An MP3 file (MPEG-1 Layer III from lamejs, 128 kbit/s mono) of a pattern at `bpm`, with an
 * ID3v2.3 tag (TIT2 title, TPE1 artist, TSRC ISRC) as music bought or ripped carries it.
 */
export function mp3Of(options: SynthOptions & Mp3Tags): Buffer {
  const { samples, sampleRate } = synthesise({ ...options, channels: 1 });
  const pcm = Int16Array.from(samples, (s) => Math.round(Math.max(-1, Math.min(1, s)) * 32767));
  const encoder = new Mp3Encoder(1, sampleRate, 128);
  // lamejs hands back its bytes as Int8Array views, whatever its types say.
  const bytes = (chunk: ArrayBufferView) => Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  const frames: Buffer[] = [];
  const FRAME = 1152;
  for (let i = 0; i < pcm.length; i += FRAME) frames.push(bytes(encoder.encodeBuffer(pcm.subarray(i, i + FRAME))));
  frames.push(bytes(encoder.flush()));
  const audio = Buffer.concat(frames);
  const writer = new ID3Writer(audio.buffer.slice(audio.byteOffset, audio.byteOffset + audio.byteLength));
  if (options.title) writer.setFrame('TIT2', options.title);
  if (options.artist) writer.setFrame('TPE1', [options.artist]);
  if (options.isrc) writer.setFrame('TSRC', options.isrc);
  return Buffer.from(writer.addTag());
}
