import type { Problem } from './problem';

/**
 * Which tracks play decides every rule before cost (length past the window, anchors left out,
 * shortfall in whole seconds, fillers); the order only decides neighbours and cost. This move
 * works on that set alone: it takes up to two tracks out and puts up to two unused tracks in
 * (1 in, 1 out, 1↔1, 2→1, 1→2, 2 in, 2 out, and 2↔2 when the pool is small), each scored in O(1)
 * from the set's sums, and applies the exchange that improves those rules most. No single insert,
 * remove or replace can, for example, turn [X 380 s] into [Y 150 s, F 280 s] (X out, Y and F in),
 * which is what the length window may need. In-candidates are given by the caller: any unused
 * track in a small pool, fillers and anchors of unknown tempo included.
 */

/** The sums the rules before cost are computed from. */
interface SetSums {
  totalMs: number;
  anchors: number;
  fillers: number;
}

/** Lexicographic rules before cost of a set with these sums (lower is better), as `compareScores` ranks them. */
function compareSets(p: Problem, a: SetSums, b: SetSums): number {
  const overA = Math.max(0, a.totalMs - p.maxMs);
  const overB = Math.max(0, b.totalMs - p.maxMs);
  if (overA !== overB) return overA - overB;
  if (a.anchors !== b.anchors) return b.anchors - a.anchors;
  const shortA = Math.ceil(Math.max(0, p.minMs - a.totalMs) / 1000);
  const shortB = Math.ceil(Math.max(0, p.minMs - b.totalMs) / 1000);
  if (shortA !== shortB) return shortA - shortB;
  return a.fillers - b.fillers;
}

/** Best possible rules before cost for this pool, if reachable: nothing over, the anchor capacity met, no shortfall, no filler. */
export function atSetBound(p: Problem, sums: SetSums): boolean {
  return sums.totalMs <= p.maxMs && sums.anchors === p.anchorCapacity && sums.totalMs >= p.minMs && sums.fillers === 0;
}

export function setSums(p: Problem, order: readonly number[]): SetSums {
  const sums: SetSums = { totalMs: 0, anchors: 0, fillers: 0 };
  for (const i of order) {
    sums.totalMs += p.durationMs[i]!;
    sums.anchors += p.isAnchor[i]!;
    sums.fillers += p.isFiller[i]!;
  }
  return sums;
}

/** Largest number of (out pair × in pair) combinations tried for 2↔2 in one call. */
const MAX_TWO_FOR_TWO = 60_000;

/**
 * Finds the exchange that most improves the set's rules before cost and applies it to `order`
 * (outs removed, ins put where the first out was, else at the end) and `used`. Deterministic:
 * ties go to the first found, in a fixed order of kinds and indices. Returns whether it changed anything.
 */
export function improveSet(p: Problem, order: number[], used: Uint8Array, ins: readonly number[]): boolean {
  const current = setSums(p, order);
  const n = order.length;
  const m = ins.length;
  const d = p.durationMs;
  let best: SetSums = current;
  let bestMove = [-1, -1, -1, -1];
  const trial: SetSums = { totalMs: 0, anchors: 0, fillers: 0 };
  const take = (i: number, sign: number) => {
    trial.totalMs += sign * d[i]!;
    trial.anchors += sign * p.isAnchor[i]!;
    trial.fillers += sign * p.isFiller[i]!;
  };
  /** Positions `k`, `l` out and tracks `a`, `b` in; -1 for none. */
  const consider = (k: number, l: number, a: number, b: number) => {
    trial.totalMs = current.totalMs;
    trial.anchors = current.anchors;
    trial.fillers = current.fillers;
    if (k >= 0) take(order[k]!, -1);
    if (l >= 0) take(order[l]!, -1);
    if (a >= 0) take(a, 1);
    if (b >= 0) take(b, 1);
    if (compareSets(p, trial, best) < 0) {
      best = { ...trial };
      bestMove = [k, l, a, b];
    }
  };
  for (let a = 0; a < m; a += 1) consider(-1, -1, ins[a]!, -1);
  for (let k = 0; k < n; k += 1) consider(k, -1, -1, -1);
  for (let k = 0; k < n; k += 1) for (let a = 0; a < m; a += 1) consider(k, -1, ins[a]!, -1);
  for (let a = 0; a < m; a += 1) for (let b = a + 1; b < m; b += 1) consider(-1, -1, ins[a]!, ins[b]!);
  for (let k = 0; k < n; k += 1) for (let l = k + 1; l < n; l += 1) consider(k, l, -1, -1);
  for (let k = 0; k < n; k += 1) for (let l = k + 1; l < n; l += 1) for (let a = 0; a < m; a += 1) consider(k, l, ins[a]!, -1);
  for (let k = 0; k < n; k += 1) for (let a = 0; a < m; a += 1) for (let b = a + 1; b < m; b += 1) consider(k, -1, ins[a]!, ins[b]!);
  if (((n * (n - 1)) / 2) * ((m * (m - 1)) / 2) <= MAX_TWO_FOR_TWO) {
    for (let k = 0; k < n; k += 1)
      for (let l = k + 1; l < n; l += 1)
        for (let a = 0; a < m; a += 1) for (let b = a + 1; b < m; b += 1) consider(k, l, ins[a]!, ins[b]!);
  }
  if (best === current) return false;
  const [k, l, a, b] = bestMove as [number, number, number, number];
  const at = k >= 0 ? k : n;
  const outs = [k, l].filter((x) => x >= 0).sort((x, y) => y - x);
  const added = [a, b].filter((x) => x >= 0);
  for (const pos of outs) {
    used[order[pos]!] = 0;
    order.splice(pos, 1);
  }
  order.splice(Math.min(at, order.length), 0, ...added);
  for (const i of added) used[i] = 1;
  return true;
}
