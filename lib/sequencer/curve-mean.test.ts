import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  drawnCurve,
  hiitAlternationCurve,
  meanTempoBetween,
  pyramidCurve,
  rampCurve,
  steadyCurve,
  tempoAt,
  warmUpPeakCoolDownCurve,
} from '../domain/curves';
import type { TargetCurve } from '../domain/types';
import { curveMean } from './curve-mean';
import { toProblem } from './problem';
import { buildTempoIndex, nearestTracks } from './tempo-index';

const drawnArbitrary: fc.Arbitrary<TargetCurve> = fc
  .array(fc.record({ atFraction: fc.double({ min: 0, max: 1, noNaN: true }), tempo: fc.double({ min: 60, max: 200, noNaN: true }) }), {
    minLength: 1,
    maxLength: 8,
  })
  .map((points) => drawnCurve(points));

describe('named curves', () => {
  it('hold, ramp, climb a pyramid and come back, alternate for HIIT', () => {
    expect(tempoAt(steadyCurve(170), 0.42)).toBe(170);
    expect(tempoAt(rampCurve(150, 180), 0.5)).toBe(165);
    const pyramid = pyramidCurve(100, 160, 3);
    expect(tempoAt(pyramid, 0)).toBe(100);
    expect(tempoAt(pyramid, 0.5)).toBe(160);
    expect(tempoAt(pyramid, 1)).toBe(100);
    expect(tempoAt(pyramid, 0.25)).toBeCloseTo(120, 6);
    const hiit = hiitAlternationCurve(110, 140, 3);
    expect([0.08, 0.25, 0.42, 0.58, 0.75, 0.92].map((x) => tempoAt(hiit, x))).toEqual([140, 110, 140, 110, 140, 110]);
  });

  it('warms up, peaks and cools down 25/50/25 by default', () => {
    const curve = warmUpPeakCoolDownCurve(120, 170);
    expect(curve.points.map((p) => [p.atFraction, p.tempo])).toEqual([[0, 120], [0.25, 170], [0.75, 170], [1, 120]]);
    expect(warmUpPeakCoolDownCurve(120, 170, 0.1, 0.2).points.map((p) => p.atFraction)).toEqual([0, 0.1, 0.8, 1]);
  });

  it('takes a drawn curve in any order, held flat to both ends', () => {
    const curve = drawnCurve([{ atFraction: 0.7, tempo: 150 }, { atFraction: 0.2, tempo: 120 }, { atFraction: 1.4, tempo: Number.NaN }]);
    expect(curve.points).toEqual([{ atFraction: 0, tempo: 120 }, { atFraction: 0.2, tempo: 120 }, { atFraction: 0.7, tempo: 150 }, { atFraction: 1, tempo: 150 }]);
    expect(() => drawnCurve([])).toThrow(/no points/);
  });
});

describe('curveMean', () => {
  it('agrees with meanTempoBetween on curves without vertical steps', () => {
    fc.assert(
      fc.property(drawnArbitrary, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (curve, x, y) => {
        const [a, b] = x <= y ? [x, y] : [y, x];
        fc.pre(b - a > 1e-6 && new Set(curve.points.map((p) => p.atFraction)).size === curve.points.length);
        expect(curveMean(curve).between(a, b)).toBeCloseTo(meanTempoBetween(curve, a, b), 6);
      }),
      { numRuns: 300, seed: 1985 },
    );
  });

  it('is exact across a vertical step', () => {
    const step: TargetCurve = { name: 'step', points: [{ atFraction: 0, tempo: 100 }, { atFraction: 0.5, tempo: 100 }, { atFraction: 0.5, tempo: 140 }, { atFraction: 1, tempo: 140 }] };
    expect(curveMean(step).between(0.25, 0.75)).toBeCloseTo(120, 9);
    expect(curveMean(step).between(0.5, 1)).toBeCloseTo(140, 9);
  });

  it('gives the tempo at a moment for an empty span, and clamps spans to the workout', () => {
    const ramp = curveMean(rampCurve(100, 160));
    expect(ramp.between(0.5, 0.5)).toBeCloseTo(130, 4);
    expect(ramp.between(0, 0)).toBeCloseTo(100, 4);
    expect(ramp.between(1, 1)).toBeCloseTo(160, 4);
    expect(ramp.between(0.25, 0.25 + 1e-13)).toBeCloseTo(115, 4);
    expect(ramp.between(-1, 0.5)).toBeCloseTo(115, 9);
    expect(ramp.between(0.5, 2)).toBeCloseTo(145, 9);
    expect(ramp.between(1.5, 3)).toBeCloseTo(160, 4);
    expect(ramp.areaTo(0.5)).toBeCloseTo(57.5, 9);
    expect(ramp.areaTo(-1)).toBe(0);
    expect(ramp.areaTo(2)).toBeCloseTo(130, 9);
  });

  it('holds the curve flat before its first point and after its last', () => {
    const inner: TargetCurve = { name: 'inner', points: [{ atFraction: 0.2, tempo: 100 }, { atFraction: 0.6, tempo: 140 }, { atFraction: 0.8, tempo: 120 }] };
    const mean = curveMean(inner);
    expect(mean.between(0, 0.2)).toBeCloseTo(100, 9);
    expect(mean.between(0.8, 1)).toBeCloseTo(120, 9);
    expect(mean.areaTo(0.2)).toBeCloseTo(20, 9);
    // 20 + 0.4 × 120 + 0.2 × 130 + 0.2 × 120
    expect(mean.areaTo(1)).toBeCloseTo(20 + 48 + 26 + 24, 9);
    expect(mean.between(0.1, 0.4)).toBeCloseTo((0.1 * 100 + 0.2 * 110) / 0.3, 9);
    expect(mean.between(0.7, 0.9)).toBeCloseTo((0.1 * 125 + 0.1 * 120) / 0.2, 9);
    expect(curveMean({ name: 'one point', points: [{ atFraction: 0.5, tempo: 150 }] }).between(0, 1)).toBeCloseTo(150, 9);
  });

  it('knows the lowest and highest tempo of the curve, and refuses a curve without points', () => {
    expect(curveMean(warmUpPeakCoolDownCurve(120, 170))).toMatchObject({ minTempo: 120, maxTempo: 170 });
    expect(curveMean(hiitAlternationCurve(140, 110, 2))).toMatchObject({ minTempo: 110, maxTempo: 140 });
    expect(() => curveMean({ name: 'bare', points: [] })).toThrow('curve "bare" has no points');
  });
});

describe('tempo index', () => {
  it('finds the tracks nearest a tempo at any multiplier, skipping the taken ones', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 40, max: 220, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.double({ min: 20, max: 440, noNaN: true }),
        fc.integer({ min: 1, max: 8 }),
        (bpms, target, count) => {
          const pool = bpms.map((bpm, i) => ({ id: `t${i}`, title: '', artist: '', durationMs: 200_000, bpm, isAnchor: false }));
          const p = toProblem(pool, { mode: 'run', lengthMs: 1, toleranceMs: 0, curve: steadyCurve(150) });
          const taken = (i: number) => i % 3 === 0;
          const found = nearestTracks(buildTempoIndex(p), target, count, taken, []);
          const gap = (i: number) => Math.min(...[0.5, 1, 2].map((m) => Math.abs(bpms[i]! * m - target)));
          const expected = bpms.map((_, i) => i).filter((i) => !taken(i)).sort((a, b) => gap(a) - gap(b));
          expect(found.length).toBe(Math.min(count, expected.length));
          expect(new Set(found).size).toBe(found.length);
          expect(found.some(taken)).toBe(false);
          // As near as a full sort, up to the index's 1/1000 BPM ordering grain (ties may pick other tracks).
          const foundGaps = found.map(gap).sort((a, b) => a - b);
          foundGaps.forEach((g, k) => expect(g).toBeLessThanOrEqual(gap(expected[k]!) + 0.002));
        },
      ),
      { numRuns: 300, seed: 1985 },
    );
  });
});
