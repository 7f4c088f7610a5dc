import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTINUED_CUE } from '../domain/continued-interval';
import { steadyCurve } from '../domain/curves';
import { findCoverageProblems, INTERVAL_LIMITS } from '../domain/intervals';
import { buildTimeline } from '../domain/timeline';
import type { PoolTrack, SequenceResult, WorkoutSpec } from '../domain/types';
import { planIntervals } from './index';
import { montageRounds } from './montage-rounds';

const track = (id: string, durationMs: number, bpm: number | null = 128): PoolTrack => ({ id, title: id, artist: id, durationMs, bpm, isAnchor: false });

function sequenceOf(lengthsMs: readonly number[]): SequenceResult {
  let startMs = 0;
  const tracks = lengthsMs.map((durationMs, k) => {
    const placed = { track: track(`t${k}`, durationMs, k % 3 === 2 ? null : 120 + k), multiplier: 1 as const, startMs };
    startMs += durationMs;
    return placed;
  });
  return { tracks, totalMs: startMs, cost: 0 };
}

const hiit = (workSec: number, restSec: number): WorkoutSpec => ({ mode: 'hiit', lengthMs: 1_200_000, toleranceMs: 60_000, curve: steadyCurve(128), hiit: { workSec, restSec } });

describe('HIIT exactly as asked, over track changes', () => {
  it('gives 40 s of work and 20 s of rest on the workout clock, rounds going on over track changes', () => {
    const lengths = [231_000, 254_000, 226_000, 280_000, 272_000];
    const plan = planIntervals(sequenceOf(lengths), hiit(40, 20));
    const steps = buildTimeline(plan.map((entry, k) => ({ track: { title: `t${k}`, artist: 'a', durationMs: lengths[k]! }, intervals: entry.intervals })));
    const totalMs = lengths.reduce((a, b) => a + b, 0);
    expect(steps.at(-1)!.endMs).toBe(totalMs);
    // Every step but the last is exactly what was asked; the first starts at 0, each where the last ended.
    steps.slice(0, -1).forEach((step, k) => {
      expect(step.kind).toBe(k % 2 === 0 ? 'work' : 'rest');
      expect(step.endMs - step.startMs).toBe(k % 2 === 0 ? 40_000 : 20_000);
    });
    // 1263 s of music: 21 rounds of 60 s, then 3 s of work.
    expect(steps).toHaveLength(43);
    // Stored per track, each covering it exactly; a round over a change is stored as two intervals.
    plan.forEach((entry, k) => expect(findCoverageProblems(entry.intervals, lengths[k]!)).toEqual([]));
    const continued = plan.slice(1).map((entry) => entry.intervals[0]!).filter((i) => i.cue === CONTINUED_CUE);
    expect(continued.length).toBeGreaterThan(0);
    // A continued interval keeps its exercise: the stations go round once per work interval, not per piece.
    const works = steps.filter((s) => s.kind === 'work').map((s) => s.exercise);
    expect(new Set(works.slice(0, 5)).size).toBe(5);
  });

  it('bends a boundary by less than a second only where it falls within a second of a track change', () => {
    // The first track ends 20.5 s into the second work; the second 0.4 s before a rest ends.
    const pieces = montageRounds([80_500, 99_100, 60_000], 40_000, 20_000);
    expect(pieces[0]!.map((p) => [p.kind, p.durationMs])).toEqual([
      ['work', 40_000],
      ['rest', 20_000],
      ['work', 20_500],
    ]);
    expect(pieces[1]![0]).toMatchObject({ kind: 'work', durationMs: 19_500, isContinued: true });
    expect(pieces[1]!.at(-1)).toMatchObject({ kind: 'rest', durationMs: 19_600 });
    // The 0.4 s of rest left at the start of the third track joins the work after it (40.4 s).
    expect(pieces[2]![0]).toMatchObject({ kind: 'work', offsetMs: 0, durationMs: 40_400, isContinued: false });
    for (const track of pieces) for (const p of track) expect(p.durationMs).toBeGreaterThanOrEqual(INTERVAL_LIMITS.minDurationMs);
  });

  it('always covers every track, within the limits, for any plan and lengths (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1_000, max: 900_000 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 10, max: 300 }),
        fc.integer({ min: 5, max: 300 }),
        (lengths, workSec, restSec) => {
          const pieces = montageRounds(lengths, workSec * 1000, restSec * 1000);
          pieces.forEach((track, k) => {
            expect(findCoverageProblems(track, lengths[k]!)).toEqual([]);
            expect(track.length).toBeLessThanOrEqual(INTERVAL_LIMITS.maxIntervalsPerTrack);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
