import { describe, expect, it } from 'vitest';
import { syntheticPool } from '../../tests/bench/synthetic-pool';
import { rampCurve, steadyCurve } from '../domain/curves';
import type { PoolTrack, PoolWindow, WorkoutMode, WorkoutSpec } from '../domain/types';
import { workoutSpecFor } from '../domain/workout';
import { sequenceMontage } from './index';
import {
  COARSE_BAND_RATIO,
  COARSE_BAND_TAKE,
  FINE_BAND_RATIO,
  FINE_BAND_TAKE,
  narrowPool,
  poolWindowFor,
  WHOLE_POOL_UP_TO,
  WINDOW_MARGIN,
} from './pool-window';

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
    const { bands } = poolWindowFor(run170); // the curve walks in and out at 100–125 steps/min and holds 170 between
    const bandAt = (bpm: number) => bands.find((b) => bpm >= b.minBpm && bpm < b.maxBpm)!;
    for (const onCurve of [170, 85, 340, 110]) {
      expect(bandAt(onCurve).take).toBe(FINE_BAND_TAKE);
      expect(bandAt(onCurve).maxBpm - bandAt(onCurve).minBpm).toBeLessThan(onCurve * 0.01);
    }
    // From 100 to about 178 at 1× (the walks to the cadence), so 48–370 at ½×, 1× or 2×; not 10, 40, 400 or 500.
    for (const offCurve of [10, 40, 400, 500]) expect(bandAt(offCurve).take).toBeLessThan(FINE_BAND_TAKE);
  });

  it('samples unknown-tempo tracks from 1 s up to the longest montage accepted', () => {
    const window = poolWindowFor(run170);
    expect(window.maxDurationMs).toBe(run170.lengthMs + run170.toleranceMs);
    expect(window.fillerLengthsMs[0]).toBe(1_000);
    expect(window.fillerLengthsMs[window.fillerLengthsMs.length - 1]).toBe(window.maxDurationMs);
  });
});

describe('poolWindowFor, band by band', () => {
  const steady = (tempo: number, lengthMs = 30 * 60_000): WorkoutSpec => ({ mode: 'circuit', lengthMs, toleranceMs: 60_000, curve: steadyCurve(tempo) });
  const bandAt = (window: PoolWindow, bpm: number) => window.bands.find((b) => bpm >= b.minBpm && bpm < b.maxBpm)!;

  it(`reads finely up to ${WINDOW_MARGIN * 100} % past the curve's lowest and highest tempo, at ½×, 1× and 2×`, () => {
    const window = poolWindowFor({ ...steady(150), curve: rampCurve(150, 170) });
    const low = 150 / (1 + WINDOW_MARGIN);
    const high = 170 * (1 + WINDOW_MARGIN);
    for (const m of [0.5, 1, 2]) {
      expect(bandAt(window, (low + 0.05) / m).take, `${low / m}`).toBe(FINE_BAND_TAKE);
      expect(bandAt(window, (high - 0.05) / m).take, `${high / m}`).toBe(FINE_BAND_TAKE);
      expect(bandAt(window, (low - 0.3) / m).take).toBe(COARSE_BAND_TAKE);
      expect(bandAt(window, (high + 0.3) / m).take).toBe(COARSE_BAND_TAKE);
      // The fine range starts exactly there.
      expect(window.bands.some((b) => Math.abs(b.minBpm - low / m) < 1e-9 && b.take === FINE_BAND_TAKE)).toBe(true);
    }
  });

  it('makes fine bands FINE_BAND_RATIO of their tempo wide and coarse ones COARSE_BAND_RATIO, in one band below 20 BPM and one above 400', () => {
    const window = poolWindowFor(steady(150));
    for (const bpm of [144.5, 150, 155.5]) {
      const band = bandAt(window, bpm);
      expect(band.maxBpm / band.minBpm).toBeLessThanOrEqual(1 + FINE_BAND_RATIO + 1e-12);
    }
    const fullFine = window.bands.filter((b) => b.take === FINE_BAND_TAKE).slice(0, -1);
    for (const band of fullFine.slice(0, 5)) expect(band.maxBpm / band.minBpm).toBeCloseTo(1 + FINE_BAND_RATIO, 12);
    for (const bpm of [30, 100, 200, 390]) expect(bandAt(window, bpm).maxBpm / bandAt(window, bpm).minBpm).toBeCloseTo(1 + COARSE_BAND_RATIO, 12);
    expect(bandAt(window, 5)).toEqual({ minBpm: 0, maxBpm: 20, take: COARSE_BAND_TAKE });
    expect(bandAt(window, 20).minBpm).toBe(20);
    expect(bandAt(window, 1_000)).toEqual({ minBpm: 400, maxBpm: Number.MAX_VALUE, take: COARSE_BAND_TAKE });
  });

  it('merges the fine ranges of a curve wide enough that ½×, 1× and 2× overlap, and keeps the bands disjoint', () => {
    // 60..200 at ½×, 1×, 2× overlap: one fine range from 30 / 1.04 to 400 × 1.04.
    const window = poolWindowFor({ ...steady(60), curve: rampCurve(60, 200) });
    for (const bpm of [29, 60, 100, 110, 121, 200, 250, 399, 410]) expect(bandAt(window, bpm).take, `${bpm}`).toBe(FINE_BAND_TAKE);
    expect(bandAt(window, 28).take).toBe(COARSE_BAND_TAKE);
    expect(bandAt(window, 420).take).toBe(COARSE_BAND_TAKE);
    window.bands.forEach((band, i) => {
      expect(band.maxBpm).toBeGreaterThan(band.minBpm);
      if (i > 0) expect(band.minBpm).toBe(window.bands[i - 1]!.maxBpm);
    });
    // The fine range reaches past 400: the coarse band above it starts where it ends.
    expect(window.bands[window.bands.length - 1]).toEqual({ minBpm: 200 * 2 * (1 + WINDOW_MARGIN), maxBpm: Number.MAX_VALUE, take: COARSE_BAND_TAKE });
  });

  it('reads a fine range below 20 BPM finely too', () => {
    const window = poolWindowFor(steady(30));
    expect(bandAt(window, 15).take).toBe(FINE_BAND_TAKE);
    expect(bandAt(window, 10)).toEqual({ minBpm: 0, maxBpm: 15 / (1 + WINDOW_MARGIN), take: COARSE_BAND_TAKE });
  });

  it('samples unknown-tempo lengths geometrically from 30 s, after one at 1 s', () => {
    const { fillerLengthsMs, maxDurationMs } = poolWindowFor(steady(150));
    expect(maxDurationMs).toBe(31 * 60_000);
    expect(fillerLengthsMs).toHaveLength(41);
    expect(fillerLengthsMs.slice(0, 2)).toEqual([1_000, 30_000]);
    expect(fillerLengthsMs[40]).toBe(maxDurationMs);
    fillerLengthsMs.slice(1).forEach((length, k) => expect(length).toBe(Math.round(30_000 * (maxDurationMs / 30_000) ** (k / 39))));
    // A montage shorter than 30 s samples at 30 s.
    const short = poolWindowFor({ ...steady(150, 10_000), toleranceMs: 0 });
    expect(short.maxDurationMs).toBe(10_000);
    expect(new Set(short.fillerLengthsMs.slice(1))).toEqual(new Set([30_000]));
  });
});

describe('narrowPool', () => {
  const window: PoolWindow = {
    wholeUpTo: 3,
    bands: [
      { minBpm: 0, maxBpm: 100, take: 1 },
      { minBpm: 100, maxBpm: 120, take: 2 },
      { minBpm: 120, maxBpm: Number.MAX_VALUE, take: 0 },
    ],
    fillerLengthsMs: [1_000, 150_000, 290_000],
    maxDurationMs: 300_000,
  };
  const t = (id: string, bpm: number | null, durationMs: number | null, isAnchor = false): PoolTrack => ({ id, title: id, artist: id, durationMs, bpm, isAnchor });

  it('takes from each band its first tracks by tempo then id, and the first unknown-tempo track by length then id at each filler length', () => {
    const pool = [
      t('z-90', 90, 200_000),
      t('a-90', 90, 200_000),
      t('m-95', 95, 200_000),
      t('y-110', 110, 200_000),
      t('b-110', 110, 200_000),
      t('c-105', 105, 200_000),
      t('too-long-100', 100, 300_001),
      t('at-100', 100, 300_000),
      t('fast', 130, 200_000),
      t('zero-tempo', 0, 500_000),
      t('u-long', null, 200_000),
      t('u-b-short', null, 120_000),
      t('u-a-short', null, 120_000),
      t('u-too-long', null, 400_000),
      t('u-untimed', null, null),
      t('u-tiny', null, 999),
      t('anchor', null, 9_000_000, true),
    ];
    const narrowed = narrowPool(pool, window).map((track) => track.id);
    // Band 0..100: a-90 (id before z-90); 100..120: at-100 then c-105; none above 120.
    // Unknown tempo by length: ≥ 1 s u-a-short, ≥ 150 s u-long, ≥ 290 s none (u-too-long cannot be placed; zero-tempo is 500 s).
    expect(narrowed).toEqual(['a-90', 'c-105', 'at-100', 'u-long', 'u-a-short', 'anchor']);
  });

  it('counts placeable tracks for the whole-pool rule: owned tracks of at least 1 s, anchors not', () => {
    const three = [t('a', 90, 1_000), t('b', 90, 200_000), t('c', null, 200_000), t('d', 90, 999), t('e', 90, null), t('f', 90, 200_000, true)];
    expect(narrowPool(three, window)).toEqual(three);
    const four = [...three, t('g', 91, 200_000)];
    expect(narrowPool(four, window).map((track) => track.id)).toEqual(['a', 'c', 'f']);
  });

  it('takes a band\'s first tracks by id whatever the pool order, and no track at its upper edge', () => {
    // 40 tracks at one tempo, ids in a scrambled order: the band of take 2 keeps the two smallest ids.
    const scrambled = Array.from({ length: 40 }, (_, k) => t(`id-${String((k * 17) % 40).padStart(2, '0')}`, 110, 200_000));
    expect(narrowPool(scrambled, window).map((track) => track.id).sort()).toEqual(['id-00', 'id-01']);
    // A track at exactly 100 BPM belongs to the band from 100, not to the one below it.
    const edge = [t('x', 100, 200_000), t('y', 101, 200_000), t('w', 102, 200_000), t('z', 130, 200_000)];
    expect(narrowPool(edge, window).map((track) => track.id)).toEqual(['x', 'y']);
  });

  it('takes for each filler length the first unknown-tempo track at least that long', () => {
    const pool = [t('u-200', null, 200_000), t('u-150', null, 150_000), t('a', 90, 200_000), t('b', 91, 200_000), t('c', 92, 200_000)];
    expect(narrowPool(pool, window).map((track) => track.id)).toEqual(['u-150', 'a']);
  });

  it('takes tracks at the lower edge of a band, not at its upper edge', () => {
    const pool = [t('p', 120, 200_000), t('q', 100, 200_000), t('r', 99.999, 200_000), t('s', 110, 200_000), t('u', 119.9, 200_000)];
    expect(narrowPool(pool, window).map((track) => track.id)).toEqual(['q', 'r', 's']);
  });
});

describe('narrowPool on large pools', () => {
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
    // At most each band's take, and the anchor: a tenth of the pool, not all of it.
    expect(narrowed.length).toBeLessThanOrEqual(1 + window.bands.reduce((sum, band) => sum + band.take, 0));
    expect(narrowed.length).toBeLessThan(pool.length / 5);
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
