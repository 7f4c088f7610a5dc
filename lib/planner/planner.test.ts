import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROCKY_IV_CATALOG, catalogTrackId } from '../catalog/rocky-iv';
import { montageArcCurve, runCurve, steadyCurve } from '../domain/curves';
import { DRAGO_LAB, HIIT_EXERCISES, ROCKY_CIRCUIT } from '../domain/exercises';
import { INTERVAL_LIMITS, findCoverageProblems } from '../domain/intervals';
import { barMs } from '../domain/tempo';
import type { Multiplier, PoolTrack, SequenceResult, WorkoutSpec } from '../domain/types';
import { workoutSpecFor } from '../domain/workout';
import { sequenceMontage } from '../sequencer';
import { planIntervals } from './index';

const track = (id: string, bpm: number | null, durationMs: number): PoolTrack => ({ id, title: id, artist: id, durationMs, bpm, isAnchor: false });

/** Tracks laid end to end as the sequencer would hand them over. */
function sequenceOf(tracks: readonly { track: PoolTrack; multiplier: Multiplier }[]): SequenceResult {
  let startMs = 0;
  const placed = tracks.map(({ track: t, multiplier }) => {
    const entry = { track: t, multiplier, startMs };
    startMs += t.durationMs!;
    return entry;
  });
  return { tracks: placed, totalMs: startMs, cost: 0 };
}

/** Distance from `atMs` to the nearest line of a grid of `gridMs` starting at 0. */
const offGrid = (atMs: number, gridMs: number) => Math.abs(atMs - Math.round(atMs / gridMs) * gridMs);

const sequenceArbitrary = fc
  .array(
    fc.record({
      durationMs: fc.integer({ min: 1_000, max: 1_200_000 }),
      bpm: fc.oneof({ weight: 6, arbitrary: fc.double({ min: 40, max: 320, noNaN: true }) }, { weight: 1, arbitrary: fc.constant(null) }),
      multiplier: fc.constantFrom<Multiplier>(0.5, 1, 2),
    }),
    { minLength: 1, maxLength: 12 },
  )
  .map((rows) => sequenceOf(rows.map((r, i) => ({ track: track(`t${i}`, r.bpm, r.durationMs), multiplier: r.multiplier }))));

const workoutArbitrary: fc.Arbitrary<WorkoutSpec> = fc.oneof(
  fc.integer({ min: 150, max: 190 }).map((cadenceSpm) => ({ mode: 'run' as const, lengthMs: 1_800_000, toleranceMs: 90_000, curve: runCurve(cadenceSpm), cadenceSpm })),
  fc.constantFrom('circuit' as const, 'drago' as const, 'versus' as const).map((mode) => ({ mode, lengthMs: 1_800_000, toleranceMs: 90_000, curve: montageArcCurve() })),
  fc
    .record({ workSec: fc.integer({ min: 10, max: 300 }), restSec: fc.integer({ min: 5, max: 300 }) })
    .map((hiit) => ({ mode: 'hiit' as const, lengthMs: 1_800_000, toleranceMs: 90_000, curve: steadyCurve(130), hiit })),
);

describe('planIntervals invariants (property-based)', () => {
  it('covers every track exactly, with circuit boundaries on its bar lines (whole seconds when the tempo is unknown)', () => {
    fc.assert(
      fc.property(sequenceArbitrary, workoutArbitrary, (sequence, workout) => {
        const plan = planIntervals(sequence, workout);
        expect(plan.map((e) => e.trackId)).toEqual(sequence.tracks.map((t) => t.track.id));
        plan.forEach((entry, k) => {
          const { track: t, multiplier } = sequence.tracks[k]!;
          expect(entry.multiplier).toBe(multiplier);
          expect(findCoverageProblems(entry.intervals, t.durationMs!)).toEqual([]);
          expect(entry.intervals.length).toBeLessThanOrEqual(INTERVAL_LIMITS.maxIntervalsPerTrack);
          // HIIT keeps the seconds asked for on the montage's clock (montage-rounds.test.ts), not the bar.
          const gridMs = t.bpm === null || workout.mode === 'hiit' ? 1000 : barMs(t.bpm);
          for (const interval of entry.intervals.slice(1)) {
            if (workout.mode !== 'hiit') expect(offGrid(interval.offsetMs, gridMs)).toBeLessThanOrEqual(1);
            expect(Number.isInteger(interval.offsetMs)).toBe(true);
          }
          for (const interval of entry.intervals) {
            expect(interval.exercise.length).toBeLessThanOrEqual(INTERVAL_LIMITS.exerciseMaxLength);
            expect(interval.cue.length).toBeLessThanOrEqual(INTERVAL_LIMITS.cueMaxLength);
          }
        });
      }),
      { numRuns: 300, seed: 1985 },
    );
    // 300 plans of up to 12 tracks: about 5 s on a loaded 2-core machine, past the default timeout.
  }, 30_000);
});

describe('planIntervals, as a user sees it', () => {
  it('times HIIT work and rest to exactly what was asked, alternating, not to the bar', () => {
    const sequence = sequenceOf([{ track: track('eye', 108.9, 226_000), multiplier: 1 }]);
    const [entry] = planIntervals(sequence, { mode: 'hiit', lengthMs: 226_000, toleranceMs: 60_000, curve: steadyCurve(120), hiit: { workSec: 30, restSec: 15 } });
    expect(entry!.intervals.map((i) => i.kind).slice(0, 4)).toEqual(['work', 'rest', 'work', 'rest']);
    expect(entry!.intervals.slice(0, 4).map((i) => i.durationMs)).toEqual([30_000, 15_000, 30_000, 15_000]);
    expect(HIIT_EXERCISES.map((e) => e.name)).toContain(entry!.intervals[0]!.exercise);
  });

  it('keeps whole seconds for a track of unknown tempo', () => {
    const sequence = sequenceOf([{ track: track('war', null, 353_000), multiplier: 1 }]);
    const [entry] = planIntervals(sequence, { mode: 'hiit', lengthMs: 353_000, toleranceMs: 60_000, curve: steadyCurve(120), hiit: { workSec: 40, restSec: 20 } });
    expect(entry!.intervals.slice(0, 2).map((i) => i.durationMs)).toEqual([40_000, 20_000]);
    expect(entry!.intervals.every((i) => i.offsetMs % 1000 === 0)).toBe(true);
  });

  it('runs the Rocky circuit in the film order across tracks, with rest cues that name no station (the order shown does)', () => {
    const sequence = sequenceOf([
      { track: track('a', 120, 240_000), multiplier: 1 },
      { track: track('b', 100, 260_000), multiplier: 1 },
    ]);
    const plan = planIntervals(sequence, { mode: 'circuit', lengthMs: 500_000, toleranceMs: 60_000, curve: montageArcCurve() });
    const work = plan.flatMap((e) => e.intervals.filter((i) => i.kind === 'work').map((i) => i.exercise));
    expect(work).toEqual(ROCKY_CIRCUIT.slice(0, work.length).map((e) => e.name));
    expect(work.length).toBeGreaterThanOrEqual(6);
    const firstRest = plan[0]!.intervals.find((i) => i.kind === 'rest')!;
    expect(firstRest.cue).not.toContain('Next:');
  });

  it("runs Drago's lab round its machines with monitor-style cues", () => {
    const sequence = sequenceOf([
      { track: track('a', 120, 240_000), multiplier: 1 },
      { track: track('b', 100, 260_000), multiplier: 1 },
    ]);
    const plan = planIntervals(sequence, workoutSpecFor({ mode: 'drago', lengthMin: 20 }));
    const work = plan.flatMap((e) => e.intervals.filter((i) => i.kind === 'work'));
    expect(work.map((i) => i.exercise)).toEqual(DRAGO_LAB.slice(0, work.length).map((e) => e.name));
    expect(work.every((i) => /^MONITOR · [A-Z0-9 ·%/+.-]+$/.test(i.cue))).toBe(true);
    expect(work.map((i) => i.exercise)).toEqual(expect.arrayContaining(['Treadmill intervals', 'Bike sprints', 'Punch power']));
  });

  it('Rocky vs Drago alternates the sides track by track, each side going on round its own stations', () => {
    const sequence = sequenceOf(['a', 'b', 'c', 'd'].map((id) => ({ track: track(id, 120, 170_000), multiplier: 1 as const })));
    const plan = planIntervals(sequence, workoutSpecFor({ mode: 'versus', lengthMin: 20 }));
    const workOf = (k: number) => plan[k]!.intervals.filter((i) => i.kind === 'work').map((i) => i.exercise);
    const rocky = ROCKY_CIRCUIT.map((e) => e.name);
    const drago = DRAGO_LAB.map((e) => e.name);
    expect(workOf(0).every((name) => rocky.includes(name))).toBe(true);
    expect(workOf(1).every((name) => drago.includes(name))).toBe(true);
    expect(workOf(2).every((name) => rocky.includes(name))).toBe(true);
    expect(workOf(3).every((name) => drago.includes(name))).toBe(true);
    expect([...workOf(0), ...workOf(2)]).toEqual(rocky.slice(0, workOf(0).length + workOf(2).length));
    expect([...workOf(1), ...workOf(3)]).toEqual(drago.slice(0, workOf(1).length + workOf(3).length));
  });

  it('tells a runner the steps per minute and the zone, walking in and out', () => {
    const workout: WorkoutSpec = { mode: 'run', lengthMs: 1_200_000, toleranceMs: 60_000, curve: runCurve(170, 'steady', 20), cadenceSpm: 170 };
    const sequence = sequenceOf([
      { track: track('warm', 155, 300_000), multiplier: 1 },
      { track: track('peak', 171, 300_000), multiplier: 1 },
      { track: track('peak-2', 85, 300_000), multiplier: 2 },
      { track: track('down', 150, 300_000), multiplier: 1 },
    ]);
    const plan = planIntervals(sequence, workout);
    // The first and last 5 minutes of 20 are the walks (the tracks' targets ≈ 122 steps/min).
    expect(plan.map((e) => e.intervals[0]!.exercise)).toEqual(['Walk', 'Tempo run', 'Tempo run', 'Walk']);
    expect(plan[0]!.intervals[0]!.cue).toBe('Step on the beat: 155 steps/min (155 BPM), target 122.');
    expect(plan[2]!.intervals[0]!.cue).toBe('Step on the beat: 170 steps/min (85 BPM in double time), target 170.');
    expect(plan[2]!.intervals[0]!.intensity).toBe('hard');
  });

  it('counts a track as cooling down from the moment its middle reaches the cool-down, not a moment later', () => {
    // The curve peaks at the middle of the workout and descends after it: the cool-down starts at 0.5.
    const curve = { name: 'peak in the middle', points: [{ atFraction: 0, tempo: 150 }, { atFraction: 0.5, tempo: 170 }, { atFraction: 1, tempo: 140 }] };
    const workout: WorkoutSpec = { mode: 'run', lengthMs: 1_200_000, toleranceMs: 60_000, curve, cadenceSpm: 170 };
    const sequence = sequenceOf([
      { track: track('before', 150, 299_000), multiplier: 1 },
      // Its middle is exactly at half the workout (1,200,000 ms in all).
      { track: track('middle', 150, 602_000), multiplier: 1 },
      { track: track('after', 150, 299_000), multiplier: 1 },
    ]);
    expect(sequence.totalMs).toBe(1_200_000);
    expect(planIntervals(sequence, workout).map((e) => e.intervals[0]!.exercise)).toEqual(['Easy run', 'Cool-down jog', 'Cool-down jog']);
  });

  it('zones each run track by its own pace between the walks, and a track of unknown tempo by the curve', () => {
    const workout: WorkoutSpec = { mode: 'run', lengthMs: 1_200_000, toleranceMs: 60_000, curve: runCurve(170, 'steady', 20), cadenceSpm: 170 };
    const sequence = sequenceOf([
      // In the walk-in: a walk, whatever its own pace.
      { track: track('eager', 172, 240_000), multiplier: 1 },
      { track: track('steady', 162, 240_000), multiplier: 1 },
      { track: track('unknown', null, 240_000), multiplier: 1 },
      { track: track('peak', 171, 240_000), multiplier: 1 },
      { track: track('down', 150, 240_000), multiplier: 1 },
    ]);
    const plan = planIntervals(sequence, workout);
    expect(plan.map((e) => e.intervals[0]!.exercise)).toEqual(['Walk', 'Steady run', 'Tempo run', 'Tempo run', 'Walk']);
    expect(plan[2]!.intervals[0]!.cue).toBe('Tempo unknown: hold about 170 steps/min.');
  });

  it('plans a montage built from the soundtrack without a coverage problem, in every mode', () => {
    const catalog: PoolTrack[] = ROCKY_IV_CATALOG.map((t) => ({ id: catalogTrackId(t.number), title: t.title, artist: t.artist, durationMs: t.durationMs, bpm: t.bpm, isAnchor: true }));
    for (const choice of [{ mode: 'circuit', lengthMin: 30 }, { mode: 'run', lengthMin: 20, cadenceSpm: 180 }, { mode: 'hiit', lengthMin: 20, hiitWorkSec: 30, hiitRestSec: 15 }, { mode: 'drago', lengthMin: 30 }, { mode: 'versus', lengthMin: 45 }] as const) {
      const workout = workoutSpecFor(choice);
      const sequence = sequenceMontage(catalog, workout);
      for (const [k, entry] of planIntervals(sequence, workout).entries()) {
        expect(findCoverageProblems(entry.intervals, sequence.tracks[k]!.track.durationMs!)).toEqual([]);
      }
    }
  });
});
