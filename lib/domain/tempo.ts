import { MULTIPLIERS, type Multiplier } from './types';

/** Effective tempo of a track played at `multiplier` (half/double time counts: 90 BPM × 2 fits 180 steps/min). */
export function effectiveTempo(bpm: number, multiplier: Multiplier): number {
  return bpm * multiplier;
}

/** The multiplier in {½, 1, 2} that brings `bpm` closest to `targetTempo`; ties prefer 1×. */
export function bestMultiplier(bpm: number, targetTempo: number): Multiplier {
  let best: Multiplier = 1;
  let bestError = Math.abs(bpm - targetTempo);
  for (const multiplier of MULTIPLIERS) {
    const error = Math.abs(bpm * multiplier - targetTempo);
    if (error < bestError - 1e-9) {
      best = multiplier;
      bestError = error;
    }
  }
  return best;
}

/** Length of one bar in ms for a track at `bpm` with `beatsPerBar` beats (4/4 by default). */
export function barMs(bpm: number, beatsPerBar = 4): number {
  return (60_000 / bpm) * beatsPerBar;
}

/** "3:51" for 231 000 ms; rounds down to the second. */
export function formatDuration(durationMs: number): string {
  // Never "-1:-5": a length below zero is a mistake shown elsewhere, not a time.
  const totalSeconds = Math.max(0, Math.floor(durationMs / 1000));
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${minutes}:${seconds.toString().padStart(2, '0')}`;
}
