import { describe, expect, it } from 'vitest';
import { drawnCurve, hiitAlternationCurve, hiitCurve, montageArcCurve, pyramidCurve, runCurve, steadyCurve, tempoAt, warmUpPeakCoolDownCurve } from './curves';

describe('the target curve a montage follows, as its chart shows it', () => {
  it('names each built-in curve in the chart legend', () => {
    expect(runCurve(170).name).toBe('walk-in → steady 170 spm → walk-out');
    expect(runCurve(165, 'progression').name).toBe('walk-in → progression 165 spm → walk-out');
    expect(montageArcCurve().name).toBe('montage arc');
    expect(hiitCurve().name).toBe('HIIT plateau');
  });

  it('a steady curve holds one tempo throughout', () => {
    const steady = steadyCurve(150.04);
    expect(steady.name).toBe('steady 150');
    expect([0, 0.3, 1].map((x) => tempoAt(steady, x))).toEqual([150.04, 150.04, 150.04]);
  });

  it('a pyramid climbs in equal stairs to its peak at the middle and comes down the same way', () => {
    const pyramid = pyramidCurve(100, 160, 3);
    // Seven stairs of a seventh each; the middle of each stair is flat.
    expect([0, 1, 2, 3, 4, 5, 6].map((k) => tempoAt(pyramid, (k + 0.5) / 7))).toEqual([100, 120, 140, 160, 140, 120, 100]);
    expect(tempoAt(pyramid, 0)).toBe(100);
    expect(tempoAt(pyramid, 1)).toBe(100);
    // Each stair holds from just after its start to its end; the step up is a short slope.
    expect(tempoAt(pyramid, 2 / 7)).toBeCloseTo(120, 9);
    expect(tempoAt(pyramid, 1 / 7 + 0.1 / 7 / 2)).toBeCloseTo(110, 9);
    expect(pyramid.points).toHaveLength(14);
  });

  it('warm-up, peak, cool-down ramps up over the warm-up share and down over the cool-down share', () => {
    const curve = warmUpPeakCoolDownCurve(100, 150, 0.2, 0.3);
    expect([0, 0.1, 0.2, 0.7, 0.85, 1].map((x) => tempoAt(curve, x))).toEqual([100, 125, 150, 150, 125, 100]);
  });

  it('HIIT alternation: hard and easy blocks in turn, each round a pair, with short slopes between', () => {
    const curve = hiitAlternationCurve(110, 140, 4);
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((b) => tempoAt(curve, (b + 0.5) / 8))).toEqual([140, 110, 140, 110, 140, 110, 140, 110]);
    expect(tempoAt(curve, 0)).toBe(140);
    expect(tempoAt(curve, 1)).toBe(110);
    expect(tempoAt(curve, 1 / 8)).toBeCloseTo(140, 9);
    expect(tempoAt(curve, 1 / 8 + 0.1 / 8 / 2)).toBeCloseTo(125, 9);
    expect(curve.points).toHaveLength(16);
  });
});

describe('a curve drawn by hand', () => {
  it('drops points that are not numbers, clamps fractions to the workout and sorts them', () => {
    const curve = drawnCurve([
      { atFraction: 0.8, tempo: 140 },
      { atFraction: Number.NaN, tempo: 1 },
      { atFraction: -0.5, tempo: 100 },
      { atFraction: 0.5, tempo: Number.POSITIVE_INFINITY },
      { atFraction: 1.4, tempo: 120 },
    ]);
    expect(curve.name).toBe('drawn');
    expect(curve.points).toEqual([
      { atFraction: 0, tempo: 100 },
      { atFraction: 0.8, tempo: 140 },
      { atFraction: 1, tempo: 120 },
    ]);
  });

  it('holds its first and last tempo flat to the start and the end', () => {
    expect(drawnCurve([{ atFraction: 0.6, tempo: 130 }, { atFraction: 0.3, tempo: 120 }], 'mine').points).toEqual([
      { atFraction: 0, tempo: 120 },
      { atFraction: 0.3, tempo: 120 },
      { atFraction: 0.6, tempo: 130 },
      { atFraction: 1, tempo: 130 },
    ]);
  });

  it('refuses a drawing with no usable point, naming the curve', () => {
    expect(() => drawnCurve([{ atFraction: Number.NaN, tempo: 120 }], 'scribble')).toThrow('curve "scribble" has no points');
    expect(() => tempoAt({ name: 'empty', points: [] }, 0.5)).toThrow('curve "empty" has no points');
  });
});
