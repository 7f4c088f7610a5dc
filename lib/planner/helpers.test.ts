import { describe, expect, it } from 'vitest';
import { INTERVAL_LIMITS } from '../domain/intervals';
import { boundaryGridMs, layOnGrid } from './bar-grid';
import { coolDownStart, isWalkPace, runCue, runZone } from './run-zones';
import { workRestRounds } from './work-rest';

/** The planner's parts on the edges a user would notice: zone names, cues and interval lengths. */
describe('run zones', () => {
  it('calls 98.5 % of the cadence or more a tempo run, and over 103 % a max effort', () => {
    expect(runZone(167.45, 170, false)).toEqual({ exercise: 'Tempo run', intensity: 'hard' });
    expect(runZone(175.1, 170, false)).toEqual({ exercise: 'Tempo run', intensity: 'hard' });
    expect(runZone(175.2, 170, false)).toEqual({ exercise: 'Tempo run', intensity: 'max' });
  });

  it('calls 94 % up to 98.5 % a steady run, and slower an easy run', () => {
    expect(runZone(167.4, 170, false)).toEqual({ exercise: 'Steady run', intensity: 'moderate' });
    expect(runZone(159.8, 170, false)).toEqual({ exercise: 'Steady run', intensity: 'moderate' });
    expect(runZone(159.7, 170, false)).toEqual({ exercise: 'Easy run', intensity: 'easy' });
    // Exactly 94 % is steady.
    expect(runZone(94, 100, false)).toEqual({ exercise: 'Steady run', intensity: 'moderate' });
  });

  it('calls a place a walk when its target is at most 135 steps/min (a run’s walks reach 125)', () => {
    expect(isWalkPace(100)).toBe(true);
    expect(isWalkPace(135)).toBe(true);
    expect(isWalkPace(135.1)).toBe(false);
    // The slowest cadence part (150 spm − 5 %) is running.
    expect(isWalkPace(142.5)).toBe(false);
  });

  it('makes anything under tempo pace a cool-down jog in the closing descent', () => {
    expect(runZone(167.4, 170, true)).toEqual({ exercise: 'Cool-down jog', intensity: 'easy' });
    expect(runZone(170, 170, true)).toEqual({ exercise: 'Tempo run', intensity: 'hard' });
  });

  it('starts the cool-down after the last peak point, never when the curve ends on its peak', () => {
    const points = (...pairs: [number, number][]) => pairs.map(([atFraction, tempo]) => ({ atFraction, tempo }));
    expect(coolDownStart(points([0, 155], [0.35, 170], [0.8, 170], [1, 150]))).toBe(0.8);
    expect(coolDownStart(points([0, 150], [1, 170]))).toBe(1);
    expect(coolDownStart(points([0, 170], [1, 170]))).toBe(1);
    expect(coolDownStart([])).toBe(1);
  });

  it('cues the steps per minute, naming half time, and the target when the tempo is unknown', () => {
    expect(runCue({ bpm: 340.4, multiplier: 0.5, targetSpm: 169.6 })).toBe('Step on the beat: 170 steps/min (340 BPM in half time), target 170.');
    expect(runCue({ bpm: 171, multiplier: 1, targetSpm: 170 })).toBe('Step on the beat: 171 steps/min (171 BPM), target 170.');
    expect(runCue({ bpm: null, multiplier: 1, targetSpm: 162.5 })).toBe('Tempo unknown: hold about 163 steps/min.');
  });
});

describe('work/rest rounds', () => {
  const shape = (segments: { label: string; durationMs: number }[]) => segments.map((s) => `${s.label} ${Math.round(s.durationMs)}`);

  it('fills a track with whole rounds when they fit exactly', () => {
    expect(shape(workRestRounds(180_000, 40_000, 20_000))).toEqual(['work 40000', 'rest 20000', 'work 40000', 'rest 20000', 'work 40000', 'rest 20000']);
  });

  it('ends on a shorter round when at least half a work and a rest are left, else lengthens the last work', () => {
    expect(shape(workRestRounds(100_000, 40_000, 20_000))).toEqual(['work 40000', 'rest 20000', 'work 20000', 'rest 20000']);
    expect(shape(workRestRounds(99_999, 40_000, 20_000))).toEqual(['work 79999', 'rest 20000']);
  });

  it('splits a track shorter than one round in proportion, all work when too short to split', () => {
    expect(shape(workRestRounds(30_000, 40_000, 20_000))).toEqual(['work 20000', 'rest 10000']);
    expect(shape(workRestRounds(1_500, 40_000, 20_000))).toEqual(['work 1500']);
    // A rest of exactly the one-second minimum still fits.
    expect(shape(workRestRounds(3_000, 40_000, 20_000))).toEqual(['work 2000', 'rest 1000']);
  });

  it('stretches work and rest alike to stay within the interval cap on a long track', () => {
    const segments = workRestRounds(3_600_000, 10_000, 5_000);
    // As many whole rounds as the cap leaves room for (29 rounds: 58 intervals under the cap of 60), no more, no fewer.
    expect(segments).toHaveLength(2 * (Math.floor(INTERVAL_LIMITS.maxIntervalsPerTrack / 2) - 1));
    const [work, rest] = segments;
    expect(work!.durationMs / rest!.durationMs).toBeCloseTo(2, 9);
    expect(segments.reduce((sum, s) => sum + s.durationMs, 0)).toBeCloseTo(3_600_000, 6);
  });
});

describe('the bar grid', () => {
  it('is a 4/4 bar of the raw tempo, or a second when the tempo is unknown or nonsense', () => {
    expect(boundaryGridMs(120)).toBe(2000);
    expect(boundaryGridMs(null)).toBe(1000);
    expect(boundaryGridMs(0)).toBe(1000);
    expect(boundaryGridMs(Number.NaN)).toBe(1000);
  });

  it('moves each boundary to the nearest bar line and merges a last segment under a second', () => {
    const laid = layOnGrid(
      [
        { label: 'work', durationMs: 2_900 },
        { label: 'rest', durationMs: 3_000 },
        { label: 'work', durationMs: 600 },
      ],
      6_500,
      2_000,
    );
    expect(laid).toEqual([
      { label: 'work', offsetMs: 0, durationMs: 2_000 },
      { label: 'rest', offsetMs: 2_000, durationMs: 4_500 },
    ]);
    expect(layOnGrid([], 6_500, 2_000)).toEqual([]);
  });

  it('keeps a last segment of exactly a second', () => {
    const laid = layOnGrid(
      [
        { label: 'work', durationMs: 9_000 },
        { label: 'rest', durationMs: 1_000 },
      ],
      10_000,
      1_000,
    );
    expect(laid).toEqual([
      { label: 'work', offsetMs: 0, durationMs: 9_000 },
      { label: 'rest', offsetMs: 9_000, durationMs: 1_000 },
    ]);
  });

  it('keeps every segment at least a second long on a fine grid', () => {
    const laid = layOnGrid(
      [
        { label: 'a', durationMs: 100 },
        { label: 'b', durationMs: 100 },
        { label: 'c', durationMs: 10_000 },
      ],
      10_200,
      250,
    );
    expect(laid.map((s) => [s.label, s.offsetMs, s.durationMs])).toEqual([
      ['a', 0, 1_000],
      ['b', 1_000, 1_000],
      ['c', 2_000, 8_200],
    ]);
  });
});
