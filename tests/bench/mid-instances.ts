import { hiitAlternationCurve, pyramidCurve, rampCurve, runCurve, steadyCurve, warmUpPeakCoolDownCurve } from '../../lib/domain/curves';
import type { PoolTrack, TargetCurve, WorkoutSpec } from '../../lib/domain/types';
import { toleranceFor } from '../../lib/domain/workout';
import { seededRandom, type Random } from '../../lib/sequencer/random';

/**
 * Families like the failures of issue 28, past the 10 tracks the small exact solver reaches:
 * - `mid-*`: 18–28 tracks, mostly half/double-time candidates (a track of 80 BPM is a 160 run at
 *   2×), long tracks (4–10 min), five artists so neighbours clash; tolerance `tight` (1–10 s),
 *   `zero` (none, and the length is a planted subset's sum, so it is reachable), `app` (5 %, at
 *   least 1 min), `fillers` (a third of unknown tempo, tolerance 0–10 s);
 * - `large-*`: the same kinds of track, 65–90 of them and a 30–60 min target (`tight`, `zero`
 *   planted, `app`); no exact optimum there: the reference is the best of long searches.
 * Lengths are in milliseconds, as Spotify gives them: a planted length is reachable only exactly.
 */
export const MID_FAMILIES = ['mid-tight', 'mid-zero', 'mid-app', 'mid-fillers'] as const;
export const LARGE_FAMILIES = ['large-tight', 'large-zero', 'large-app'] as const;
export type MidFamily = (typeof MID_FAMILIES)[number] | (typeof LARGE_FAMILIES)[number];

export interface MidInstance {
  seed: number;
  family: MidFamily;
  pool: PoolTrack[];
  workout: WorkoutSpec;
}

export function midInstance(seed: number, family: MidFamily): MidInstance {
  const isLarge = family.startsWith('large');
  const random = seededRandom(seed * 104_729 + 7 + [...MID_FAMILIES, ...LARGE_FAMILIES].indexOf(family) * 15_485_863);
  const size = isLarge ? 65 + random.below(26) : 18 + random.below(11);
  const curve = pickCurve(random);
  const unknownShare = family === 'mid-fillers' ? 0.33 : 0.05;
  const pool: PoolTrack[] = [];
  for (let i = 0; i < size; i += 1) {
    const isAnchor = i < random.below(3);
    pool.push({
      id: `${family}-${seed}-${i}`,
      title: `Track ${i}`,
      artist: `Artist ${'ABCDE'[random.below(5)]}`,
      durationMs: (isLarge ? 150 + random.below(451) : 240 + random.below(361)) * 1000 + random.below(1000),
      bpm: random.next() < unknownShare ? null : halfOrDoubleTempo(random, curve),
      isAnchor,
    });
  }
  const poolMs = pool.reduce((sum, t) => sum + t.durationMs!, 0);
  let lengthMs: number;
  if (family.endsWith('zero')) {
    // A planted length: the sum of the anchors and a random set of other tracks, so the exact length is reachable with every anchor.
    const count = isLarge ? 10 + random.below(8) : 3 + random.below(4);
    const picked = new Set<number>(pool.flatMap((t, i) => (t.isAnchor ? [i] : [])));
    while (picked.size < count) picked.add(random.below(size));
    lengthMs = [...picked].reduce((sum, i) => sum + pool[i]!.durationMs!, 0);
  } else {
    const share = isLarge ? 0.15 + random.next() * 0.15 : 0.2 + random.next() * 0.15;
    lengthMs = Math.round((poolMs * share) / 1000) * 1000;
  }
  const toleranceMs = family.endsWith('zero') ? 0 : family.endsWith('app') ? toleranceFor(lengthMs) : (1 + random.below(10)) * 1000;
  return { seed, family, pool, workout: { mode: 'circuit', lengthMs, toleranceMs, curve } };
}

/** Mostly half-time of the curve's range (plays at 2×), some at it, a few double-time (plays at ½×). */
function halfOrDoubleTempo(random: Random, curve: TargetCurve): number {
  const low = Math.min(...curve.points.map((p) => p.tempo));
  const high = Math.max(...curve.points.map((p) => p.tempo));
  const tempo = low - 8 + random.next() * (high - low + 16);
  const u = random.next();
  const factor = u < 0.55 ? 0.5 : u < 0.85 ? 1 : 2;
  return Math.round(tempo * factor * 10) / 10;
}

function pickCurve(random: Random): TargetCurve {
  const low = 100 + random.next() * 40;
  const high = low + 15 + random.next() * 35;
  switch (random.below(6)) {
    case 0:
      return runCurve(160 + random.below(21));
    case 1:
      return steadyCurve(low);
    case 2:
      return rampCurve(low, high);
    case 3:
      return pyramidCurve(low, high, 1 + random.below(3));
    case 4:
      return warmUpPeakCoolDownCurve(low, high);
    default:
      return hiitAlternationCurve(low, high, 1 + random.below(3));
  }
}
