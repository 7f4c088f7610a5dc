import { describe, expect, it } from 'vitest';
import { ENVELOPE_RATE_HZ, onsetEnvelope } from './onset-envelope';

const RATE = 8000;

/** 1 kHz clicks (no bass at all) every `beatSec`, after `leadSec` of silence, at `gain`. */
function clicks(beatSec: number, seconds: number, { leadSec = 0.5, gain = 0.8 } = {}): Float32Array {
  const out = new Float32Array(seconds * RATE);
  for (let t = leadSec; t < seconds; t += beatSec) {
    const at = Math.round(t * RATE);
    for (let i = 0; i < 0.02 * RATE && at + i < out.length; i += 1) out[at + i] = gain * Math.sin((2 * Math.PI * 1000 * i) / RATE) * Math.exp(-i / (0.005 * RATE));
  }
  return out;
}

/** Indexes where the envelope first rises above half scale, one per beat. */
function risesAbove(envelope: Float32Array, level: number): number[] {
  const rises: number[] = [];
  for (let i = 1; i < envelope.length; i += 1) if (envelope[i - 1]! <= level && envelope[i]! > level) rises.push(i);
  return rises;
}

describe('onsetEnvelope', () => {
  it('is empty for no audio and flat for silence', () => {
    expect(onsetEnvelope([], RATE)).toHaveLength(0);
    const silent = onsetEnvelope([new Float32Array(RATE)], RATE);
    expect(silent).toHaveLength(ENVELOPE_RATE_HZ);
    expect(silent.every((v) => v === 0)).toBe(true);
  });

  it('rises once per click, on time, and stays within 0..1', () => {
    const beatSec = 60 / 100;
    const envelope = onsetEnvelope([clicks(beatSec, 10)], RATE);
    expect(envelope).toHaveLength(10 * ENVELOPE_RATE_HZ);
    expect(Math.max(...envelope)).toBeLessThanOrEqual(1);
    expect(Math.min(...envelope)).toBeGreaterThanOrEqual(0);
    const rises = risesAbove(envelope, 0.25).map((i) => i / ENVELOPE_RATE_HZ);
    expect(rises).toHaveLength(Math.ceil((10 - 0.5) / beatSec));
    rises.forEach((t, n) => expect(Math.abs(t - (0.5 + n * beatSec))).toBeLessThan(0.03));
  });

  it('does not depend on the loudness of the recording, and the first beat after silence is no outlier', () => {
    const loud = onsetEnvelope([clicks(0.5, 6)], RATE);
    const quiet = onsetEnvelope([clicks(0.5, 6, { gain: 0.01 })], RATE);
    let largest = 0;
    loud.forEach((v, i) => (largest = Math.max(largest, Math.abs(v - quiet[i]!))));
    expect(largest).toBeLessThan(0.05);
    const peaks = risesAbove(loud, 0.25).map((i) => Math.max(...loud.subarray(i, i + 0.1 * ENVELOPE_RATE_HZ)));
    expect(Math.max(...peaks) / Math.min(...peaks)).toBeLessThan(1.2);
  });

  it('mixes every channel', () => {
    const left = clicks(0.5, 4);
    const right = new Float32Array(left.length);
    expect(risesAbove(onsetEnvelope([left, right], RATE), 0.25)).toEqual(risesAbove(onsetEnvelope([left], RATE), 0.25));
  });
});
