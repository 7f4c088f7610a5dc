import { describe, expect, it } from 'vitest';
import { meanTempoBetween, runCurve, tempoAt } from './curves';
import { defaultMontageName, toleranceFor, workoutSpecFor } from './workout';

describe('curves', () => {
  const curve = runCurve(170);
  it('walks in, holds the cadence and walks out', () => {
    expect(tempoAt(curve, 0)).toBe(100);
    expect(tempoAt(curve, 0.5)).toBe(170);
    expect(tempoAt(curve, 1)).toBe(100);
    expect(tempoAt(curve, 1 / 12)).toBeCloseTo(112.5);
  });
  it('averages exactly over a span that crosses breakpoints', () => {
    expect(meanTempoBetween(curve, 0.25, 0.75)).toBeCloseTo(170);
    expect(meanTempoBetween(curve, 0, 1 / 6)).toBeCloseTo(112.5);
    // The walk-in, then the half-minute slope from 125 to 170 (a sixtieth of 30 minutes).
    expect(meanTempoBetween(curve, 0, 1 / 6 + 1 / 60)).toBeCloseTo((112.5 / 6 + 147.5 / 60) / (1 / 6 + 1 / 60));
  });
});

describe('workoutSpecFor', () => {
  it('turns a run choice into a spec with its cadence and a tolerance', () => {
    const spec = workoutSpecFor({ mode: 'run', lengthMin: 40, cadenceSpm: 180 });
    expect(spec).toMatchObject({ mode: 'run', lengthMs: 2_400_000, toleranceMs: 120_000, cadenceSpm: 180 });
    expect(tempoAt(spec.curve, 0.5)).toBe(180);
  });
  it('keeps at least a minute of tolerance', () => {
    expect(toleranceFor(20 * 60_000)).toBe(60_000);
  });
  it('carries HIIT work and rest', () => {
    expect(workoutSpecFor({ mode: 'hiit', lengthMin: 20, hiitWorkSec: 30, hiitRestSec: 10 }).hiit).toEqual({ workSec: 30, restSec: 10 });
  });
  it('names montages after their choice', () => {
    expect(defaultMontageName({ mode: 'run', lengthMin: 30, cadenceSpm: 165 })).toBe('Run · 30 min @ 165 spm');
  });
});
