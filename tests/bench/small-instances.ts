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
export function smallInstance(seed: number): SmallInstance {
  const random = seededRandom(seed * 7919 + 13);
  const size = 6 + random.below(5);
  const anchors = random.below(3);
  const pool: PoolTrack[] = [];
  for (let i = 0; i < size; i += 1) {
    const isAnchor = i < anchors;
    const unknown = isAnchor ? random.next() < 0.33 : random.next() < 0.1;
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
  const lengthMs = Math.round((poolMs * (0.35 + random.next() * 0.4)) / 1000) * 1000;
  return {
    seed,
    pool,
    workout: { mode: 'circuit', lengthMs, toleranceMs: toleranceFor(lengthMs), curve: randomCurve(random) },
  };
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
