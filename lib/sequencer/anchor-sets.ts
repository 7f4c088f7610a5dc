import type { Problem } from './problem';

/** Most anchor sets tried one by one; beyond it the search changes anchors by its own moves. */
export const MAX_ANCHOR_SETS = 256;

/**
 * When the anchors cannot all fit: every set of `anchorCapacity` anchors whose length stays within
 * `maxMs`, in a fixed order, if there are at most `MAX_ANCHOR_SETS` of them; otherwise (and when
 * they all fit) an empty list. Each set is a start for the search: which anchors play is a choice
 * the local moves, which keep the anchor count, find hard to change several at a time.
 */
export function anchorSets(p: Problem): number[][] {
  const k = p.anchorCapacity;
  const n = p.anchors.length;
  if (k >= n || k === 0 || combinations(n, k) > MAX_ANCHOR_SETS) return [];
  const sets: number[][] = [];
  const chosen: number[] = [];
  const visit = (from: number, lengthMs: number) => {
    if (chosen.length === k) {
      sets.push([...chosen]);
      return;
    }
    for (let a = from; a <= n - (k - chosen.length); a += 1) {
      const anchor = p.anchors[a]!;
      const next = lengthMs + p.durationMs[anchor]!;
      if (next > p.maxMs) continue;
      chosen.push(anchor);
      visit(a + 1, next);
      chosen.pop();
    }
  };
  visit(0, 0);
  return sets;
}

function combinations(n: number, k: number): number {
  let count = 1;
  for (let i = 1; i <= k; i += 1) count = (count * (n - k + i)) / i;
  return Math.round(count);
}
