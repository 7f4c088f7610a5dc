import type { Problem } from './problem';
import { weightedError } from './score';

/** Start, error and same-artist edge of every position of the current order, for range scoring. */
export class OrderState {
  startMs = new Float64Array(0);
  /** Prefix sums of the weighted error: errorBefore[k] = Σ over positions < k. */
  errorBefore = new Float64Array(1);
  /** pairBefore[k] = same-artist edges among (0,1)..(k-1,k). */
  pairBefore = new Int32Array(1);
  weighted = 0;
  private length = 0;

  constructor(private readonly p: Problem) {}

  load(order: readonly number[], totalMs: number): void {
    const n = order.length;
    if (this.startMs.length < n + 1) {
      this.startMs = new Float64Array(2 * n + 2);
      this.errorBefore = new Float64Array(2 * n + 2);
      this.pairBefore = new Int32Array(2 * n + 2);
    }
    this.length = n;
    let atMs = 0;
    for (let k = 0; k < n; k += 1) {
      this.startMs[k] = atMs;
      const error = totalMs > 0 ? weightedError(this.p, order, k, k + 1, atMs, totalMs) : 0;
      this.errorBefore[k + 1] = this.errorBefore[k]! + error;
      const pair = k > 0 && this.p.artist[order[k - 1]!] === this.p.artist[order[k]!] ? 1 : 0;
      this.pairBefore[k + 1] = this.pairBefore[k]! + pair;
      atMs += this.p.durationMs[order[k]!]!;
    }
    this.startMs[n] = atMs;
    this.weighted = this.errorBefore[n]!;
  }

  oldWeighted(a: number, b: number): number {
    return this.errorBefore[b + 1]! - this.errorBefore[a]!;
  }

  /** Same-artist edges entering positions a..b+1 before the move (edge k joins k−1 and k). */
  oldPairs(a: number, b: number): number {
    const last = Math.min(b + 1, this.length - 1);
    return this.pairBefore[last + 1]! - this.pairBefore[Math.max(1, a)]!;
  }

  /** The same edges in `order` as it is now. */
  pairsBetween(order: readonly number[], a: number, b: number): number {
    const { artist } = this.p;
    let pairs = 0;
    for (let k = Math.max(1, a); k <= Math.min(b + 1, order.length - 1); k += 1) {
      if (artist[order[k - 1]!] === artist[order[k]!]) pairs += 1;
    }
    return pairs;
  }
}

/** Moves the item at `from` to index `to`, shifting those between. */
export function moveItem(order: number[], from: number, to: number): void {
  const item = order[from]!;
  if (from < to) for (let k = from; k < to; k += 1) order[k] = order[k + 1]!;
  else for (let k = from; k > to; k -= 1) order[k] = order[k - 1]!;
  order[to] = item;
}

export function swapItems(order: number[], a: number, b: number): void {
  const item = order[a]!;
  order[a] = order[b]!;
  order[b] = item;
}

/** Reverses `order[a..b]`, both ends included. */
export function reverseRange(order: number[], a: number, b: number): void {
  for (let i = a, j = b; i < j; i += 1, j -= 1) swapItems(order, i, j);
}
