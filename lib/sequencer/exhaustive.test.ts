import { describe, expect, it } from 'vitest';
import { pyramidCurve, rampCurve, steadyCurve } from '../domain/curves';
import type { PoolTrack, WorkoutSpec } from '../domain/types';
import { EXACT_MAX_TRACKS, exactOptimum } from './exhaustive';
import { toProblem, type Problem } from './problem';
import { seededRandom } from './random';
import { compareScores, scoreOrder, type Score } from './score';

/**
 * The exact solver is what the sequencer's properties are measured against, so it is checked on its
 * own here: against the plainest search there is, every order of every subset of a tiny pool.
 */
function bruteForce(p: Problem): Score {
  let best: Score | null = null;
  const n = p.tracks.length;
  const order: number[] = [];
  const used = new Array<boolean>(n).fill(false);
  const visit = () => {
    const score = scoreOrder(p, order);
    if (score.overMs === 0 && (best === null || compareScores(score, best) < 0)) best = { ...score };
    for (let i = 0; i < n; i += 1) {
      if (used[i]) continue;
      used[i] = true;
      order.push(i);
      visit();
      order.pop();
      used[i] = false;
    }
  };
  visit();
  return best!;
}

function randomCase(seed: number): { pool: PoolTrack[]; workout: WorkoutSpec } {
  const random = seededRandom(seed);
  const size = 3 + random.below(4);
  const artists = ['Survivor', 'John Cafferty', 'Go West', 'Robert Tepper'];
  const pool = Array.from({ length: size }, (_, i) => ({
    id: `t${i}`,
    title: `t${i}`,
    artist: artists[random.below(artists.length)]!,
    durationMs: 120_000 + random.below(240) * 1_000,
    bpm: random.next() < 0.2 ? null : 60 + random.below(130),
    isAnchor: random.next() < 0.25,
  }));
  const curves = [steadyCurve(150), rampCurve(100, 180), pyramidCurve(110, 170, 2)];
  const lengthMs = (4 + random.below(14)) * 60_000;
  return { pool, workout: { mode: 'run', lengthMs, toleranceMs: random.below(3) * 30_000, curve: curves[random.below(curves.length)]! } };
}

describe('exactOptimum', () => {
  it('finds the best montage by every rule, then cost, as trying every order of every subset does (120 tiny pools)', () => {
    for (let seed = 1; seed <= 120; seed += 1) {
      const { pool, workout } = randomCase(seed);
      const p = toProblem(pool, workout);
      const exact = exactOptimum(pool, workout);
      const best = bruteForce(p);
      expect(compareScores(exact.score, best), `seed ${seed}`).toBe(0);
      expect(exact.score.overMs, `seed ${seed}`).toBe(0);
      // The montage it returns is the one it scored.
      expect(exact.tracks.reduce((sum, t) => sum + t.track.durationMs!, 0), `seed ${seed}`).toBe(exact.score.totalMs);
    }
  });

  it('places every track end to end from 0, each once', () => {
    const { pool, workout } = randomCase(7);
    const { tracks } = exactOptimum(pool, workout);
    let atMs = 0;
    for (const placed of tracks) {
      expect(placed.startMs).toBe(atMs);
      atMs += placed.track.durationMs!;
    }
    expect(new Set(tracks.map((t) => t.track.id)).size).toBe(tracks.length);
  });

  it('answers an empty montage when nothing fits, and refuses a pool it cannot enumerate', () => {
    const tooLong = [{ id: 'epic', title: 'epic', artist: 'x', durationMs: 900_000, bpm: 120, isAnchor: false }];
    const workout: WorkoutSpec = { mode: 'run', lengthMs: 300_000, toleranceMs: 0, curve: steadyCurve(120) };
    expect(exactOptimum(tooLong, workout).tracks).toEqual([]);
    expect(exactOptimum([], workout).score.totalMs).toBe(0);
    const many = Array.from({ length: EXACT_MAX_TRACKS + 1 }, (_, i) => ({ ...tooLong[0]!, id: `t${i}`, durationMs: 60_000 }));
    expect(() => exactOptimum(many, workout)).toThrow(`at most ${EXACT_MAX_TRACKS} tracks`);
    expect(() => exactOptimum(many.slice(1), workout)).not.toThrow();
  });
});
