/**
 * Synthetic drum loops at a known tempo, rendered to PCM: kick, snare, hi-hat and a bass line in
 * a few styles (rock, four-on-the-floor, funk with sixteenths, shuffle, breakbeat), with swing,
 * a fill every few bars, small timing and level variations and optional noise. Deterministic (a
 * seeded generator), so a wrong tempo can be reproduced exactly. The tempo is the pulse a
 * drummer would count: the snare's backbeat falls on 2 and 4.
 */

export const DRUM_STYLES = ['rock', 'four-on-the-floor', 'funk', 'shuffle', 'breakbeat'] as const;
export type DrumStyle = (typeof DRUM_STYLES)[number];

export interface DrumLoopOptions {
  style: DrumStyle;
  bpm: number;
  durationSec: number;
  sampleRate?: number;
  /** Delay of every off-beat eighth (and sixteenth pair), as a share of a beat: 0 straight, 1/6 full triplet swing. */
  swing?: number;
  /** A fill (snare and toms on sixteenths) on the last beat of every `fillEveryBars` bars; 0 for none. */
  fillEveryBars?: number;
  /** Standard deviation of each hit's timing, in ms (a human drummer: 5–10). */
  jitterMs?: number;
  /** White noise under the loop, as its RMS relative to full scale. */
  noiseRms?: number;
  /** With a bass line (an eighth-note pulse in the style's rhythm). */
  hasBass?: boolean;
  seed?: number;
}

/** mulberry32: the same seed gives the same loop. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Sound = Float32Array;

function kick(rate: number): Sound {
  const out = new Float32Array(Math.round(0.25 * rate));
  let phase = 0;
  for (let i = 0; i < out.length; i += 1) {
    const t = i / rate;
    phase += (2 * Math.PI * (45 + 110 * Math.exp(-t / 0.025))) / rate;
    out[i] = Math.sin(phase) * Math.exp(-t / 0.08);
  }
  return out;
}

function snare(rate: number, next: () => number): Sound {
  const out = new Float32Array(Math.round(0.2 * rate));
  for (let i = 0; i < out.length; i += 1) {
    const t = i / rate;
    out[i] = 0.5 * Math.sin(2 * Math.PI * 190 * t) * Math.exp(-t / 0.04) + 0.7 * (next() * 2 - 1) * Math.exp(-t / 0.06);
  }
  return out;
}

function tom(rate: number, hz: number): Sound {
  const out = new Float32Array(Math.round(0.2 * rate));
  for (let i = 0; i < out.length; i += 1) {
    const t = i / rate;
    out[i] = Math.sin(2 * Math.PI * hz * (1 + 0.3 * Math.exp(-t / 0.02)) * t) * Math.exp(-t / 0.07);
  }
  return out;
}

/** A hat: differenced noise (its highs), closed 40 ms or open 200 ms. */
function hat(rate: number, next: () => number, decaySec: number): Sound {
  const out = new Float32Array(Math.round(decaySec * 4 * rate));
  let previous = 0;
  for (let i = 0; i < out.length; i += 1) {
    const value = next() * 2 - 1;
    out[i] = (value - previous) * 0.5 * Math.exp(-i / rate / decaySec);
    previous = value;
  }
  return out;
}

/** A bass note: a soft-attack sawtooth-like tone (three harmonics) at `hz`, `lengthSec` long. */
function bassNote(rate: number, hz: number, lengthSec: number): Sound {
  const out = new Float32Array(Math.round(lengthSec * rate));
  for (let i = 0; i < out.length; i += 1) {
    const t = i / rate;
    const shape = Math.min(1, t / 0.008) * Math.exp(-t / 0.3) * Math.min(1, (lengthSec - t) / 0.01);
    const w = 2 * Math.PI * hz * t;
    out[i] = shape * (Math.sin(w) + 0.5 * Math.sin(2 * w) + 0.33 * Math.sin(3 * w));
  }
  return out;
}

interface Hit {
  /** Position in sixteenths from the start of the bar (0..15). */
  at: number;
  sound: 'kick' | 'snare' | 'hat' | 'openHat' | 'ghost';
  gain: number;
}

/** One bar of each style, in sixteenths. */
function bar(style: DrumStyle): Hit[] {
  const hits: Hit[] = [];
  const add = (sound: Hit['sound'], gain: number, ...at: number[]) => at.forEach((a) => hits.push({ at: a, sound, gain }));
  switch (style) {
    case 'rock':
      add('kick', 0.8, 0, 8, 10);
      add('snare', 0.7, 4, 12);
      add('hat', 0.3, 0, 2, 4, 6, 8, 10, 12, 14);
      break;
    case 'four-on-the-floor':
      add('kick', 0.8, 0, 4, 8, 12);
      add('snare', 0.5, 4, 12);
      add('openHat', 0.25, 2, 6, 10, 14);
      add('hat', 0.15, 0, 4, 8, 12);
      break;
    case 'funk':
      add('kick', 0.8, 0, 6, 10);
      add('snare', 0.7, 4, 12);
      add('ghost', 0.15, 7, 9, 15);
      add('hat', 0.2, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
      break;
    case 'shuffle':
      add('kick', 0.8, 0, 8);
      add('snare', 0.7, 4, 12);
      add('hat', 0.3, 0, 2, 4, 6, 8, 10, 12, 14);
      break;
    case 'breakbeat':
      add('kick', 0.8, 0, 10);
      add('snare', 0.7, 4, 12);
      add('hat', 0.25, 0, 2, 4, 6, 8, 10, 12, 14);
      break;
  }
  return hits;
}

/** Bass notes of one bar: (sixteenth, length in sixteenths). */
function bassLine(style: DrumStyle): [number, number][] {
  switch (style) {
    case 'four-on-the-floor':
      return [[2, 2], [6, 2], [10, 2], [14, 2]];
    case 'funk':
      return [[0, 3], [6, 2], [10, 2], [13, 2]];
    default:
      return [[0, 4], [6, 2], [8, 4], [14, 2]];
  }
}

/** Mono samples (-1..1) of a drum loop. */
export function renderDrumLoop(options: DrumLoopOptions): { samples: Float32Array; sampleRate: number } {
  const rate = options.sampleRate ?? 16_000;
  const next = seededRandom(options.seed ?? Math.round(options.bpm * 100));
  const gaussian = () => Math.sqrt(-2 * Math.log(next() + 1e-12)) * Math.cos(2 * Math.PI * next());
  const out = new Float32Array(Math.round(options.durationSec * rate));
  const beatSec = 60 / options.bpm;
  const swing = options.swing ?? (options.style === 'shuffle' ? 1 / 6 : 0);
  const fillEvery = options.fillEveryBars ?? 4;
  const jitterSec = (options.jitterMs ?? 0) / 1000;
  const sounds = {
    kick: kick(rate),
    snare: snare(rate, next),
    ghost: snare(rate, next),
    hat: hat(rate, next, 0.012),
    openHat: hat(rate, next, 0.06),
    tomHigh: tom(rate, 200),
    tomLow: tom(rate, 120),
  };
  const place = (sound: Sound, sixteenth: number, gain: number) => {
    // Swing delays the second and fourth sixteenths of a beat towards a triplet.
    const inBeat = sixteenth % 4;
    const swingBeats = inBeat === 2 ? swing : inBeat === 1 || inBeat === 3 ? swing / 2 : 0;
    const timeSec = (sixteenth / 4 + swingBeats) * beatSec + gaussian() * jitterSec;
    const start = Math.round(timeSec * rate);
    const level = gain * (0.85 + 0.3 * next());
    for (let i = 0; i < sound.length && start + i < out.length; i += 1) if (start + i >= 0) out[start + i]! += sound[i]! * level;
  };
  const bars = Math.ceil(options.durationSec / (4 * beatSec));
  const roots = [55, 55, 65.4, 49];
  for (let b = 0; b < bars; b += 1) {
    const first = b * 16;
    const isFillBar = fillEvery > 0 && b % fillEvery === fillEvery - 1;
    for (const hit of bar(options.style)) {
      if (isFillBar && hit.at >= 12) continue;
      place(sounds[hit.sound], first + hit.at, hit.gain);
    }
    if (isFillBar) {
      [12, 13, 14, 15].forEach((s, i) => place(i < 2 ? sounds.snare : i === 2 ? sounds.tomHigh : sounds.tomLow, first + s, 0.5));
      place(sounds.kick, first + 12, 0.8);
    }
    if (options.hasBass ?? true) {
      const root = roots[b % roots.length]!;
      for (const [at, length] of bassLine(options.style)) {
        const note = bassNote(rate, root, (length / 4) * beatSec * 0.9);
        place(note, first + at, 0.25);
      }
    }
  }
  const noiseRms = options.noiseRms ?? 0;
  if (noiseRms > 0) for (let i = 0; i < out.length; i += 1) out[i]! += (next() * 2 - 1) * noiseRms * Math.sqrt(3);
  let peak = 0;
  for (const v of out) peak = Math.max(peak, Math.abs(v));
  if (peak > 0.95) for (let i = 0; i < out.length; i += 1) out[i]! *= 0.95 / peak;
  return { samples: out, sampleRate: rate };
}
