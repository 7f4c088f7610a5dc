import { describe, expect, it } from 'vitest';
import { rampCurve } from '../domain/curves';
import type { PoolTrack } from '../domain/types';
import { moveItem, OrderState, reverseRange, swapItems } from './order-state';
import { toProblem } from './problem';
import { weightedError } from './score';

const track = (id: string, bpm: number | null, durationMs: number, artist = id): PoolTrack => ({ id, title: id, artist, durationMs, bpm, isAnchor: false });

describe('moving tracks within an order', () => {
  it('moves one track forward or back, shifting those between', () => {
    const forward = [0, 1, 2, 3, 4];
    moveItem(forward, 1, 3);
    expect(forward).toEqual([0, 2, 3, 1, 4]);
    const back = [0, 1, 2, 3, 4];
    moveItem(back, 3, 0);
    expect(back).toEqual([3, 0, 1, 2, 4]);
    const still = [0, 1, 2];
    moveItem(still, 1, 1);
    expect(still).toEqual([0, 1, 2]);
  });

  it('swaps two tracks and reverses a range, both ends included', () => {
    const order = [0, 1, 2, 3, 4, 5];
    swapItems(order, 0, 5);
    expect(order).toEqual([5, 1, 2, 3, 4, 0]);
    reverseRange(order, 1, 4);
    expect(order).toEqual([5, 4, 3, 2, 1, 0]);
    reverseRange(order, 2, 3);
    expect(order).toEqual([5, 4, 2, 3, 1, 0]);
    reverseRange(order, 3, 3);
    expect(order).toEqual([5, 4, 2, 3, 1, 0]);
  });
});

describe('OrderState', () => {
  // Two tracks by Survivor next to each other, then two by others; on a 100 → 180 ramp.
  const pool = [
    track('a', 100, 200_000, 'Survivor'),
    track('b', 120, 100_000, 'survivor '),
    track('c', null, 150_000, 'Go West'),
    track('d', 170, 250_000, 'James Brown'),
    track('e', 160, 300_000, 'James Brown'),
  ];
  const p = toProblem(pool, { mode: 'run', lengthMs: 1_000_000, toleranceMs: 0, curve: rampCurve(100, 180) });
  const order = [0, 1, 2, 3, 4];
  const totalMs = 1_000_000;

  it('knows where each position starts, and the weighted error and same-artist edges before it', () => {
    const state = new OrderState(p);
    state.load(order, totalMs);
    expect([...state.startMs.slice(0, 6)]).toEqual([0, 200_000, 300_000, 450_000, 700_000, 1_000_000]);
    for (let k = 0; k <= 5; k += 1) {
      expect(state.errorBefore[k]).toBeCloseTo(weightedError(p, order, 0, k, 0, totalMs), 6);
      // Edges: a–b (the same artist, case and spaces aside) and d–e.
      expect(state.pairBefore[k], `pairs before ${k}`).toBe([0, 0, 1, 1, 1, 2][k]);
    }
    expect(state.weighted).toBeCloseTo(weightedError(p, order, 0, 5, 0, totalMs), 6);
    expect(state.weighted).toBeGreaterThan(0);
  });

  it('gives the error of a range and the same-artist edges entering it, before a move and after', () => {
    const state = new OrderState(p);
    state.load(order, totalMs);
    expect(state.oldWeighted(1, 3)).toBeCloseTo(weightedError(p, order, 1, 4, 200_000, totalMs), 6);
    expect(state.oldWeighted(0, 4)).toBeCloseTo(state.weighted, 6);
    // Edges entering positions a..b+1 (none into 0, none past the end): 0..0 → the edge into 1 (a–b);
    // 2..2 → into 2 and 3, neither the same artist; 3..4 → into 4 (d–e); 1..2 → into 1, 2, 3 (a–b).
    expect(state.oldPairs(0, 0)).toBe(1);
    expect(state.oldPairs(2, 2)).toBe(0);
    expect(state.oldPairs(3, 4)).toBe(1);
    expect(state.oldPairs(1, 2)).toBe(1);
    expect(state.oldPairs(0, 4)).toBe(2);
    const moved = [1, 0, 3, 2, 4];
    expect(state.pairsBetween(moved, 0, 0)).toBe(1);
    expect(state.pairsBetween(moved, 2, 3)).toBe(0);
    expect(state.pairsBetween(order, 0, 4)).toBe(2);
    // Only the edges entering the range: d–e lies beyond it.
    expect(state.pairsBetween(order, 0, 0)).toBe(1);
  });

  it('has no error on a montage of no length, and grows its arrays for a longer order', () => {
    const state = new OrderState(p);
    state.load(order, 0);
    expect(state.weighted).toBe(0);
    state.load([0], 200_000);
    state.load(order, totalMs);
    expect(state.startMs[5]).toBe(1_000_000);
    // A state that first held one track, then five.
    const growing = new OrderState(p);
    growing.load([0], 200_000);
    expect([growing.startMs[1], growing.weighted, growing.pairBefore[1]]).toEqual([200_000, weightedError(p, [0], 0, 1, 0, 200_000), 0]);
    growing.load(order, totalMs);
    expect(growing.startMs[5]).toBe(1_000_000);
    expect(growing.weighted).toBeCloseTo(weightedError(p, order, 0, 5, 0, totalMs), 6);
  });
});
