import { ROCKY_IV_CATALOG, catalogTrackId } from '../../lib/catalog/rocky-iv';
import { hiitAlternationCurve, rampCurve, steadyCurve } from '../../lib/domain/curves';
import type { PoolTrack, WorkoutSpec } from '../../lib/domain/types';
import { seededRandom } from '../../lib/sequencer/random';

/**
 * Small random pools and workouts for the sequencer's own tests (search, local search): seeded, so a
 * failure names its case. Lengths of 60–420 s (one in twelve too short to place), tempos of 50–210
 * BPM (one in nine unknown), four artists (one written twice), about one anchor in six.
 */
export function smallCase(seed: number, size: { min: number; max: number } = { min: 3, max: 9 }): { pool: PoolTrack[]; workout: WorkoutSpec } {
  const random = seededRandom(seed);
  const pick = (from: number, to: number) => from + random.below(to - from + 1);
  const artists = ['Survivor', 'survivor ', 'Vince DiCola', 'Go West', 'Touch'];
  const pool = Array.from({ length: pick(size.min, size.max) }, (_, i) => ({
    id: `t${i}`,
    title: `Track ${i}`,
    artist: artists[random.below(artists.length)]!,
    durationMs: random.below(12) === 0 ? 999 : pick(60, 420) * 1000,
    bpm: random.below(9) === 0 ? null : pick(500, 2100) / 10,
    isAnchor: random.below(6) === 0,
  }));
  const curves = [steadyCurve(pick(90, 170)), rampCurve(pick(80, 180), pick(80, 180)), hiitAlternationCurve(100, 160, pick(1, 4))];
  const workout: WorkoutSpec = { mode: 'circuit', lengthMs: pick(5, 25) * 60_000, toleranceMs: [0, 30_000, 60_000, 180_000][random.below(4)]!, curve: curves[random.below(3)]! };
  return { pool, workout };
}

/**
 * A large pool (80–139 tracks of 150–300 s, nine artists) whose tempos all lie within 2 BPM of a
 * steady 160 and a 20-minute workout: the search can bring the cost well under `SETTLED_COST`.
 */
export function closeCase(seed: number): { pool: PoolTrack[]; workout: WorkoutSpec } {
  const random = seededRandom(seed);
  const pool = Array.from({ length: 80 + random.below(60) }, (_, i) => ({
    id: `t${i}`,
    title: `Track ${i}`,
    artist: `Artist ${i % 9}`,
    durationMs: (150 + random.below(150)) * 1000,
    bpm: 158 + random.below(401) / 100,
    isAnchor: false,
  }));
  return { pool, workout: { mode: 'circuit', lengthMs: 20 * 60_000, toleranceMs: 30_000, curve: steadyCurve(160) } };
}

/**
 * A pool of `size` tracks (150–600 s with milliseconds, as Spotify gives them; five artists; tempos
 * 55–190 BPM, `unknownShare` of them unknown) and a zero-tolerance workout whose length is the sum
 * of `planted` of its tracks of known tempo: the exact length is reachable without a filler.
 */
export function plantedCase(seed: number, options: { size: number; planted: number; unknownShare?: number }): { pool: PoolTrack[]; workout: WorkoutSpec } {
  const random = seededRandom(seed);
  const pool: PoolTrack[] = Array.from({ length: options.size }, (_, i) => ({
    id: `p${i}`,
    title: `Track ${i}`,
    artist: `Artist ${'ABCDE'[random.below(5)]}`,
    durationMs: (150 + random.below(451)) * 1000 + random.below(1000),
    bpm: random.next() < (options.unknownShare ?? 0.05) ? null : 55 + random.below(1351) / 10,
    isAnchor: false,
  }));
  const timed = pool.flatMap((t, i) => (t.bpm === null ? [] : [i]));
  const picked = new Set<number>();
  while (picked.size < Math.min(options.planted, timed.length)) picked.add(timed[random.below(timed.length)]!);
  const lengthMs = [...picked].reduce((sum, i) => sum + pool[i]!.durationMs!, 0);
  return { pool, workout: { mode: 'circuit', lengthMs, toleranceMs: 0, curve: rampCurve(110, 150) } };
}

/** The bundled soundtrack's tracks of known length, as the pool gives them to the sequencer (each an anchor). */
export function timedSoundtrackPool(): PoolTrack[] {
  return ROCKY_IV_CATALOG.filter((t) => t.durationMs !== null).map((t) => ({
    id: catalogTrackId(t.number),
    title: t.title,
    artist: t.artist,
    durationMs: t.durationMs,
    bpm: t.bpm,
    isAnchor: true,
  }));
}
