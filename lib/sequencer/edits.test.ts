import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rampCurve, steadyCurve } from '../domain/curves';
import type { PoolTrack, WorkoutSpec } from '../domain/types';
import { alternativesForSlot, resequenceWithPins, SequencerInputError } from './index';
import { toProblem } from './problem';
import { compareScores, scoreOrder } from './score';

const track = (id: string, bpm: number | null, durationMs: number, artist = id): PoolTrack => ({ id, title: id, artist, durationMs, bpm, isAnchor: false });
const steady: WorkoutSpec = { mode: 'circuit', lengthMs: 800_000, toleranceMs: 60_000, curve: steadyCurve(120) };

describe('resequenceWithPins', () => {
  const pool = [track('good-1', 120, 200_000), track('good-2', 121, 200_000), track('off-1', 90, 200_000), track('off-2', 150, 200_000), track('off-3', 100, 200_000)];

  it('keeps a pinned track in its place, however badly it fits, and re-fits the others', () => {
    const result = resequenceWithPins(pool, steady, [
      { trackId: 'off-1', pinned: false },
      { trackId: 'off-2', pinned: true },
      { trackId: 'off-3', pinned: false },
      { trackId: 'good-1', pinned: false },
    ]);
    const ids = result.tracks.map((t) => t.track.id);
    expect(ids[1]).toBe('off-2');
    expect(ids).toHaveLength(4);
    expect(ids).toContain('good-1');
    expect(ids).toContain('good-2');
    expect(ids).not.toContain('off-1');
  });

  it('never makes the length rules worse than the entries it was given', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ bpm: fc.double({ min: 60, max: 200, noNaN: true }), durationMs: fc.integer({ min: 60_000, max: 400_000 }), pin: fc.boolean() }), { minLength: 3, maxLength: 14 }),
        fc.integer({ min: 1, max: 6 }),
        (drawn, placed) => {
          const tracks = drawn.map((d, i) => track(`t${i}`, d.bpm, d.durationMs, `A${i % 3}`));
          const entries = tracks.slice(0, Math.min(placed, tracks.length)).map((t, i) => ({ trackId: t.id, pinned: drawn[i]!.pin }));
          const workout: WorkoutSpec = { mode: 'circuit', lengthMs: 900_000, toleranceMs: 60_000, curve: rampCurve(90, 170) };
          const result = resequenceWithPins(tracks, workout, entries);
          const p = toProblem(tracks, workout);
          const before = scoreOrder(p, entries.map((e) => p.tracks.findIndex((t) => t.id === e.trackId)));
          const after = scoreOrder(p, result.tracks.map((t) => p.tracks.indexOf(t.track)));
          expect(compareScores(after, before)).toBeLessThanOrEqual(0);
          entries.forEach((e, k) => {
            if (e.pinned) expect(result.tracks[k]!.track.id).toBe(e.trackId);
          });
          expect(new Set(result.tracks.map((t) => t.track.id)).size).toBe(result.tracks.length);
        },
      ),
      { numRuns: 200, seed: 42 },
    );
  });

  it('refuses a pinned track that is not in the pool, naming the entry', () => {
    expect(() => resequenceWithPins(pool, steady, [{ trackId: 'gone', pinned: true }])).toThrow(SequencerInputError);
    try {
      resequenceWithPins(pool, steady, [{ trackId: 'good-1', pinned: false }, { trackId: 'gone', pinned: true }]);
    } catch (error) {
      expect((error as SequencerInputError).field).toBe('entries.1.trackId');
    }
  });
});

describe('alternativesForSlot', () => {
  it('ranks every unused timed track of a small pool exactly as scoring the montage with it in place does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ bpm: fc.option(fc.double({ min: 60, max: 200, noNaN: true }), { freq: 6 }), durationMs: fc.integer({ min: 60_000, max: 400_000 }) }), { minLength: 4, maxLength: 30 }),
        fc.integer({ min: 0, max: 2 }),
        (drawn, at) => {
          const pool = drawn.map((d, i) => track(`t${i}`, d.bpm, d.durationMs, `A${i % 4}`));
          const montage = pool.slice(0, 3).map((t) => t.id);
          const workout: WorkoutSpec = { mode: 'circuit', lengthMs: 700_000, toleranceMs: 120_000, curve: rampCurve(100, 160) };
          const found = alternativesForSlot(pool, workout, montage, at, 5);
          const p = toProblem(pool, workout);
          const base = montage.map((id) => p.tracks.findIndex((t) => t.id === id));
          const expected = pool
            .map((_, i) => i)
            .filter((i) => i >= 3 && pool[i]!.bpm !== null)
            .map((i) => {
              const order = [...base];
              order[at] = i;
              return { i, score: scoreOrder(p, order) };
            })
            .filter((e) => e.score.overMs === 0)
            .sort((a, b) => compareScores(a.score, b.score) || a.i - b.i);
          expect(found.map((a) => a.cost)).toEqual(expected.slice(0, 5).map((e) => e.score.cost));
          for (const a of found) expect(montage).not.toContain(a.track.id);
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });

  it('names a place outside the montage', () => {
    const pool = [track('a', 120, 200_000), track('b', 120, 200_000)];
    expect(() => alternativesForSlot(pool, steady, ['a'], 3)).toThrow(SequencerInputError);
  });
});
