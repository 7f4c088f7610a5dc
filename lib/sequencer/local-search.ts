import type { Problem } from './problem';
import { insertionsAt, replacementsFor } from './candidates';
import { moveItem, OrderState, reverseRange, swapItems } from './order-state';
import { compareScores, copyScore, emptyScore, scoreOrder, weightedError, type Score } from './score';
import type { TempoIndex } from './tempo-index';
import { atSetBound, improveSet, setSums } from './exchange';
import type { LengthIndex } from './length-index';
import { exchangeWithinWindow, fitWindow } from './window-fit';
import { windowCandidates } from './search-context';

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
  /** Tracks the set exchange (see `improveSet`) may bring in, unused or not: every track of a pool of up to 256. */
  exchangeIns: readonly number[];
  /** Work done so far and the most allowed, in track spans scored (see `WORK_LIMIT`); shared by every call of one search. */
  work: { spent: number; limit: number };
  /** Non-anchor tracks by length, for moves that need a length (the window fit). */
  nonAnchorLengths: LengthIndex;
  /** Fillers by length, for closing a shortfall with the length it needs. */
  fillerLengths: LengthIndex;
  /** Whether to try two-for-two exchanges that keep the window for cost (`exchangeWithinWindow`): pools of up to 256. */
  exchangeInWindow: boolean;
  /** Sets (see `setKey`) a window fit found no exchange for, so it is not tried on them again. */
  fitMisses: Set<string>;
  /** Also try each replacement at every other position (O(n² × candidates) full scores a pass: tiny pools only). */
  exchangeAnywhere: boolean;
}

const MAX_PASSES = 50;

/** Non-anchor tracks of known tempo not in `order` (the tempo index lists each three times). */
function timedLeft(ctx: SearchContext, order: readonly number[]): number {
  let placed = 0;
  for (const i of order) if (!ctx.p.isAnchor[i] && !ctx.p.isFiller[i]) placed += 1;
  return ctx.index.size / 3 - placed;
}

/** The tracks of `order` as a set: the same key in any order. */
function setKey(order: readonly number[]): string {
  return [...order].sort((a, b) => a - b).join(',');
}
/**
 * Moves, swaps and reversals reach at most this many positions away: a long montage (a many-hour
 * target) costs O(length × window²) a pass instead of O(length³). Shorter orders see every pair.
 */
export const MOVE_WINDOW = 32;

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
    ctx.work.spent += 2 * order.length;
    scoreOrder(p, order, order.length, current);
    state.load(order, current.totalMs);
  };
  refresh();
  /** Scores a move that changed only positions a..b and kept the total; keeps it if better. */
  const acceptRange = (a: number, b: number): boolean => {
    ctx.work.spent += b - a + 1;
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
    ctx.work.spent += order.length;
    scoreOrder(p, order, order.length, trial);
    if (compareScores(trial, current) >= 0) return false;
    refresh();
    return true;
  };

  const spent = () => ctx.work.spent >= ctx.work.limit;
  for (let pass = 0, improved = true; improved && pass < MAX_PASSES && !spent(); pass += 1) {
    improved = false;
    // The set first: its rules outrank everything the order moves below can change.
    const ins: number[] = [];
    for (let rounds = 0; rounds < MAX_PASSES && !atSetBound(p, setSums(p, order)); rounds += 1) {
      ins.length = 0;
      for (const i of ctx.exchangeIns) if (!used[i]) ins.push(i);
      ctx.work.spent += order.length * ins.length * ins.length;
      if (!improveSet(p, order, used, ins)) break;
      refresh();
      improved = true;
    }
    // Still outside the window, or in it with fillers: a wider exchange chosen by length (see `fitWindow`).
    const canDropFillers = current.fillers > 0 && timedLeft(ctx, order) > 0;
    if ((current.shortfallMs > 0 || current.overMs > 0 || canDropFillers) && !ctx.fitMisses.has(setKey(order))) {
      if (fitWindow(p, order, used, windowCandidates(ctx, order, used), ctx.work)) {
        refresh();
        improved = true;
      } else ctx.fitMisses.add(setKey(order));
    }
    for (let from = 0; from < order.length && !spent(); from += 1) {
      for (let to = Math.max(0, from - MOVE_WINDOW); to < Math.min(order.length, from + MOVE_WINDOW + 1); to += 1) {
        if (to === from) continue;
        moveItem(order, from, to);
        if (acceptRange(Math.min(from, to), Math.max(from, to))) improved = true;
        else moveItem(order, to, from);
      }
    }
    for (let a = 0; a < order.length && !spent(); a += 1) {
      for (let b = a + 1; b < Math.min(order.length, a + MOVE_WINDOW + 1); b += 1) {
        swapItems(order, a, b);
        if (acceptRange(a, b)) improved = true;
        else swapItems(order, a, b);
      }
    }
    for (let a = 0; a < order.length && !spent(); a += 1) {
      for (let b = a + 2; b < Math.min(order.length, a + MOVE_WINDOW + 1); b += 1) {
        reverseRange(order, a, b);
        if (acceptRange(a, b)) improved = true;
        else reverseRange(order, a, b);
      }
    }
    for (let at = 0; at < order.length && !spent(); at += 1) {
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
    if (ctx.exchangeInWindow && !spent() && exchangeWithinWindow(p, order, used, ctx.exchangeIns, current, ctx.work)) {
      refresh();
      improved = true;
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
    for (let at = 0; at <= order.length && !spent(); at += 1) {
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
    for (let at = order.length - 1; at >= 0 && !spent(); at -= 1) {
      const [removed] = order.splice(at, 1);
      if (acceptAny()) {
        used[removed!] = 0;
        improved = true;
      } else order.splice(at, 0, removed!);
    }
  }
  return current;
}
