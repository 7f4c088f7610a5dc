import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED, seededRandom } from './random';

const draw = (seed: number | undefined, count: number) => {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => random.next());
};

describe('seededRandom', () => {
  it('gives the same numbers for the same seed, other numbers for another, the default seed when none is given', () => {
    expect(draw(7, 20)).toEqual(draw(7, 20));
    expect(draw(undefined, 20)).toEqual(draw(DEFAULT_SEED, 20));
    expect(draw(8, 20)).not.toEqual(draw(7, 20));
    // Seeds are taken as 32-bit unsigned integers.
    expect(draw(-1, 5)).toEqual(draw(2 ** 32 - 1, 5));
  });

  it('draws in [0, 1) and whole numbers below n, spread over the range', () => {
    const random = seededRandom(1985);
    const values = Array.from({ length: 10_000 }, () => random.next());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    // Each tenth of the range gets about a tenth of the draws.
    const tenths = Array.from({ length: 10 }, (_, k) => values.filter((v) => Math.floor(v * 10) === k).length);
    for (const count of tenths) {
      expect(count).toBeGreaterThan(850);
      expect(count).toBeLessThan(1150);
    }
    const below = Array.from({ length: 3_000 }, () => random.below(3));
    expect(new Set(below)).toEqual(new Set([0, 1, 2]));
    expect(Array.from({ length: 50 }, () => random.below(1))).toEqual(Array(50).fill(0));
  });

  it('keeps its numbers from version to version, so a montage rebuilt after an update is the same', () => {
    // Pinned: the first three 32-bit outputs for seed 1 as this generator (mulberry32) gives them today.
    // A change to the generator changes every montage built: it must be a decision, not an accident.
    expect(draw(1, 3).map((v) => Math.round(v * 4294967296))).toEqual([2693262067, 11749833, 2265367787]);
  });
});
