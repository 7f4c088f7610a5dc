import { describe, expect, it } from 'vitest';
import { steadyCurve } from '../domain/curves';
import type { PoolTrack } from '../domain/types';
import { anchorSets, MAX_ANCHOR_SETS } from './anchor-sets';
import { toProblem } from './problem';

const anchor = (id: string, seconds: number): PoolTrack => ({ id, title: id, artist: id, durationMs: seconds * 1_000, bpm: 120, isAnchor: true });

/** The problem of `anchors` (and one owned track) for a window whose top is `maxSeconds`. */
function problem(anchors: PoolTrack[], maxSeconds: number) {
  const owned: PoolTrack = { id: 'owned', title: 'owned', artist: 'owned', durationMs: 60_000, bpm: 120, isAnchor: false };
  return toProblem([owned, ...anchors], { mode: 'circuit', lengthMs: maxSeconds * 1_000, toleranceMs: 0, curve: steadyCurve(120) });
}

const ids = (p: ReturnType<typeof problem>, sets: number[][]) => sets.map((set) => set.map((i) => p.tracks[i]!.id));

describe('anchorSets', () => {
  it('lists every set of as many anchors as fit whose length stays within the window, in pool order', () => {
    // At most two of them fit in 400 s (100 + 150 + 200 is 450); A + B is exactly 400 s.
    const p = problem([anchor('A', 300), anchor('B', 100), anchor('C', 200), anchor('D', 150)], 400);
    expect(p.anchorCapacity).toBe(2);
    expect(ids(p, anchorSets(p))).toEqual([
      ['A', 'B'],
      ['B', 'C'],
      ['B', 'D'],
      ['C', 'D'],
    ]);
  });

  it('gives no set when every anchor fits, or none does (the search needs no choice)', () => {
    const all = problem([anchor('A', 100), anchor('B', 100)], 200);
    expect(all.anchorCapacity).toBe(2);
    expect(anchorSets(all)).toEqual([]);
    const none = problem([anchor('A', 300), anchor('B', 400)], 200);
    expect(none.anchorCapacity).toBe(0);
    expect(anchorSets(none)).toEqual([]);
  });

  it(`lists up to ${MAX_ANCHOR_SETS} sets and gives none past that`, () => {
    const anchors = (n: number) => Array.from({ length: n }, (_, i) => anchor(`a${i}`, 100));
    // 10 choose 5 = 252 sets.
    expect(anchorSets(problem(anchors(10), 500))).toHaveLength(252);
    // 11 choose 5 = 462.
    expect(anchorSets(problem(anchors(11), 500))).toEqual([]);
    // Exactly MAX_ANCHOR_SETS: 256 choose 1.
    expect(anchorSets(problem(anchors(MAX_ANCHOR_SETS), 150))).toHaveLength(MAX_ANCHOR_SETS);
    expect(anchorSets(problem(anchors(MAX_ANCHOR_SETS + 1), 150))).toEqual([]);
    // 255 choose 2 is far past the limit even though each set would fit.
    expect(anchorSets(problem(anchors(255), 200))).toEqual([]);
  });
});
