import { describe, expect, it } from 'vitest';
import { steadyCurve } from '../domain/curves';
import type { PoolTrack } from '../domain/types';
import { toProblem } from './problem';
import { buildTempoIndex, nearestTracks } from './tempo-index';

const track = (id: string, bpm: number | null, isAnchor = false): PoolTrack => ({ id, title: id, artist: id, durationMs: 200_000, bpm, isAnchor });
const problemOf = (pool: PoolTrack[]) => toProblem(pool, { mode: 'run', lengthMs: 600_000, toleranceMs: 60_000, curve: steadyCurve(160) });
const none = () => false;

describe('buildTempoIndex', () => {
  it('lists each track of known tempo at ½×, 1× and 2×, by effective tempo; anchors in their own index; unknown tempos in none', () => {
    const p = problemOf([track('a', 100), track('b', 130), track('anchor', 90, true), track('filler', null), track('untimed anchor', null, true)]);
    const index = buildTempoIndex(p);
    expect(index.size).toBe(6);
    expect([...index.tempo]).toEqual([50, 65, 100, 130, 200, 260]);
    expect([...index.track]).toEqual([0, 1, 0, 1, 0, 1]);
    const anchors = buildTempoIndex(p, true);
    expect(anchors.size).toBe(3);
    expect([...anchors.tempo]).toEqual([45, 90, 180]);
    expect([...anchors.track]).toEqual([2, 2, 2]);
  });

  it('keeps tempos apart to the thousandth of a BPM, and equal tempos in pool order', () => {
    const p = problemOf([track('later', 120.002), track('sooner', 120.001), track('same', 120.001)]);
    const index = buildTempoIndex(p);
    const at1x = [...index.track].filter((_, e) => index.tempo[e]! > 100 && index.tempo[e]! < 200);
    expect(at1x).toEqual([1, 2, 0]);
    // Asked for one track at exactly that tempo: the first of the two listed.
    expect(nearestTracks(index, 120.001, 1, () => false, [])).toEqual([1]);
  });
});

describe('nearestTracks', () => {
  // Effective tempos: a 50/100/200, b 65/130/260, c 29/58/116.
  const p = problemOf([track('a', 100), track('b', 130), track('c', 58)]);
  const index = buildTempoIndex(p);

  it('gives the tracks nearest the target at any multiplier, nearest first, each once', () => {
    expect(nearestTracks(index, 120, 3, none, [])).toEqual([2, 1, 0]);
    expect(nearestTracks(index, 60, 3, none, [])).toEqual([2, 1, 0]);
    expect(nearestTracks(index, 250, 3, none, [])).toEqual([1, 0, 2]);
  });

  it('stops at `count`, skips taken tracks, and clears what `out` held', () => {
    expect(nearestTracks(index, 120, 1, none, [7, 8, 9])).toEqual([2]);
    expect(nearestTracks(index, 120, 2, (t) => t === 2, [])).toEqual([1, 0]);
    expect(nearestTracks(index, 120, 5, none, [])).toEqual([2, 1, 0]);
  });

  it('takes the lower tempo on a tie, and walks out from the target in both directions', () => {
    // 115 is 15 from 100 (a) and from 130 (b): the lower entry first.
    expect(nearestTracks(index, 115, 2, (t) => t === 2, [])).toEqual([0, 1]);
    // Below every entry and above every entry.
    expect(nearestTracks(index, 10, 1, none, [])).toEqual([2]);
    expect(nearestTracks(index, 1000, 1, none, [])).toEqual([1]);
  });

  it('looks at no more than `maxVisited` entries', () => {
    // The two entries nearest 120 are c@116 and b@130: with c taken and 1 visit, nothing.
    expect(nearestTracks(index, 120, 3, (t) => t === 2, [], 1)).toEqual([]);
    expect(nearestTracks(index, 120, 3, (t) => t === 2, [], 2)).toEqual([1]);
  });

  it('answers nothing from an empty index', () => {
    expect(nearestTracks(buildTempoIndex(problemOf([track('filler', null)])), 120, 3, none, [])).toEqual([]);
  });
});
