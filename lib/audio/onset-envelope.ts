/**
 * An onset-strength envelope of a recording: how sharply its loudness rises, sampled at
 * `ENVELOPE_RATE_HZ`, scaled so beats reach 1. The beat detector looks for bass peaks (it low-passes
 * the audio at 240 Hz); music with no bass, such as a click track or an acoustic guitar, has none,
 * but its onsets are all here — and the envelope is itself a slow signal that passes that filter.
 */

/** Rate of the envelope: fine enough for 0.02 BPM resolution, coarse enough to be quick. */
export const ENVELOPE_RATE_HZ = 4000;

const ENERGY_SMOOTHING_SEC = 0.01;
const FLUX_LAG_SEC = 0.01;
const FLUX_SMOOTHING_SEC = 0.02;
/** Beats are rare moments: this share of the envelope is louder than the level scaled to 1. */
const TOP_SHARE = 0.005;

/**
 * The onset envelope of `channels` (same length, any number, -1..1) sampled at `sampleRate` Hz.
 * Silence stays 0; the result never exceeds 1.
 */
export function onsetEnvelope(channels: readonly Float32Array[], sampleRate: number): Float32Array<ArrayBuffer> {
  const inputLength = channels[0]?.length ?? 0;
  const hop = sampleRate / ENVELOPE_RATE_HZ;
  const length = Math.floor(inputLength / hop);
  if (length === 0) return new Float32Array(0);

  // Mean energy (all channels) per hop, then smoothed.
  const energy = new Float64Array(length);
  let totalEnergy = 0;
  for (let j = 0; j < length; j += 1) {
    const from = Math.floor(j * hop);
    const to = Math.floor((j + 1) * hop);
    let sum = 0;
    for (const channel of channels) {
      for (let i = from; i < to; i += 1) sum += channel[i]! * channel[i]!;
    }
    energy[j] = sum / ((to - from) * channels.length);
    totalEnergy += energy[j]!;
  }
  if (totalEnergy === 0) return new Float32Array(length);

  // Log loudness over a floor at the recording's typical level: leading silence is no onset, and
  // the flicker of steady noise stays small beside a beat.
  const floor = Math.max(quantile(energy, 0.5), (totalEnergy / length) * 1e-3);
  const alpha = Math.exp(-1 / (ENERGY_SMOOTHING_SEC * ENVELOPE_RATE_HZ));
  const loudness = new Float64Array(length);
  let smoothed = 0;
  for (let j = 0; j < length; j += 1) {
    smoothed = alpha * smoothed + (1 - alpha) * energy[j]!;
    loudness[j] = Math.log(floor + smoothed);
  }

  // Rises only (half-wave rectified difference), averaged over a short window.
  const lag = Math.round(FLUX_LAG_SEC * ENVELOPE_RATE_HZ);
  const window = Math.round(FLUX_SMOOTHING_SEC * ENVELOPE_RATE_HZ);
  const envelope = new Float32Array(length);
  let runningSum = 0;
  const rise = (j: number) => (j >= lag ? Math.max(0, loudness[j]! - loudness[j - lag]!) : 0);
  for (let j = 0; j < length; j += 1) {
    runningSum += rise(j);
    if (j >= window) runningSum -= rise(j - window);
    envelope[j] = Math.max(0, runningSum / window); // a running sum drifts a hair below 0
  }

  const level = quantile(envelope, 1 - TOP_SHARE);
  if (level <= 0) return envelope;
  for (let j = 0; j < length; j += 1) {
    const v = envelope[j]! / level;
    envelope[j] = v / (1 + v);
  }
  return envelope;
}

function quantile(values: Float32Array | Float64Array, q: number): number {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}
