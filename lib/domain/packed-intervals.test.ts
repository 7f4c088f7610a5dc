import { describe, expect, it } from 'vitest';
import { packIntervals, unpackIntervals, type ListedInterval } from './packed-intervals';

const REST = { exercise: 'Rest', intensity: 'rest', cue: 'Breathe. Shake it out.' } as const;

/** A circuit track as the planner lays it: work, rest, work, rest… */
function circuitTrack(exercises: readonly string[], workMs = 60_000, restMs = 20_000): (ListedInterval & { kind: string })[] {
  return exercises.flatMap((exercise, i) => [
    { offsetMs: i * (workMs + restMs), durationMs: workMs, kind: 'work', exercise, intensity: 'hard' as const, cue: `${exercise}: keep going.` },
    { offsetMs: i * (workMs + restMs) + workMs, durationMs: restMs, kind: 'rest', ...REST },
  ]);
}

describe('packIntervals', () => {
  it('gives every track its intervals back as they were, in order, with only what a list shows', () => {
    const tracks = [circuitTrack(['Log carry', 'Sled pull']), circuitTrack(['Wagon press']), []];
    const unpacked = unpackIntervals(packIntervals(tracks));
    expect(unpacked).toEqual(tracks.map((intervals) => intervals.map(({ kind: _kind, ...shown }) => shown)));
    expect(unpacked[0]![0]).not.toHaveProperty('kind');
  });

  it('writes each exercise, intensity and cue once, in the order first met', () => {
    const packed = packIntervals([circuitTrack(['Log carry', 'Sled pull']), circuitTrack(['Sled pull', 'Wagon press'])]);
    expect(packed.words).toEqual([
      ['Log carry', 'hard', 'Log carry: keep going.'],
      ['Rest', 'rest', 'Breathe. Shake it out.'],
      ['Sled pull', 'hard', 'Sled pull: keep going.'],
      ['Wagon press', 'hard', 'Wagon press: keep going.'],
    ]);
    expect(packed.tracks).toEqual([
      [
        [0, 60_000, 0],
        [60_000, 20_000, 1],
        [80_000, 60_000, 2],
        [140_000, 20_000, 1],
      ],
      [
        [0, 60_000, 2],
        [60_000, 20_000, 1],
        [80_000, 60_000, 3],
        [140_000, 20_000, 1],
      ],
    ]);
  });

  it('keeps apart words that differ in one part only, whatever characters they hold', () => {
    const at = (exercise: string, intensity: ListedInterval['intensity'], cue: string): ListedInterval => ({ offsetMs: 0, durationMs: 1_000, exercise, intensity, cue });
    const tracks = [[at('Row', 'hard', 'Pull.')], [at('Row', 'max', 'Pull.')], [at('Row', 'hard', '')], [at('a","b', 'hard', 'c')], [at('a', 'hard', 'b","c')]];
    const packed = packIntervals(tracks);
    expect(packed.words).toHaveLength(5);
    expect(unpackIntervals(packed)).toEqual(tracks);
  });

  it('packs a shared circuit to well under half its size as objects', () => {
    const tracks = Array.from({ length: 12 }, () => circuitTrack(['Log carry', 'Sled pull', 'Wagon press', 'Snow run']));
    const asObjects = JSON.stringify(tracks.map((intervals) => intervals.map(({ kind: _kind, ...shown }) => shown))).length;
    expect(JSON.stringify(packIntervals(tracks)).length).toBeLessThan(asObjects / 2);
  });

  it('packs nothing to nothing', () => {
    expect(packIntervals([])).toEqual({ words: [], tracks: [] });
    expect(unpackIntervals({ words: [], tracks: [] })).toEqual([]);
  });
});

describe('unpackIntervals', () => {
  it('refuses an interval whose words are not there, naming the index', () => {
    expect(() => unpackIntervals({ words: [['Rest', 'rest', '']], tracks: [[[0, 1_000, 1]]] })).toThrow(/words 1 of 1/);
  });
});
