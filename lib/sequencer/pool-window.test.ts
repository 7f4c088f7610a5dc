import { describe, expect, it } from 'vitest';
import { syntheticPool } from '../../tests/bench/synthetic-pool';
import type { PoolTrack, WorkoutMode } from '../domain/types';
import { workoutSpecFor } from '../domain/workout';
import { sequenceMontage } from './index';
import { FINE_BAND_TAKE, narrowPool, poolWindowFor, WHOLE_POOL_UP_TO } from './pool-window';

const run170 = workoutSpecFor({ mode: 'run', lengthMin: 60, cadenceSpm: 170 });

function track(n: number, bpm: number | null, durationMs: number | null = 200_000): PoolTrack {
  return { id: `t-${String(n).padStart(6, '0')}`, title: `Track ${n}`, artist: `Artist ${n % 97}`, durationMs, bpm, isAnchor: false };
}

describe('poolWindowFor', () => {
  it('covers every tempo above 0 once, with bands in ascending order', () => {
    for (const choice of [{ mode: 'run' as const, cadenceSpm: 150 }, { mode: 'circuit' as const }, { mode: 'hiit' as const }]) {
      const { bands } = poolWindowFor(workoutSpecFor({ ...choice, lengthMin: 45 }));
      expect(bands[0]!.minBpm).toBe(0);
      expect(bands[bands.length - 1]!.maxBpm).toBe(Number.MAX_VALUE);
      bands.forEach((band, i) => {
        expect(band.maxBpm).toBeGreaterThan(band.minBpm);
        if (i > 0) expect(band.minBpm).toBe(bands[i - 1]!.maxBpm);
      });
    }
  });

  it('reads finely where ½×, 1× or 2× of a tempo lands on the curve, coarsely elsewhere', () => {
    const { bands } = poolWindowFor(run170); // the curve spans 150–170 steps/min
    const bandAt = (bpm: number) => bands.find((b) => bpm >= b.minBpm && bpm < b.maxBpm)!;
    for (const onCurve of [160, 80, 320]) {
      expect(bandAt(onCurve).take).toBe(FINE_BAND_TAKE);
      expect(bandAt(onCurve).maxBpm - bandAt(onCurve).minBpm).toBeLessThan(onCurve * 0.01);
    }
    for (const offCurve of [120, 240, 10, 500]) expect(bandAt(offCurve).take).toBeLessThan(FINE_BAND_TAKE);
  });

  it('samples unknown-tempo tracks from 1 s up to the longest montage accepted', () => {
    const window = poolWindowFor(run170);
    expect(window.maxDurationMs).toBe(run170.lengthMs + run170.toleranceMs);
    expect(window.fillerLengthsMs[0]).toBe(1_000);
    expect(window.fillerLengthsMs[window.fillerLengthsMs.length - 1]).toBe(window.maxDurationMs);
  });
});

describe('narrowPool', () => {
  it('keeps a pool of up to WHOLE_POOL_UP_TO placeable tracks whole', () => {
    const pool = Array.from({ length: WHOLE_POOL_UP_TO }, (_, n) => track(n, 60 + (n % 140)));
    pool.push(track(-1, 120, null), track(-2, 120, 500)); // not placeable: not counted
    expect(narrowPool(pool, poolWindowFor(run170))).toEqual(pool);
  });

  it('narrows a larger one to every anchor and the first tracks of each band, nothing too long to place', () => {
    const anchor: PoolTrack = { id: 'catalog-1', title: 'Anchor', artist: 'Vince', durationMs: 9_000_000, bpm: 20, isAnchor: true };
    const pool = [anchor, ...Array.from({ length: 10_000 }, (_, n) => track(n, n % 10 === 0 ? null : 60 + (n % 140), 120_000 + ((n * 7919) % 240_000)))];
    const tooLong = track(20_000, 161, 5 * 3_600_000);
    pool.push(tooLong);
    const window = poolWindowFor(run170);
    const narrowed = narrowPool(pool, window);
    expect(narrowed.length).toBeLessThan(1_000);
    expect(narrowed).toContain(anchor);
    expect(narrowed).not.toContain(tooLong);
    // 161 BPM lies on the curve: its band gives its first FINE_BAND_TAKE tracks by id.
    const at161 = pool.filter((t) => t.bpm === 161 && t !== tooLong);
    expect(at161.length).toBeGreaterThan(FINE_BAND_TAKE);
    expect(narrowed.filter((t) => t.bpm === 161)).toEqual(at161.slice(0, FINE_BAND_TAKE));
    expect(narrowed.filter((t) => t.bpm === null).length).toBeGreaterThan(5);
    // In pool order.
    expect(narrowed.map((t) => pool.indexOf(t))).toEqual(narrowed.map((t) => pool.indexOf(t)).sort((a, b) => a - b));
  });

  // The figure the pool read is allowed to cost: on realistic 10,000-track libraries, the narrowed
  // pool's montage costs at most 5 % (or 0.5 BPM²) more than the whole pool's, and meets every rule as well.
  it.each(['run', 'circuit', 'hiit'] as WorkoutMode[])('builds a %s montage from the narrowed pool nearly as well as from the whole', (mode) => {
    for (const seed of [3, 11]) {
      const pool = syntheticPool({ size: 10_000, seed, withRockyAnchors: true });
      const workout = workoutSpecFor({ mode, lengthMin: 60, ...(mode === 'run' ? { cadenceSpm: 165 } : {}) });
      const whole = sequenceMontage(pool, workout);
      const narrowed = sequenceMontage(narrowPool(pool, poolWindowFor(workout)), workout);
      expect(narrowed.cost).toBeLessThanOrEqual(Math.max(whole.cost * 1.05, whole.cost + 0.5));
      expect([narrowed.shortfallMs, narrowed.anchorsLeftOut, narrowed.sameArtistPairs]).toEqual([whole.shortfallMs, whole.anchorsLeftOut, whole.sameArtistPairs]);
    }
  });
});
