import {
  drawnCurve,
  hiitAlternationCurve,
  montageArcCurve,
  pyramidCurve,
  rampCurve,
  runCurve,
  steadyCurve,
  warmUpPeakCoolDownCurve,
} from '../../lib/domain/curves';
import type { PoolTrack, TargetCurve, WorkoutSpec } from '../../lib/domain/types';
import { toleranceFor } from '../../lib/domain/workout';
import { seededRandom, type Random } from '../../lib/sequencer/random';
import { gaussian } from './synthetic-pool';

/**
 * Families of small instances: `app` is the app's own rule (tolerance 5 %, at least 1 min); the
 * others reach the cases the app's rule rarely meets: `tight` (0..10 s tolerance), `zero` (none),
 * `fillers` (a third of the tracks of unknown tempo, a length near the timed tracks' total),
 * `anchors` (anchors that cannot all fit), `steep` (HIIT switches and steep ramps).
 */
export const FAMILIES = ['app', 'tight', 'zero', 'fillers', 'anchors', 'steep'] as const;
export type Family = (typeof FAMILIES)[number];

export interface SmallInstance {
  seed: number;
  pool: PoolTrack[];
  workout: WorkoutSpec;
}

/**
 * A seeded small instance the exact solver can settle: 6..10 tracks of 2..6 min, tempos spread over
 * 60..190 BPM (10 % unknown), 0..2 anchors (a third of them of unknown tempo), four artists so
 * neighbours clash, one of the named curves or a drawn one, and a length of 35..75 % of the pool.
 */
export function smallInstance(seed: number, family: Family = 'app'): SmallInstance {
  const random = seededRandom(seed * 7919 + 13 + FAMILIES.indexOf(family) * 1_000_003);
  const size = 6 + random.below(5);
  const anchors = family === 'anchors' ? 3 + random.below(3) : random.below(3);
  const pool: PoolTrack[] = [];
  for (let i = 0; i < size; i += 1) {
    const isAnchor = i < anchors;
    const unknown = isAnchor ? random.next() < 0.33 : random.next() < (family === 'fillers' ? 0.35 : 0.1);
    pool.push({
      id: `s${seed}-${i}`,
      title: `Small ${i}`,
      artist: `Artist ${'ABCD'[random.below(4)]}`,
      durationMs: Math.round(Math.min(360_000, Math.max(120_000, 220_000 * Math.exp(0.3 * gaussian(random))))),
      bpm: unknown ? null : Math.round((60 + random.next() * 130) * 10) / 10,
      isAnchor,
    });
  }
  const poolMs = pool.reduce((sum, t) => sum + t.durationMs!, 0);
  const timedMs = pool.filter((t) => t.bpm !== null || t.isAnchor).reduce((sum, t) => sum + t.durationMs!, 0);
  const anchorMs = pool.filter((t) => t.isAnchor).reduce((sum, t) => sum + t.durationMs!, 0);
  let lengthMs = Math.round((poolMs * (0.35 + random.next() * 0.4)) / 1000) * 1000;
  if (family === 'fillers') lengthMs = Math.round((timedMs * (0.9 + random.next() * 0.3)) / 1000) * 1000;
  if (family === 'anchors') lengthMs = Math.round((anchorMs * (0.5 + random.next() * 0.4)) / 1000) * 1000;
  const toleranceMs = family === 'zero' ? 0 : family === 'tight' ? random.below(11) * 1000 : toleranceFor(lengthMs);
  const curve = family === 'steep' ? steepCurve(random) : randomCurve(random);
  return { seed, pool, workout: { mode: 'circuit', lengthMs, toleranceMs, curve } };
}

function steepCurve(random: Random): TargetCurve {
  const low = 80 + random.next() * 30;
  const high = low + 50 + random.next() * 40;
  return random.below(2) === 0 ? hiitAlternationCurve(low, high, 2 + random.below(4)) : rampCurve(random.below(2) ? low : high, random.below(2) ? high : low);
}

function randomCurve(random: Random): TargetCurve {
  const low = 90 + random.next() * 50;
  const high = low + 10 + random.next() * 40;
  switch (random.below(8)) {
    case 0:
      return steadyCurve(low);
    case 1:
      return rampCurve(low, high);
    case 2:
      return pyramidCurve(low, high, 1 + random.below(3));
    case 3:
      return warmUpPeakCoolDownCurve(low, high);
    case 4:
      return hiitAlternationCurve(low, high, 1 + random.below(3));
    case 5:
      return montageArcCurve();
    case 6:
      return runCurve(160 + random.below(21));
    default:
      return drawnCurve(Array.from({ length: 4 }, () => ({ atFraction: random.next(), tempo: low + random.next() * (high - low) })));
  }
}
