import { describe, expect, it } from 'vitest';
import { rampCurve, steadyCurve } from '../domain/curves';
import type { Multiplier, PoolTrack, SequencedTrack, WorkoutSpec } from '../domain/types';
import { bestSquaredError, curveFraction, isKnownTempo, sequenceCost } from './cost';
import { curveMean } from './curve-mean';

const placed = (id: string, bpm: number | null, durationMs: number | null, multiplier: Multiplier, startMs: number): SequencedTrack => ({
  track: { id, title: id, artist: id, durationMs, bpm, isAnchor: false } satisfies PoolTrack,
  multiplier,
  startMs,
});

const ramp: WorkoutSpec = { mode: 'circuit', lengthMs: 180_000, toleranceMs: 0, curve: rampCurve(100, 140) };

describe('sequenceCost', () => {
  it('weighs each track by its length against the mean of the curve under it, at the multiplier it plays', () => {
    // The ramp laid over 180 s: the first minute averages 106⅔, the second 120.
    const tracks = [placed('double', 55, 60_000, 2, 0), placed('one', 125, 60_000, 1, 60_000), placed('unknown', null, 60_000, 1, 120_000)];
    expect(sequenceCost(tracks, ramp)).toBeCloseTo(((110 - 320 / 3) ** 2 * 60_000 + 5 ** 2 * 60_000) / 180_000, 9);
    // Half time counts as half: 250 at ½× is 125.
    const half = [placed('double', 55, 60_000, 2, 0), placed('half', 250, 60_000, 0.5, 60_000), placed('unknown', null, 60_000, 1, 120_000)];
    expect(sequenceCost(half, ramp)).toBeCloseTo(sequenceCost(tracks, ramp), 9);
    // The multiplier placed is the one scored, even when another would fit better.
    expect(sequenceCost([placed('x', 120, 60_000, 2, 0)], { ...ramp, curve: steadyCurve(120) })).toBe(120 ** 2);
  });

  it('lays the curve over the montage as built, not over the length asked for', () => {
    const tracks = [placed('low', 100, 90_000, 1, 0), placed('high', 140, 90_000, 1, 90_000)];
    const first = 100 + 40 * 0.25;
    const second = 100 + 40 * 0.75;
    const expected = ((100 - first) ** 2 + (140 - second) ** 2) / 2;
    expect(sequenceCost(tracks, ramp)).toBeCloseTo(expected, 9);
    expect(sequenceCost(tracks, { ...ramp, lengthMs: 3_600_000 })).toBeCloseTo(expected, 9);
  });

  it('scores against the curve mean it is given, when given one', () => {
    const tracks = [placed('a', 120, 60_000, 1, 0)];
    expect(sequenceCost(tracks, ramp, curveMean(steadyCurve(130)))).toBe(100);
    expect(sequenceCost(tracks, { ...ramp, curve: steadyCurve(130) })).toBe(100);
  });

  it('is 0, not NaN, for no tracks, for tracks of unknown tempo only and for tracks without a length', () => {
    expect(sequenceCost([], ramp)).toBe(0);
    expect(sequenceCost([placed('u', null, 60_000, 1, 0), placed('z', 0, 60_000, 1, 60_000)], ramp)).toBe(0);
    expect(sequenceCost([placed('untimed', 120, null, 1, 0)], ramp)).toBe(0);
    // A track without a length adds nothing, neither error nor time.
    const withUntimed = [placed('a', 110, 60_000, 1, 0), placed('untimed', 300, null, 1, 60_000), placed('bad', 300, -60_000, 1, 60_000)];
    expect(sequenceCost(withUntimed, { ...ramp, curve: steadyCurve(120) })).toBe(100);
  });
});

describe('bestSquaredError', () => {
  it('is the squared error of the nearest of ½×, 1× and 2×', () => {
    expect(bestSquaredError(90, 180)).toBe(0);
    expect(bestSquaredError(180, 90)).toBe(0);
    expect(bestSquaredError(100, 120)).toBe(400);
    expect(bestSquaredError(200, 95)).toBe(25);
    expect(bestSquaredError(80, 150)).toBe(100);
  });
});

describe('isKnownTempo', () => {
  it('accepts a finite tempo above 0 only', () => {
    expect([120, 0.5, 300].map(isKnownTempo)).toEqual([true, true, true]);
    expect([null, 0, -120, Number.NaN, Number.POSITIVE_INFINITY].map(isKnownTempo)).toEqual([false, false, false, false, false]);
  });
});

describe('curveFraction', () => {
  it('places a moment on the curve, clamped to 0..1, and at 0 for an empty montage', () => {
    expect(curveFraction(30_000, 120_000)).toBe(0.25);
    expect(curveFraction(-5_000, 120_000)).toBe(0);
    expect(curveFraction(150_000, 120_000)).toBe(1);
    expect(curveFraction(10_000, 0)).toBe(0);
    expect(curveFraction(10_000, -1)).toBe(0);
  });
});
