/**
 * `npm run bench:tempo`: how often the tempo detector (lib/audio/estimate-tempo.ts) is right, per
 * set and per file format, printed as a table (and one JSON line per row for tooling).
 *
 * - Set "synthetic drums": DRUM_STYLES × 80–190 BPM in steps of 5 (115 loops, 30 s, 44.1 kHz; see
 *   `--step` and `--seconds`), each
 *   with seeded swing, fills, timing jitter, noise and with or without a bass line.
 * - Formats: 16-bit WAV, and MP3 (lamejs, 128 kbit/s). Each file is decoded by Chromium's
 *   decodeAudioData at 16 kHz, exactly as the app decodes a visitor's file, and the detector then
 *   runs on the decoded samples in Node (the same code the browser runs).
 * - Acc1: within 4 % of the stated tempo. Acc2: within 4 % of it, its double or its half.
 *   Trusted: the share the app takes as fact (lib/domain/tempo-confidence.ts needsConfirmation is
 *   false), and Acc1 among those. Agreement: WAV and MP3 estimates within 0.5 BPM of each other.
 * OGG is not measured: no OGG/Vorbis encoder is installed (none on npm without a new dependency).
 * A real-instrument set is not part of it yet: no CC0 loops with stated tempos were added.
 */
import { Mp3Encoder } from '@breezystack/lamejs';
import { estimateTempo } from '../../lib/audio/estimate-tempo';
import { needsConfirmation } from '../../lib/domain/tempo-confidence';
import { toWav } from '../e2e/local-files-audio';
import { launchChromium } from '../support/browser';
import { DRUM_STYLES, renderDrumLoop, seededRandom, type DrumLoopOptions } from '../support/drum-patterns';

const FILE_RATE_HZ = 44_100;
const DECODE_RATE_HZ = 16_000; // lib/audio/analyse-file.ts
/** `-- --step=10 --seconds=20` for a quicker run (every 10 BPM, 20 s loops). */
const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const STEP_BPM = arg('step', 5);
const DURATION_SEC = arg('seconds', 30);

interface Case {
  name: string;
  bpm: number;
  options: DrumLoopOptions;
}

function syntheticCases(): Case[] {
  const cases: Case[] = [];
  const next = seededRandom(2027);
  for (const style of DRUM_STYLES) {
    for (let bpm = 80; bpm <= 190; bpm += STEP_BPM) {
      const options: DrumLoopOptions = {
        style,
        bpm,
        durationSec: DURATION_SEC,
        sampleRate: FILE_RATE_HZ,
        swing: style === 'shuffle' ? 1 / 6 : next() < 0.3 ? next() / 8 : 0,
        fillEveryBars: next() < 0.5 ? 4 : 8,
        jitterMs: next() * 8,
        noiseRms: next() * 0.03,
        hasBass: next() < 0.7,
        seed: Math.floor(next() * 1e9),
      };
      cases.push({ name: `${style} ${bpm}`, bpm, options });
    }
  }
  return cases;
}

function mp3Bytes(samples: Float32Array, sampleRate: number): Buffer {
  const pcm = Int16Array.from(samples, (s) => Math.round(Math.max(-1, Math.min(1, s)) * 32767));
  const encoder = new Mp3Encoder(1, sampleRate, 128);
  const bytes = (chunk: ArrayBufferView) => Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  const frames: Buffer[] = [];
  for (let i = 0; i < pcm.length; i += 1152) frames.push(bytes(encoder.encodeBuffer(pcm.subarray(i, i + 1152))));
  frames.push(bytes(encoder.flush()));
  return Buffer.concat(frames);
}

const FORMATS = {
  WAV: (samples: Float32Array, rate: number) => toWav(samples, rate),
  MP3: mp3Bytes,
} as const;
type Format = keyof typeof FORMATS;

interface Outcome {
  bpm: number | null;
  confidence: number;
  ms: number;
}

function relation(truth: number, bpm: number | null): 'right' | 'octave' | 'wrong' {
  if (bpm === null) return 'wrong';
  if (Math.abs(bpm / truth - 1) <= 0.04) return 'right';
  return [0.5, 2].some((m) => Math.abs(bpm / (truth * m) - 1) <= 0.04) ? 'octave' : 'wrong';
}

const percent = (part: number, whole: number) => (whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)} %`);

async function main() {
  const browser = await launchChromium();
  const page = await browser.newPage();
  const decode = async (bytes: Buffer): Promise<Float32Array> => {
    const base64 = await page.evaluate(
      async ({ data, rate }) => {
        const raw = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
        const buffer = await new OfflineAudioContext(1, 1, rate).decodeAudioData(raw.buffer);
        const samples = buffer.getChannelData(0);
        const out = new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
        let text = '';
        for (let i = 0; i < out.length; i += 0x8000) text += String.fromCharCode(...out.subarray(i, i + 0x8000));
        return btoa(text);
      },
      { data: bytes.toString('base64'), rate: DECODE_RATE_HZ },
    );
    const decoded = Buffer.from(base64, 'base64');
    return new Float32Array(decoded.buffer.slice(decoded.byteOffset, decoded.byteOffset + decoded.byteLength));
  };

  const cases = syntheticCases();
  const results = new Map<Format, Outcome[]>([
    ['WAV', []],
    ['MP3', []],
  ]);
  const wrong: string[] = [];
  for (const [n, c] of cases.entries()) {
    process.stderr.write(`\r${n + 1}/${cases.length} ${c.name}      `);
    const { samples, sampleRate } = renderDrumLoop(c.options);
    for (const format of Object.keys(FORMATS) as Format[]) {
      const decoded = await decode(FORMATS[format](samples, sampleRate));
      const startedAt = performance.now();
      const estimate = estimateTempo([decoded], DECODE_RATE_HZ);
      const outcome = { bpm: estimate?.bpm ?? null, confidence: estimate?.confidence ?? 0, ms: performance.now() - startedAt };
      results.get(format)!.push(outcome);
      if (relation(c.bpm, outcome.bpm) !== 'right') wrong.push(`${format} ${c.name} → ${outcome.bpm ?? 'none'} (confidence ${outcome.confidence})`);
    }
  }
  await browser.close();

  console.log(`\nTempo detector, set "synthetic drums" (${cases.length} loops, ${DURATION_SEC} s, decoded at ${DECODE_RATE_HZ / 1000} kHz)\n`);
  console.log('| set | format | files | Acc1 (±4 %) | Acc2 (octave errors allowed) | trusted | Acc1 among trusted | median ms / file |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const [format, outcomes] of results) {
    const relations = outcomes.map((o, i) => relation(cases[i]!.bpm, o.bpm));
    const trusted = outcomes.map((o) => o.bpm !== null && !needsConfirmation({ bpm: o.bpm, confidence: o.confidence }));
    const right = relations.filter((r) => r === 'right').length;
    const rightOrOctave = relations.filter((r) => r !== 'wrong').length;
    const trustedCount = trusted.filter(Boolean).length;
    const trustedRight = relations.filter((r, i) => r === 'right' && trusted[i]).length;
    const sortedMs = outcomes.map((o) => o.ms).sort((a, b) => a - b);
    const row = { set: 'synthetic drums', format, files: outcomes.length, acc1: percent(right, outcomes.length), acc2: percent(rightOrOctave, outcomes.length), trusted: percent(trustedCount, outcomes.length), acc1Trusted: percent(trustedRight, trustedCount), medianMs: Math.round(sortedMs[sortedMs.length >> 1]!) };
    console.log(`| ${row.set} | ${row.format} | ${row.files} | ${row.acc1} | ${row.acc2} | ${row.trusted} | ${row.acc1Trusted} | ${row.medianMs} |`);
  }
  const wav = results.get('WAV')!;
  const mp3 = results.get('MP3')!;
  const differences = wav.map((o, i) => (o.bpm === null || mp3[i]!.bpm === null ? Infinity : Math.abs(o.bpm - mp3[i]!.bpm!)));
  const agreeing = differences.filter((d) => d <= 0.5).length;
  console.log(`\nWAV and MP3 within ±0.5 BPM of each other: ${agreeing}/${differences.length} (${percent(agreeing, differences.length)}); largest difference ${Math.max(...differences).toFixed(2)} BPM`);
  console.log(`Not right (±4 %): ${wrong.length === 0 ? 'none' : `\n  ${wrong.join('\n  ')}`}`);
}

await main();
