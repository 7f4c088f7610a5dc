import { describe, expect, it } from 'vitest';
import { DRAGO_LAB, ROCKY_CIRCUIT } from './exercises';
import { versusSideAt, versusSideOf } from './versus-side';

describe('the side of a Rocky vs Drago track', () => {
  it('starts with Rocky and takes turns, as the film cuts between the barn and the lab', () => {
    expect([0, 1, 2, 3].map(versusSideAt)).toEqual(['Rocky', 'Drago', 'Rocky', 'Drago']);
  });

  it('is read from the stations a track trains, so it moves with the track when reordered', () => {
    const work = (name: string) => ({ exercise: name });
    const rest = { exercise: 'Rest' };
    expect(versusSideOf([work(ROCKY_CIRCUIT[0]!.name), rest, work(ROCKY_CIRCUIT[1]!.name)])).toBe('Rocky');
    expect(versusSideOf([work(DRAGO_LAB[0]!.name), rest])).toBe('Drago');
    // Edited by hand into something of neither side, or a mix: no side is claimed.
    expect(versusSideOf([work('Skipping rope')])).toBeNull();
    expect(versusSideOf([work(ROCKY_CIRCUIT[0]!.name), work(DRAGO_LAB[0]!.name)])).toBeNull();
    expect(versusSideOf([rest])).toBeNull();
  });

  it('never names a station on both sides', () => {
    const rocky = new Set(ROCKY_CIRCUIT.map((e) => e.name));
    expect(DRAGO_LAB.filter((e) => rocky.has(e.name))).toEqual([]);
  });
});
