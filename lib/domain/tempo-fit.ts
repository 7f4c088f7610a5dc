/** How far a track's played tempo may sit from the slot's target and still "fit": 3 % (≈ 5 steps/min at 170). */
export const FIT_TOLERANCE = 0.03;

export interface TempoFit {
  /** True when the played tempo is within `FIT_TOLERANCE` of the target. */
  fits: boolean;
  /** Signed distance from the target in whole percent (positive: faster than the target). */
  offPercent: number;
  /** "fits", "6 % fast" or "12 % slow": what the editor shows beside the tempo. */
  label: string;
}

/**
 * How a played tempo (BPM × multiplier, or steps/min) fits the target tempo of a place in the
 * workout. Both in the same unit; the target must be positive.
 */
export function tempoFit(playedTempo: number, targetTempo: number): TempoFit {
  const off = (playedTempo - targetTempo) / targetTempo;
  const fits = Math.abs(off) <= FIT_TOLERANCE;
  // Never "0 % fast": a miss is at least 1 %.
  const offPercent = fits ? Math.round(off * 100) : Math.sign(off) * Math.max(1, Math.round(Math.abs(off) * 100));
  return { fits, offPercent, label: fits ? 'fits' : `${Math.abs(offPercent)} % ${off > 0 ? 'fast' : 'slow'}` };
}

/** "172 spm" in a run (the curve is a cadence), "118 BPM" otherwise; whole numbers. */
export function formatTempo(tempo: number, unit: 'spm' | 'BPM'): string {
  return `${Math.round(tempo)} ${unit}`;
}
