import { describe, expect, it } from 'vitest';
import { meanTempoBetween, RUN_SHAPES, runCadencePart, runCurve, tempoAt } from './curves';

describe('a Run as a runner knows it: walk-in, the cadence, walk-out', () => {
  it('walks in from 100 to 125 steps/min over five minutes, holds the cadence, and walks out the same way', () => {
    const curve = runCurve(170, 'steady', 30);
    expect(curve.name).toBe('walk-in → steady 170 spm → walk-out');
    // 5 minutes of a 30-minute run is a sixth.
    expect(tempoAt(curve, 0)).toBe(100);
    expect(tempoAt(curve, 1 / 6)).toBeCloseTo(125, 9);
    expect(tempoAt(curve, 1 / 12)).toBeCloseTo(112.5, 9);
    expect(tempoAt(curve, 0.5)).toBe(170);
    expect(tempoAt(curve, 5 / 6)).toBeCloseTo(125, 9);
    expect(tempoAt(curve, 1)).toBe(100);
    // From walking to running in half a minute.
    const part = runCadencePart(curve);
    expect(part.fromFraction * 30).toBeCloseTo(5.5, 9);
    expect(part.toFraction * 30).toBeCloseTo(24.5, 9);
    expect(meanTempoBetween(curve, part.fromFraction, part.toFraction)).toBeCloseTo(170, 9);
  });

  it('keeps the walks at five minutes in a long run and at a fifth of a short one', () => {
    expect(runCadencePart(runCurve(165, 'steady', 60)).fromFraction * 60).toBeCloseTo(5.5, 9);
    expect(tempoAt(runCurve(165, 'steady', 20), 0.2)).toBeCloseTo(125, 9);
  });

  it.each(RUN_SHAPES)('keeps the cadence part of a %s run within ± 5 %% of the cadence asked for', (shape) => {
    for (const cadenceSpm of [150, 170, 190]) {
      const curve = runCurve(cadenceSpm, shape, 45);
      const part = runCadencePart(curve);
      for (let k = 0; k <= 200; k += 1) {
        const x = part.fromFraction + ((part.toFraction - part.fromFraction) * k) / 200;
        expect(Math.abs(tempoAt(curve, x) / cadenceSpm - 1)).toBeLessThanOrEqual(0.05 + 1e-12);
      }
    }
  });

  it('builds through the cadence in a progression and surges above it in strides', () => {
    const progression = runCurve(170, 'progression', 30);
    const part = runCadencePart(progression);
    expect(tempoAt(progression, part.fromFraction)).toBeCloseTo(163.2, 9);
    expect(tempoAt(progression, part.toFraction)).toBeCloseTo(176.8, 9);
    const strides = runCurve(170, 'strides', 30);
    const stridePart = runCadencePart(strides);
    const block = (stridePart.toFraction - stridePart.fromFraction) / 6;
    const middles = [0, 1, 2, 3, 4, 5].map((b) => Math.round(tempoAt(strides, stridePart.fromFraction + (b + 0.5) * block) * 10) / 10);
    expect(middles).toEqual([170, 176.8, 170, 176.8, 170, 176.8]);
  });
});
