import type { Problem } from './problem';
import { compareScores, copyScore, emptyScore, scoreOrder, weightedError, type Score } from './score';
import { nearestTracks, type TempoIndex } from './tempo-index';

/** What the moves need besides the order: the pool, its tempo index and how wide to look. */
export interface SearchContext {
  p: Problem;
  index: TempoIndex;
  /** Tracks of the index tried per position by replace and insert moves. */
  candidateCount: number;
  /** Typical track length, for the target of an insertion. */
  typicalMs: number;
  /** Fillers (non-anchor, unknown tempo) tried when the montage falls short, longest first. */
  fillers: readonly number[];
  /** Anchors of known tempo, for swapping anchors when they cannot all fit. */
  anchorIndex: TempoIndex;
  /** Anchors of unknown tempo tried in those swaps (an even spread of lengths when many). */
  untimedAnchors: readonly number[];
  /** Also try each replacement at every other position (O(n² × candidates) full scores a pass: tiny pools only). */
  exchangeAnywhere: boolean;
}

const MAX_PASSES = 50;

/**
 * First-improvement local search on `order` (changed in place) until no move improves its score
 * (see `Score` for the order of criteria) or `MAX_PASSES` passes. Moves: move one track elsewhere,
 * swap two, reverse a run, replace one by an unused track (in a tiny pool, also put elsewhere),
 * insert an unused track, remove one.
 * A move that keeps the length only changes the spans between its two ends, so it is scored on
 * that range alone; the others are scored in full, O(order length). Rejected moves are undone.
 * Returns the final score.
 */
export function improveOrder(ctx: SearchContext, order: number[]): Score {
  const { p } = ctx;
  const used = new Uint8Array(p.tracks.length);
  for (const i of order) used[i] = 1;
  const current = emptyScore();
  const trial = emptyScore();
  const candidates: number[] = [];
  const state = new OrderState(p);
  const refresh = () => {
    scoreOrder(p, order, order.length, current);
    state.load(order, current.totalMs);
  };
  refresh();
  /** Scores a move that changed only positions a..b and kept the total; keeps it if better. */
  const acceptRange = (a: number, b: number): boolean => {
    const pairs = current.sameArtistPairs + state.pairsBetween(order, a, b) - state.oldPairs(a, b);
    if (pairs > current.sameArtistPairs) return false;
    const weighted = state.weighted - state.oldWeighted(a, b) + weightedError(p, order, a, b + 1, state.startMs[a]!, current.totalMs);
    copyScore(current, trial);
    trial.sameArtistPairs = pairs;
    trial.cost = current.totalMs > 0 ? weighted / current.totalMs : 0;
    if (compareScores(trial, current) >= 0) return false;
    refresh();
    return true;
  };
  const acceptAny = (): boolean => {
    scoreOrder(p, order, order.length, trial);
    if (compareScores(trial, current) >= 0) return false;
    refresh();
    return true;
  };

  for (let pass = 0, improved = true; improved && pass < MAX_PASSES; pass += 1) {
    improved = false;
    for (let from = 0; from < order.length; from += 1) {
      for (let to = 0; to < order.length; to += 1) {
        if (to === from) continue;
        moveItem(order, from, to);
        if (acceptRange(Math.min(from, to), Math.max(from, to))) improved = true;
        else moveItem(order, to, from);
      }
    }
    for (let a = 0; a < order.length; a += 1) {
      for (let b = a + 1; b < order.length; b += 1) {
        swapItems(order, a, b);
        if (acceptRange(a, b)) improved = true;
        else swapItems(order, a, b);
      }
    }
    for (let a = 0; a < order.length; a += 1) {
      for (let b = a + 2; b < order.length; b += 1) {
        reverseRange(order, a, b);
        if (acceptRange(a, b)) improved = true;
        else reverseRange(order, a, b);
      }
    }
    for (let at = 0; at < order.length; at += 1) {
      const old = order[at]!;
      for (const c of replacementsFor(ctx, order, at, current, used, candidates)) {
        order[at] = c;
        if (acceptAny()) {
          used[old] = 0;
          used[c] = 1;
          improved = true;
          break;
        }
        order[at] = old;
      }
    }
    if (ctx.exchangeAnywhere) {
      for (let at = 0; at < order.length; at += 1) {
        const old = order[at]!;
        const replacements = [...replacementsFor(ctx, order, at, current, used, candidates)];
        order.splice(at, 1);
        let exchanged = false;
        for (let k = 0; k < replacements.length && !exchanged; k += 1) {
          const c = replacements[k]!;
          for (let to = 0; to <= order.length && !exchanged; to += 1) {
            if (to === at) continue;
            order.splice(to, 0, c);
            exchanged = acceptAny();
            if (!exchanged) order.splice(to, 1);
          }
          if (exchanged) {
            used[old] = 0;
            used[c] = 1;
            improved = true;
          }
        }
        if (!exchanged) order.splice(at, 0, old);
      }
    }
    for (let at = 0; at <= order.length; at += 1) {
      for (const c of insertionsAt(ctx, order, at, current, used, candidates)) {
        order.splice(at, 0, c);
        if (acceptAny()) {
          used[c] = 1;
          improved = true;
          break;
        }
        order.splice(at, 1);
      }
    }
    for (let at = order.length - 1; at >= 0; at -= 1) {
      const [removed] = order.splice(at, 1);
      if (acceptAny()) {
        used[removed!] = 0;
        improved = true;
      } else order.splice(at, 0, removed!);
    }
  }
  return current;
}

/** Start, error and same-artist edge of every position of the current order, for range scoring. */
class OrderState {
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

/** Unused tracks worth trying in place of `order[at]`: anchors for an anchor, else the tempo-nearest. */
function replacementsFor(ctx: SearchContext, order: number[], at: number, score: Score, used: Uint8Array, out: number[]): number[] {
  const { p } = ctx;
  const track = order[at]!;
  const startMs = startOf(p, order, at);
  const total = score.totalMs > 0 ? score.totalMs : 1;
  const target = p.curve.between(startMs / total, (startMs + p.durationMs[track]!) / total);
  if (p.isAnchor[track]) {
    nearestTracks(ctx.anchorIndex, target, ctx.candidateCount, (i) => used[i] === 1, out);
    for (const a of ctx.untimedAnchors) if (!used[a]) out.push(a);
    return out;
  }
  nearestTracks(ctx.index, target, ctx.candidateCount, (i) => used[i] === 1, out);
  if (score.shortfallMs > 0 || p.isFiller[track]) addFillers(ctx, used, out);
  return out;
}

/** Unused tracks worth inserting at `at`: missing anchors, the tempo-nearest, fillers when short. */
function insertionsAt(ctx: SearchContext, order: number[], at: number, score: Score, used: Uint8Array, out: number[]): number[] {
  const { p } = ctx;
  const roomMs = p.maxMs - score.totalMs;
  out.length = 0;
  if (roomMs <= 0) return out;
  const startMs = startOf(p, order, at);
  const total = score.totalMs + ctx.typicalMs;
  const target = p.curve.between(startMs / total, (startMs + ctx.typicalMs) / total);
  const isTaken = (i: number) => used[i] === 1 || p.durationMs[i]! > roomMs;
  nearestTracks(ctx.index, target, ctx.candidateCount, isTaken, out, ctx.candidateCount * 4);
  if (score.anchorsMissing > 0) {
    const anchors = nearestTracks(ctx.anchorIndex, target, ctx.candidateCount, isTaken, [], ctx.candidateCount * 4);
    for (const a of [...anchors, ...ctx.untimedAnchors]) if (!isTaken(a)) out.push(a);
  }
  if (score.shortfallMs > 0) addFillers(ctx, used, out);
  return out;
}

function addFillers(ctx: SearchContext, used: Uint8Array, out: number[]): void {
  for (const f of ctx.fillers) if (!used[f]) out.push(f);
}

function startOf(p: Problem, order: readonly number[], at: number): number {
  let startMs = 0;
  for (let k = 0; k < at; k += 1) startMs += p.durationMs[order[k]!]!;
  return startMs;
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
