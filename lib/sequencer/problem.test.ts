import { describe, expect, it } from 'vitest';
import { rampCurve } from '../domain/curves';
import type { PoolTrack, WorkoutSpec } from '../domain/types';
import { toProblem } from './problem';

const track = (id: string, bpm: number | null, durationMs: number | null, artist = id, isAnchor = false): PoolTrack => ({ id, title: id, artist, durationMs, bpm, isAnchor });
const workout: WorkoutSpec = { mode: 'circuit', lengthMs: 600_000, toleranceMs: 60_000, curve: rampCurve(100, 160) };

describe('toProblem', () => {
  it('keeps only tracks at least 1 s long with a finite length, in pool order', () => {
    const pool = [
      track('ok', 120, 1_000),
      track('null', 120, null),
      track('short', 120, 999),
      track('nan', 120, Number.NaN),
      track('endless', 120, Number.POSITIVE_INFINITY),
      track('negative', 120, -60_000),
      track('last', 120, 200_000),
    ];
    const p = toProblem(pool, workout);
    expect(p.tracks.map((t) => t.id)).toEqual(['ok', 'last']);
    expect([...p.durationMs]).toEqual([1_000, 200_000]);
  });

  it('holds a known tempo raw, an unknown one (null, 0, negative, not finite) as NaN', () => {
    const p = toProblem([track('a', 87.5, 60_000), track('b', null, 60_000), track('c', 0, 60_000), track('d', -90, 60_000), track('e', Number.POSITIVE_INFINITY, 60_000)], workout);
    expect(p.bpm[0]).toBe(87.5);
    expect([...p.bpm].slice(1).every((b) => Number.isNaN(b))).toBe(true);
  });

  it('numbers artists alike when they differ only in case or outer spaces', () => {
    const p = toProblem([track('a', 120, 60_000, 'Survivor'), track('b', 120, 60_000, ' survivor '), track('c', 120, 60_000, 'Go West'), track('d', 120, 60_000, 'SURVIVOR')], workout);
    expect([...p.artist]).toEqual([0, 0, 1, 0]);
  });

  it('marks anchors (whatever their tempo) and fillers (tracks of unknown tempo that are not anchors)', () => {
    const p = toProblem([track('anchor', null, 60_000, 'x', true), track('filler', null, 60_000), track('timed', 120, 60_000), track('zero', 0, 60_000), track('timed-anchor', 120, 60_000, 'y', true)], workout);
    expect([...p.isAnchor]).toEqual([1, 0, 0, 0, 1]);
    expect([...p.isFiller]).toEqual([0, 1, 0, 1, 0]);
    expect(p.anchors).toEqual([0, 4]);
  });

  it('sets the window to the length ± tolerance, never below 0 nor widened by a negative tolerance', () => {
    expect(toProblem([], workout)).toMatchObject({ minMs: 540_000, maxMs: 660_000, lengthMs: 600_000 });
    expect(toProblem([], { ...workout, lengthMs: 30_000 })).toMatchObject({ minMs: 0, maxMs: 90_000 });
    expect(toProblem([], { ...workout, toleranceMs: -60_000 })).toMatchObject({ minMs: 600_000, maxMs: 600_000 });
  });

  it('counts how many anchors fit together, the shortest first', () => {
    const anchors = [track('a', 120, 400_000, 'a', true), track('b', 120, 100_000, 'b', true), track('c', 120, 300_000, 'c', true), track('d', 120, 260_000, 'd', true)];
    // 100 + 260 + 300 = 660 s: exactly the top of the window.
    expect(toProblem(anchors, workout).anchorCapacity).toBe(3);
    expect(toProblem(anchors, { ...workout, toleranceMs: 59_999 }).anchorCapacity).toBe(2);
    expect(toProblem(anchors, { ...workout, lengthMs: 5_000_000 }).anchorCapacity).toBe(4);
    expect(toProblem(anchors, { ...workout, lengthMs: 10_000, toleranceMs: 0 }).anchorCapacity).toBe(0);
  });

  it('reads the curve it is given', () => {
    const p = toProblem([], workout);
    expect(p.curve.between(0, 1)).toBeCloseTo(130, 9);
    expect([p.curve.minTempo, p.curve.maxTempo]).toEqual([100, 160]);
  });
});
