/**
 * Tap tempo: the tempo of a run of taps (ms timestamps), with how steady the taps were. A pause
 * longer than `MAX_GAP_MS` starts a new run; only the latest `MAX_TAPS` taps count, so a
 * tapper who settles in is not held back by their first, hesitant taps.
 */

export const MAX_GAP_MS = 2000;
export const MAX_TAPS = 16;
/** Taps whose intervals vary by less than this share of a beat are "steady". */
const STEADY_SHARE = 0.04;
const MIN_TAPS_FOR_STEADY = 5;

export interface TapEstimate {
  /** The tempo of the taps (least-squares fit of tap time against tap number). */
  bpm: number;
  taps: number;
  /** Typical distance of one interval from the fit, expressed in BPM (±). */
  spreadBpm: number;
  steadiness: 'settling' | 'steady' | 'unsteady';
}

/** The taps after one more at `atMs`: a long pause (or time going back) starts a new run. */
export function addTap(taps: readonly number[], atMs: number): number[] {
  const last = taps.at(-1);
  if (last === undefined || atMs - last > MAX_GAP_MS || atMs <= last) return [atMs];
  return [...taps, atMs].slice(-MAX_TAPS);
}

/** The tempo of the taps, or null for fewer than two. */
export function estimateTapTempo(taps: readonly number[]): TapEstimate | null {
  const n = taps.length;
  if (n < 2) return null;
  // Least squares of t_i = a + b·i: b is the beat length, robust to one early or late tap.
  const meanIndex = (n - 1) / 2;
  const meanTime = taps.reduce((sum, t) => sum + t, 0) / n;
  let covariance = 0;
  let variance = 0;
  taps.forEach((t, i) => {
    covariance += (i - meanIndex) * (t - meanTime);
    variance += (i - meanIndex) ** 2;
  });
  const beatMs = covariance / variance;
  if (!(beatMs > 0)) return null;
  const bpm = 60_000 / beatMs;

  const intervals = taps.slice(1).map((t, i) => t - taps[i]!);
  const rms = Math.sqrt(intervals.reduce((sum, d) => sum + (d - beatMs) ** 2, 0) / intervals.length);
  const share = rms / beatMs;
  return {
    bpm,
    taps: n,
    spreadBpm: bpm * share,
    steadiness: n < MIN_TAPS_FOR_STEADY ? 'settling' : share < STEADY_SHARE ? 'steady' : 'unsteady',
  };
}
