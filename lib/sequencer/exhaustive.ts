import type { PoolTrack, SequencedTrack, WorkoutSpec } from '../domain/types';
import { bestSquaredError } from './cost';
import { toSequencedTracks } from './sequenced-tracks';
import { toProblem, type Problem } from './problem';
import { scoreOrder, shortfallSeconds, type Score } from './score';

/** Largest pool (of placeable tracks) the exact solver accepts: it enumerates every subset. */
export const EXACT_MAX_TRACKS = 14;

/**
 * The exact optimum for a small pool, by the same `Score` the sequencer minimises: every subset
 * that does not pass `lengthMs + toleranceMs` is ranked by (anchors left out, shortfall in whole
 * seconds, fillers);
 * the best subsets' orders are then searched depth first for (same-artist pairs, cost), pruning a
 * prefix once it cannot beat the best order found (costs only grow as tracks are added).
 * Reference for tests and the benchmark; exponential, so refused above `EXACT_MAX_TRACKS`.
 */
export function exactOptimum(pool: readonly PoolTrack[], workout: WorkoutSpec): { tracks: SequencedTrack[]; score: Score } {
  const p = toProblem(pool, workout);
  const n = p.tracks.length;
  if (n > EXACT_MAX_TRACKS) throw new Error(`exactOptimum takes at most ${EXACT_MAX_TRACKS} tracks (got ${n})`);
  let subsets: number[] = [];
  let bestKey: [number, number, number] = [Infinity, Infinity, Infinity];
  for (let mask = 0; mask < 1 << n; mask += 1) {
    let sum = 0;
    let anchors = 0;
    let fillers = 0;
    for (let i = 0; i < n; i += 1) {
      if (!(mask & (1 << i))) continue;
      sum += p.durationMs[i]!;
      anchors += p.isAnchor[i]!;
      fillers += p.isFiller[i]!;
    }
    if (sum > p.maxMs) continue;
    const key: [number, number, number] = [p.anchors.length - anchors, shortfallSeconds({ shortfallMs: Math.max(0, p.minMs - sum) }), fillers];
    const order = compareKeys(key, bestKey);
    if (order < 0) {
      bestKey = key;
      subsets = [mask];
    } else if (order === 0) subsets.push(mask);
  }
  const best = { order: [] as number[], pairs: Infinity, cost: Infinity };
  for (const mask of subsets) searchOrders(p, mask, best);
  return { tracks: toSequencedTracks(p, best.order), score: scoreOrder(p, best.order) };
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let k = 0; k < a.length; k += 1) if (a[k] !== b[k]) return a[k]! - b[k]!;
  return 0;
}

/** Depth-first search over the orders of the tracks in `mask`, updating `best` in place. */
function searchOrders(p: Problem, mask: number, best: { order: number[]; pairs: number; cost: number }): void {
  const items: number[] = [];
  let totalMs = 0;
  for (let i = 0; i < p.tracks.length; i += 1) {
    if (mask & (1 << i)) {
      items.push(i);
      totalMs += p.durationMs[i]!;
    }
  }
  if (items.length === 0) {
    if (best.pairs === Infinity) Object.assign(best, { order: [], pairs: 0, cost: 0 });
    return;
  }
  const prefix: number[] = [];
  const used = new Uint8Array(p.tracks.length);
  const visit = (startMs: number, pairs: number, weighted: number) => {
    const cost = weighted / totalMs;
    if (pairs > best.pairs || (pairs === best.pairs && cost >= best.cost)) return;
    if (prefix.length === items.length) {
      Object.assign(best, { order: [...prefix], pairs, cost });
      return;
    }
    const previous = prefix[prefix.length - 1];
    // Try the best-fitting next track first, so good orders are found early and prune the rest.
    const next = items
      .filter((i) => !used[i])
      .map((i) => {
        const d = p.durationMs[i]!;
        const b = p.bpm[i]!;
        const error = b === b ? d * bestSquaredError(b, p.curve.between(startMs / totalMs, (startMs + d) / totalMs)) : 0;
        return { i, error };
      })
      .sort((x, y) => x.error - y.error || x.i - y.i);
    for (const { i, error } of next) {
      used[i] = 1;
      prefix.push(i);
      const pair = previous !== undefined && p.artist[previous] === p.artist[i] ? 1 : 0;
      visit(startMs + p.durationMs[i]!, pairs + pair, weighted + error);
      prefix.pop();
      used[i] = 0;
    }
  };
  visit(0, 0, 0);
}
