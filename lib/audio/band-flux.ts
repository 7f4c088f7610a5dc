import { fftInPlace } from './fft';

/**
 * Onset strength of a recording in a few frequency bands (spectral flux: how much the
 * log-magnitude spectrum rises from one frame to the next, summed over each band's bins).
 * Drums sit in different bands — kick and bass low, snare in the middle, hats high — so a beat
 * that one band hides (a hat every eighth note) the others still show.
 */

/** Frames per second of the envelopes: 10 ms steps, enough for a beat's onset. */
export const FLUX_FRAME_RATE_HZ = 100;

/** Band edges in Hz: kick and bass | snare body, low voices | snare crack, voices | hats, cymbals. */
export const FLUX_BANDS_HZ = [
  [20, 200],
  [200, 800],
  [800, 3000],
  [3000, 8000],
] as const;

const WINDOW_SEC = 0.032;
/** Log compression, mild (20 dB): a quiet hat's leak into the low bands stays small beside a kick or a snare. */
const COMPRESSION = 10;

export interface BandFlux {
  /** One envelope per band of FLUX_BANDS_HZ (bands above the Nyquist frequency are all zero). */
  bands: Float32Array[];
  /** Frames per second actually used (the hop is a whole number of samples). */
  frameRateHz: number;
}

/** Multi-band spectral flux of mono `samples` (-1..1) at `sampleRate` Hz. */
export function bandFlux(samples: Float32Array, sampleRate: number): BandFlux {
  const hop = Math.max(1, Math.round(sampleRate / FLUX_FRAME_RATE_HZ));
  const size = 2 ** Math.ceil(Math.log2(WINDOW_SEC * sampleRate));
  const frames = Math.max(0, Math.floor((samples.length - size) / hop) + 1);
  const binHz = sampleRate / size;
  const bins = size / 2;
  const bandOf = new Int8Array(bins).fill(-1);
  FLUX_BANDS_HZ.forEach(([low, high], band) => {
    for (let bin = Math.ceil(low / binHz); bin < Math.min(bins, high / binHz); bin += 1) bandOf[bin] = band;
  });

  const window = new Float64Array(size);
  for (let i = 0; i < size; i += 1) window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / size);
  const real = new Float64Array(size);
  const imag = new Float64Array(size);
  const magnitudes = new Float32Array(frames * bins);
  let loudest = 0;
  for (let frame = 0; frame < frames; frame += 1) {
    const offset = frame * hop;
    for (let i = 0; i < size; i += 1) real[i] = samples[offset + i]! * window[i]!;
    imag.fill(0);
    fftInPlace(real, imag);
    for (let bin = 0; bin < bins; bin += 1) {
      const magnitude = Math.sqrt(real[bin]! * real[bin]! + imag[bin]! * imag[bin]!);
      magnitudes[frame * bins + bin] = magnitude;
      if (magnitude > loudest) loudest = magnitude;
    }
  }

  const bands = FLUX_BANDS_HZ.map(() => new Float32Array(frames));
  if (loudest === 0) return { bands, frameRateHz: sampleRate / hop };
  // Relative to the loudest bin, so the envelopes do not depend on the recording's level.
  const scale = COMPRESSION / loudest;
  for (let i = 0; i < magnitudes.length; i += 1) magnitudes[i] = Math.log1p(scale * magnitudes[i]!);
  for (let frame = 1; frame < frames; frame += 1) {
    for (let bin = 0; bin < bins; bin += 1) {
      const band = bandOf[bin]!;
      if (band < 0) continue;
      const rise = magnitudes[frame * bins + bin]! - magnitudes[(frame - 1) * bins + bin]!;
      if (rise > 0) bands[band]![frame]! += rise;
    }
  }
  return { bands, frameRateHz: sampleRate / hop };
}
