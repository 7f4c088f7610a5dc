import { describe, expect, it } from 'vitest';
import { rampCurve } from '../domain/curves';
import type { PoolTrack } from '../domain/types';
import { smallCase } from '../../tests/support/sequencer-pools';
import { constructOrder } from './construct';
import { kick } from './kick';
import { toProblem, type Problem } from './problem';
import { seededRandom } from './random';
import { searchContext } from './search-context';

/** 300 tracks of 100–190 BPM (one in ten of unknown tempo, one in ten an anchor), on a 40-minute ramp from 100 to 190. */
function largeProblem(): Problem {
  const pool: PoolTrack[] = Array.from({ length: 300 }, (_, i) => ({
    id: `t${i}`,
    title: `T${i}`,
    artist: `A${i % 11}`,
    durationMs: (150 + ((i * 37) % 150)) * 1000,
    bpm: i % 10 === 3 ? null : 100 + ((i * 7) % 300) * 0.3,
    isAnchor: i % 10 === 5,
  }));
  return toProblem(pool, { mode: 'circuit', lengthMs: 40 * 60_000, toleranceMs: 60_000, curve: rampCurve(100, 190) });
}

/** `count` kicks of the order built for `p`, each from that same order, and the tracks each brought in. */
function kicks(p: Problem, count: number, withFillers: boolean) {
  const ctx = searchContext(p);
  const built = constructOrder(p, ctx.index, ctx.typicalMs);
  const random = seededRandom(17);
  return Array.from({ length: count }, () => {
    const order = built.slice();
    kick(ctx, order, random, withFillers);
    return { built, order, added: order.filter((i) => !built.includes(i)) };
  });
}

const anchorsIn = (p: Problem, order: readonly number[]) => order.filter((i) => p.isAnchor[i] === 1).length;

describe('kick: a few random moves between two local searches', () => {
  it('never places a track twice nor drops an anchor, and changes the order in nearly every kick', () => {
    const problems = [largeProblem(), ...Array.from({ length: 20 }, (_, k) => smallCase(400 + k, { min: 6, max: 24 })).map(({ pool, workout }) => toProblem(pool, workout))];
    for (const p of problems) {
      const results = kicks(p, 200, true);
      for (const { order, built } of results) {
        expect(new Set(order).size).toBe(order.length);
        expect(order.every((i) => Number.isInteger(i) && i >= 0 && i < p.tracks.length)).toBe(true);
        expect(anchorsIn(p, order)).toBeGreaterThanOrEqual(anchorsIn(p, built));
      }
      if (p.tracks.length > 64) expect(results.filter((r) => r.order.join() === r.built.join()).length).toBeLessThan(20);
    }
  });

  it('in a small pool brings in any unused track: fillers and anchors too, short or not', () => {
    let fillers = 0;
    let anchors = 0;
    for (let seed = 420; seed < 440; seed += 1) {
      const { pool, workout } = smallCase(seed, { min: 10, max: 24 });
      const p = toProblem(pool, workout);
      for (const { added } of kicks(p, 100, false)) {
        fillers += added.filter((i) => p.isFiller[i] === 1).length;
        anchors += added.filter((i) => p.isAnchor[i] === 1).length;
      }
    }
    expect(fillers).toBeGreaterThan(0);
    expect(anchors).toBeGreaterThan(0);
  });

  it('in a large pool brings in a filler only when asked, and an anchor only in place of another', () => {
    const p = largeProblem();
    const without = kicks(p, 300, false);
    expect(without.flatMap((k) => k.added).filter((i) => p.isFiller[i] === 1)).toEqual([]);
    const asked = kicks(p, 300, true);
    expect(asked.flatMap((k) => k.added).filter((i) => p.isFiller[i] === 1).length).toBeGreaterThan(0);
    for (const { order, built } of [...without, ...asked]) expect(anchorsIn(p, order)).toBe(anchorsIn(p, built));
    expect(asked.flatMap((k) => k.added).filter((i) => p.isAnchor[i] === 1).length).toBeGreaterThan(0);
  });

  it('in a large pool brings in tracks whose tempo fits the curve where they go: within 6 BPM in the median (any unused one: 20)', () => {
    const p = largeProblem();
    const errors: number[] = [];
    for (const { order, added } of kicks(p, 300, false)) {
      const totalMs = order.reduce((sum, i) => sum + p.durationMs[i]!, 0);
      for (const track of added.filter((i) => p.isAnchor[i] === 0)) {
        const startMs = order.slice(0, order.indexOf(track)).reduce((sum, i) => sum + p.durationMs[i]!, 0);
        const target = p.curve.between(startMs / totalMs, (startMs + p.durationMs[track]!) / totalMs);
        errors.push(Math.min(...[0.5, 1, 2].map((m) => Math.abs(p.bpm[track]! * m - target))));
      }
    }
    errors.sort((a, b) => a - b);
    expect(errors.length).toBeGreaterThan(100);
    expect(errors[Math.floor(errors.length / 2)]).toBeLessThan(6);
    expect(errors[Math.floor(errors.length * 0.9)]).toBeLessThan(12);
  });
});
