import { describe, expect, it } from 'vitest';
import { rampCurve, steadyCurve } from '../domain/curves';
import type { PoolTrack, TargetCurve } from '../domain/types';
import { constructOrder, shortestAnchors } from './construct';
import { toProblem } from './problem';
import { buildTempoIndex } from './tempo-index';

const track = (id: string, bpm: number | null, seconds: number, artist = id, isAnchor = false): PoolTrack => ({ id, title: id, artist, durationMs: seconds * 1000, bpm, isAnchor });
const anchor = (id: string, bpm: number | null, seconds: number) => track(id, bpm, seconds, id, true);

/** The first montage built for `pool` over `lengthS` seconds (no tolerance unless given), as track ids. */
function built(pool: PoolTrack[], curve: TargetCurve, lengthS: number, toleranceS = 0, typicalS = 200): string[] {
  const p = toProblem(pool, { mode: 'circuit', lengthMs: lengthS * 1000, toleranceMs: toleranceS * 1000, curve });
  return constructOrder(p, buildTempoIndex(p), typicalS * 1000).map((i) => p.tracks[i]!.id);
}

describe('constructOrder: the first montage, left to right', () => {
  it('takes next the free track whose tempo best fits the curve where it would play, until the length is reached', () => {
    const pool = [track('on', 120, 200), track('off', 150, 200), track('near', 120.5, 200, 'N'), track('half', 61.5, 200), track('more', 119, 200)];
    expect(built(pool, steadyCurve(120), 600)).toEqual(['on', 'near', 'more']);
    // Rising: the slow one first, the fast one last, whatever the pool's order.
    const ramp = [track('fast', 160, 200), track('mid', 130, 200), track('slow', 100, 200)];
    expect(built(ramp, rampCurve(100, 160), 600)).toEqual(['slow', 'mid', 'fast']);
  });

  it('does not put two tracks of one artist side by side when another will do', () => {
    const pool = [track('a', 120, 200, 'X'), track('b', 121, 200, 'X'), track('c', 118.5, 200, 'Y')];
    expect(built(pool, steadyCurve(120), 600)).toEqual(['a', 'c', 'b']);
  });

  it('takes no track that would run past the length and its tolerance', () => {
    const pool = [track('long', 120, 400), track('short', 121, 100), track('mid', 120.5, 300)];
    expect(built(pool, steadyCurve(120), 500)).toEqual(['long', 'short']);
    expect(built(pool, steadyCurve(120), 500, 200)).toEqual(['long', 'mid']);
  });

  it('stops when less than half a typical track is left', () => {
    const pool = [track('a', 120, 200), track('b', 120, 200, 'B'), track('c', 120, 200, 'C')];
    // 400 s placed of 500: 100 s left is half a typical track of 200 s (one more), less than half of 201 s (none).
    expect(built(pool, steadyCurve(120), 500, 200, 200)).toHaveLength(3);
    expect(built(pool, steadyCurve(120), 500, 200, 201)).toHaveLength(2);
  });

  it('places an anchor where the curve suits its tempo', () => {
    const pool = [anchor('anchor 160', 160, 200), track('slow', 100, 200), track('mid', 130, 200)];
    expect(built(pool, rampCurve(100, 160), 600)).toEqual(['slow', 'mid', 'anchor 160']);
    const low = [anchor('anchor 100', 100, 200), track('mid', 130, 200), track('fast', 160, 200)];
    expect(built(low, rampCurve(100, 160), 600)).toEqual(['anchor 100', 'mid', 'fast']);
    // Where every time suits it alike (a steady curve), the earliest.
    const steady = [track('f1', 120, 200), track('f2', 120, 200, 'F2'), anchor('anywhere', 120, 200)];
    expect(built(steady, steadyCurve(120), 600)[0]).toBe('anywhere');
  });

  it('spreads anchors of unknown tempo evenly over the montage', () => {
    const free = Array.from({ length: 4 }, (_, i) => track(`f${i}`, 120, 200, `F${i}`));
    // Booked to be centred at a quarter and three quarters of 20 minutes: starting at 200 s and 800 s.
    const order = built([anchor('u1', null, 200), anchor('u2', null, 200), ...free], steadyCurve(120), 1200);
    expect(order.map((id) => (id.startsWith('u') ? id : 'free'))).toEqual(['free', 'u1', 'free', 'free', 'u2', 'free']);
    // One anchor booked at 250 s of 700: placed at 200 s, as the track that would start there is nearer half done than not.
    const one = built([anchor('u', null, 200), ...free], steadyCurve(120), 700);
    expect(one.map((id) => (id === 'u' ? id : 'free'))).toEqual(['free', 'u', 'free']);
  });
});

describe('shortestAnchors', () => {
  it('the anchors that fit together, shortest first, given back in pool order', () => {
    const pool = [anchor('long', 120, 300), anchor('short', 120, 100), anchor('mid', 120, 200), track('free', 120, 50)];
    const ids = (lengthS: number) => {
      const p = toProblem(pool, { mode: 'circuit', lengthMs: lengthS * 1000, toleranceMs: 0, curve: steadyCurve(120) });
      return shortestAnchors(p).map((i) => p.tracks[i]!.id);
    };
    expect(ids(600)).toEqual(['long', 'short', 'mid']);
    expect(ids(350)).toEqual(['short', 'mid']);
    expect(ids(150)).toEqual(['short']);
    expect(ids(50)).toEqual([]);
  });
});
