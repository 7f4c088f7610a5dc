import { describe, expect, it } from 'vitest';
import { rampCurve, steadyCurve } from '../domain/curves';
import type { PoolTrack, TargetCurve } from '../domain/types';
import { toProblem } from './problem';
import { toSequencedTracks } from './sequenced-tracks';

const track = (id: string, bpm: number | null, durationMs: number): PoolTrack => ({ id, title: id, artist: id, durationMs, bpm, isAnchor: false });
const laid = (pool: PoolTrack[], order: number[], curve: TargetCurve) =>
  toSequencedTracks(toProblem(pool, { mode: 'circuit', lengthMs: 600_000, toleranceMs: 60_000, curve }), order).map((s) => [s.track.id, s.startMs, s.multiplier]);

describe('toSequencedTracks: an order as the montage plays it', () => {
  it('lays the tracks of the order end to end from 0, in its order, leaving the rest of the pool out', () => {
    const pool = [track('a', 120, 200_000), track('b', 120, 150_000), track('c', 120, 240_000), track('unused', 120, 100_000)];
    expect(laid(pool, [2, 0, 1], steadyCurve(120))).toEqual([
      ['c', 0, 1],
      ['a', 240_000, 1],
      ['b', 440_000, 1],
    ]);
    expect(laid(pool, [], steadyCurve(120))).toEqual([]);
  });

  it('plays each track at the multiplier nearest the curve over its span: ½× for double, 2× for half, 1× for an unknown tempo', () => {
    const pool = [track('double', 240, 200_000), track('half', 61, 200_000), track('unknown', null, 200_000), track('near', 125, 200_000)];
    expect(laid(pool, [0, 1, 2, 3], steadyCurve(120))).toEqual([
      ['double', 0, 0.5],
      ['half', 200_000, 2],
      ['unknown', 400_000, 1],
      ['near', 600_000, 1],
    ]);
  });

  it('reads the curve over the span each track plays within the order’s own length, not the pool’s', () => {
    // A ramp 100 → 160: the first half averages 115 (160 BPM reads best at ½×, 80), the second 145 (1×).
    const pool = [track('slow', 120, 100_000), track('fast', 160, 100_000), track('long unused', 120, 10_000_000)];
    expect(laid(pool, [0, 1], rampCurve(100, 160))).toEqual([
      ['slow', 0, 1],
      ['fast', 100_000, 1],
    ]);
    expect(laid(pool, [1, 0], rampCurve(100, 160))).toEqual([
      ['fast', 0, 0.5],
      ['slow', 100_000, 1],
    ]);
  });

  it('takes the mean over the whole span, from its start to its end', () => {
    // Last of three on a ramp 100 → 160, 195 BPM plays over a mean of 150: 1× (off by 45; ½× would be 52.5 off).
    // The tempo where its span starts (140) or the whole curve's mean (130) would make it ½×.
    const pool = [track('first', 120, 100_000), track('second', 130, 100_000), track('last', 195, 100_000)];
    expect(laid(pool, [0, 1, 2], rampCurve(100, 160)).at(-1)).toEqual(['last', 200_000, 1]);
    // Third of four, 190 BPM plays over a mean of 137.5: ½× (95, off by 42.5; 1× would be 52.5 off). Over the rest of the curve (152.5) it would be 1×.
    const four = [...pool.slice(0, 2), track('third', 190, 100_000), track('fourth', 150, 100_000)];
    expect(laid(four, [0, 1, 2, 3], rampCurve(100, 160))[2]).toEqual(['third', 200_000, 0.5]);
  });
});
