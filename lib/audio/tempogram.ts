/**
 * Periodicity of an onset envelope: its autocorrelation, and a comb over it that scores a tempo
 * by how well the envelope repeats after one, two, three and four beats. A comb rather than one
 * lag: a fill or a syncopated bar weakens one lag, rarely all four.
 */

/**
 * Normalised autocorrelation of `envelope` (its mean removed) for lags 0..maxLag frames: 1 at
 * lag 0, each lag averaged over the frames it overlaps. All zero for a flat envelope.
 */
export function autocorrelation(envelope: Float32Array, maxLag: number): Float64Array {
  const length = envelope.length;
  const lags = Math.min(maxLag, length - 1) + 1;
  const result = new Float64Array(Math.max(0, lags));
  if (length < 2) return result;
  let mean = 0;
  for (const v of envelope) mean += v;
  mean /= length;
  const centred = Float64Array.from(envelope, (v) => v - mean);
  for (let lag = 0; lag < lags; lag += 1) {
    let sum = 0;
    for (let i = lag; i < length; i += 1) sum += centred[i]! * centred[i - lag]!;
    result[lag] = sum / (length - lag);
  }
  const zero = result[0]!;
  if (zero <= 0) return result.fill(0);
  for (let lag = 0; lag < lags; lag += 1) result[lag] = result[lag]! / zero;
  return result;
}

/** The autocorrelation at a fractional lag (linear interpolation); 0 beyond its end. */
export function autocorrelationAt(acf: Float64Array, lag: number): number {
  const below = Math.floor(lag);
  if (below < 0 || below + 1 >= acf.length) return 0;
  const fraction = lag - below;
  return acf[below]! * (1 - fraction) + acf[below + 1]! * fraction;
}

/** Lags (in frames) of one beat at `bpm` for an envelope at `frameRateHz`. */
export function beatLag(bpm: number, frameRateHz: number): number {
  return (60 * frameRateHz) / bpm;
}

/**
 * Comb score of `bpm`: the mean autocorrelation at 1..`beats` beat lags (negative lags count as
 * 0, so one anti-correlated lag does not cancel a strong one).
 */
export function combScore(acf: Float64Array, bpm: number, frameRateHz: number, beats = 4): number {
  const lag = beatLag(bpm, frameRateHz);
  let sum = 0;
  for (let k = 1; k <= beats; k += 1) sum += Math.max(0, autocorrelationAt(acf, k * lag));
  return sum / beats;
}
