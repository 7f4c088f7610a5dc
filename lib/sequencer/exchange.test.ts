import { describe, expect, it } from 'vitest';
import { steadyCurve } from '../domain/curves';
import type { PoolTrack } from '../domain/types';
import { atSetBound, improveSet, setSums } from './exchange';
import { toProblem } from './problem';

/** A track of `seconds`; of unknown tempo (a filler) or an anchor when asked. */
const track = (id: string, seconds: number, kind: 'timed' | 'filler' | 'anchor' = 'timed'): PoolTrack => ({
  id,
  title: id,
  artist: id,
  durationMs: seconds * 1000,
  bpm: kind === 'filler' ? null : 120,
  isAnchor: kind === 'anchor',
});

/** The pool as a problem for a montage of `lengthS` ± `toleranceS`, with `playing` (ids) as the current set, in order. */
function setUp(pool: PoolTrack[], lengthS: number, toleranceS: number, playing: string[]) {
  const p = toProblem(pool, { mode: 'circuit', lengthMs: lengthS * 1000, toleranceMs: toleranceS * 1000, curve: steadyCurve(120) });
  const index = (id: string) => p.tracks.findIndex((t) => t.id === id);
  const order = playing.map(index);
  const used = new Uint8Array(p.tracks.length);
  for (const i of order) used[i] = 1;
  const ins = p.tracks.map((_, i) => i).filter((i) => used[i] === 0);
  return {
    p,
    order,
    used,
    ins,
    improve: () => improveSet(p, order, used, ins),
    playing: () => order.map((i) => p.tracks[i]!.id),
    marked: () => p.tracks.filter((_, i) => used[i] === 1).map((t) => t.id),
  };
}

describe('improveSet: which tracks play, by the rules before cost', () => {
  it('takes one out and puts two in where that is what the length window needs: [X 380 s] → [Y 150 s, F 280 s]', () => {
    const s = setUp([track('X', 380), track('Y', 150), track('F', 280, 'filler')], 430, 10, ['X']);
    expect(s.improve()).toBe(true);
    expect(s.playing()).toEqual(['Y', 'F']);
    expect(s.marked().sort()).toEqual(['F', 'Y']);
  });

  it('adds one track at the end, or two, to reach the window; never the same track twice', () => {
    const one = setUp([track('A', 200), track('B', 200), track('C', 300)], 400, 0, ['A']);
    expect(one.improve()).toBe(true);
    expect(one.playing()).toEqual(['A', 'B']);
    const two = setUp([track('A', 200), track('B', 200)], 400, 0, []);
    expect(two.improve()).toBe(true);
    expect(two.playing()).toEqual(['A', 'B']);
    const single = setUp([track('A', 200)], 400, 0, []);
    expect(single.improve()).toBe(true);
    expect(single.playing()).toEqual(['A']);
    // One out for one track twice would fill [X 380 s]'s 430 s window: not a montage.
    const twice = setUp([track('X', 380), track('Y', 215)], 430, 10, ['X']);
    expect(twice.improve()).toBe(false);
    expect(twice.playing()).toEqual(['X']);
  });

  it('takes the tracks to bring in in any order the caller lists them', () => {
    const s = setUp([track('A', 200), track('B', 200)], 400, 0, []);
    expect(improveSet(s.p, s.order, s.used, [1, 0])).toBe(true);
    expect(s.playing().sort()).toEqual(['A', 'B']);
  });

  it('takes out what runs past the window: one track (the first of equals), or two', () => {
    const one = setUp([track('A', 300), track('B', 300)], 300, 0, ['A', 'B']);
    expect(one.improve()).toBe(true);
    expect(one.playing()).toEqual(['B']);
    expect(one.marked()).toEqual(['B']);
    const two = setUp([track('A', 100), track('B', 100), track('C', 400)], 400, 0, ['A', 'C', 'B']);
    expect(two.improve()).toBe(true);
    expect(two.playing()).toEqual(['C']);
  });

  it('puts the tracks it brings in where the first one taken out was', () => {
    const s = setUp([track('A', 100), track('B', 200), track('C', 100), track('D', 300)], 500, 0, ['A', 'B', 'C']);
    // Over by nothing, short by 100 s: B (200 s) out, D (300 s) in, at B's place.
    expect(s.improve()).toBe(true);
    expect(s.playing()).toEqual(['A', 'D', 'C']);
    const twoForOne = setUp([track('A', 200), track('B', 200), track('C', 300)], 300, 0, ['A', 'B']);
    expect(twoForOne.improve()).toBe(true);
    expect(twoForOne.playing()).toEqual(['C']);
  });

  it('ranks going past the window first, then anchors left out, then the shortfall in whole seconds, then fillers', () => {
    // An anchor in for a track of the same length: in the window either way, one anchor more.
    const anchor = setUp([track('A', 200), track('B', 200), track('N', 200, 'anchor')], 400, 0, ['A', 'B']);
    expect(anchor.improve()).toBe(true);
    expect(anchor.playing()).toEqual(['N', 'B']);
    // An anchor is worth falling short for: a 300 s anchor in place of both, 100 s short.
    const short = setUp([track('A', 200), track('B', 200), track('N', 300, 'anchor')], 400, 0, ['A', 'B']);
    expect(short.improve()).toBe(true);
    expect(short.playing()).toEqual(['N']);
    // It is not worth going past the window: a 450 s anchor stays out.
    const over = setUp([track('A', 200), track('B', 200), track('N', 450, 'anchor')], 400, 0, ['A', 'B']);
    expect(over.improve()).toBe(false);
    // Short by 0.5 s counts as a whole second: 0.2 s nearer is no better; reaching the window is.
    const near = setUp([track('A', 399.5), track('B', 399.7)], 400, 0, ['A']);
    expect(near.improve()).toBe(false);
    const reached = setUp([track('A', 399.5), track('C', 400)], 400, 0, ['A']);
    expect(reached.improve()).toBe(true);
    expect(reached.playing()).toEqual(['C']);
    // A filler out for a timed track of the same length.
    const filler = setUp([track('F', 200, 'filler'), track('B', 200), track('T', 200)], 400, 0, ['F', 'B']);
    expect(filler.improve()).toBe(true);
    expect(filler.playing()).toEqual(['T', 'B']);
  });

  it('changes nothing, and says so, when no exchange improves the set', () => {
    const s = setUp([track('A', 200), track('B', 200), track('C', 500)], 400, 0, ['A', 'B']);
    expect(s.improve()).toBe(false);
    expect(s.playing()).toEqual(['A', 'B']);
    expect(s.marked()).toEqual(['A', 'B']);
  });

  it('exchanges two for two in a small pool only', () => {
    // [A 130, B 130] for a 300 s window: only C 145 + D 155 for both reaches it.
    const pool = [track('A', 130), track('B', 130), track('C', 145), track('D', 155)];
    const small = setUp(pool, 300, 0, ['A', 'B']);
    expect(small.improve()).toBe(true);
    expect(small.playing()).toEqual(['C', 'D']);
    // 344 more to bring in (346 in all): 1 pair out × 59,685 pairs in, within the budget of 60,000 combinations.
    const many = (count: number) => Array.from({ length: count }, (_, i) => track(`long ${i}`, 10_000));
    const within = setUp([...pool, ...many(344)], 300, 0, ['A', 'B']);
    expect(within.improve()).toBe(true);
    expect(within.playing()).toEqual(['C', 'D']);
    // 345 more (60,031 pairs in) or 400: 2↔2 is past its budget: the best single swap is taken.
    for (const count of [345, 400]) {
      const large = setUp([...pool, ...many(count)], 300, 0, ['A', 'B']);
      expect(large.improve()).toBe(true);
      expect(large.playing()).toEqual(['D', 'B']);
    }
  });
});

describe('setSums and atSetBound', () => {
  it('sums the length, anchors and fillers of a set; at the bound when nothing is over, the anchors that fit are in, nothing is short and no filler plays', () => {
    const pool = [track('A', 200), track('N', 100, 'anchor'), track('F', 100, 'filler'), track('B', 100)];
    const s = setUp(pool, 400, 0, ['A', 'N', 'F']);
    expect(setSums(s.p, s.order)).toEqual({ totalMs: 400_000, anchors: 1, fillers: 1 });
    expect(atSetBound(s.p, setSums(s.p, s.order))).toBe(false);
    const bound = setUp(pool, 400, 0, ['A', 'N', 'B']);
    expect(atSetBound(bound.p, setSums(bound.p, bound.order))).toBe(true);
    expect(atSetBound(bound.p, { totalMs: 400_001, anchors: 1, fillers: 0 })).toBe(false);
    expect(atSetBound(bound.p, { totalMs: 399_999, anchors: 1, fillers: 0 })).toBe(false);
    expect(atSetBound(bound.p, { totalMs: 400_000, anchors: 0, fillers: 0 })).toBe(false);
  });
});
