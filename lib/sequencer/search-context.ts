import type { SearchContext } from './local-search';
import type { Problem } from './problem';
import { buildLengthIndex, nearestByLength } from './length-index';
import { buildTempoIndex } from './tempo-index';

/** Pools of at most this many placeable tracks let every move try every unused track. */
const SMALL_POOL = 64;
/** Pools of at most this many placeable tracks also try exchanges at every position. */
const TINY_POOL = 16;
/** Tempo-nearest tracks a move tries per position in a larger pool. */
const CANDIDATES = 10;
/** Pools of at most this many placeable tracks let the set exchange try every track. */
const EXCHANGE_ALL = 256;
/** Most tracks of one kind (fillers, anchors of unknown tempo…) tried where all would be too many. */
export const MAX_SPREAD = 32;
/** The typical length is the median of an even sample of at most this many tracks. */
const MEDIAN_SAMPLE = 1001;
/** The typical length of an empty pool: a four-minute song. */
const TYPICAL_MS = 240_000;
/**
 * Most work one search may do, in track spans scored (a span is one track's error on the curve,
 * tens of nanoseconds). Small and hour-long montages stay far under it; a many-hour montage stops
 * improving when it is reached, so run time is bounded by the tracks placed, whatever the length
 * asked for. Counted, never timed: the answer does not depend on the machine.
 */
export const WORK_LIMIT = 8_000_000;

export function isSmallPool(p: Problem): boolean {
  return p.tracks.length <= SMALL_POOL;
}

/** What every move of one search over `p` shares: its indexes, how wide it looks, its work count. */
export function searchContext(p: Problem): SearchContext {
  const n = p.tracks.length;
  return {
    p,
    index: buildTempoIndex(p),
    candidateCount: isSmallPool(p) ? n : CANDIDATES,
    typicalMs: medianLength(p),
    fillers: evenSpreadLongestFirst(p, (i) => p.isFiller[i] === 1),
    anchorIndex: buildTempoIndex(p, true),
    untimedAnchors: evenSpreadLongestFirst(p, (i) => p.isAnchor[i] === 1 && p.bpm[i] !== p.bpm[i]),
    exchangeAnywhere: n <= TINY_POOL,
    work: { spent: 0, limit: WORK_LIMIT },
    exchangeIns: n <= EXCHANGE_ALL ? Array.from({ length: n }, (_, i) => i) : exchangeCandidates(p),
    nonAnchorLengths: buildLengthIndex(p, (i) => p.isAnchor[i] === 0),
    fillerLengths: buildLengthIndex(p, (i) => p.isFiller[i] === 1),
    fitMisses: new Set(),
    exchangeInWindow: n <= EXCHANGE_ALL,
  };
}

/** Unused non-anchor tracks nearest in length to each need of a window fit: the gap itself, its half and third, and each placed track's length plus the gap. */
const WINDOW_NEAREST = 3;
/** Placed tracks whose length plus the gap is looked up (the first ones of a long montage). */
const WINDOW_OUTS = 48;

/**
 * What `fitWindow` may bring in: every unused track of a pool of up to 256; in a larger one, the
 * set exchange's spread plus the unused tracks nearest in length to what closing the gap to the
 * window's middle needs (one, two or three tracks in, or one in for one out). Chosen by length,
 * whatever their tempo: the window is a rule before cost.
 */
export function windowCandidates(ctx: SearchContext, order: readonly number[], used: Uint8Array): number[] {
  const { p } = ctx;
  const ins = ctx.exchangeIns.filter((i) => !used[i]);
  if (p.tracks.length <= EXCHANGE_ALL) return ins;
  let totalMs = 0;
  for (const i of order) totalMs += p.durationMs[i]!;
  const gapMs = (p.minMs + p.maxMs) / 2 - totalMs;
  const isTaken = (i: number) => used[i] === 1;
  const targets = [gapMs, gapMs / 2, gapMs / 3];
  for (let k = 0; k < Math.min(order.length, WINDOW_OUTS); k += 1) targets.push(p.durationMs[order[k]!]! + gapMs);
  for (const targetMs of targets) if (targetMs > 0) nearestByLength(ctx.nonAnchorLengths, targetMs, WINDOW_NEAREST, isTaken, ins);
  return ins;
}

/**
 * What the set exchange may bring in from a large pool: an even spread of lengths over the anchors,
 * the fillers and the other tracks (`MAX_SPREAD` of each), so that any length the window needs is
 * within reach, not only the tempo-nearest.
 */
function exchangeCandidates(p: Problem): number[] {
  return [
    ...evenSpreadLongestFirst(p, (i) => p.isAnchor[i] === 1),
    ...evenSpreadLongestFirst(p, (i) => p.isFiller[i] === 1),
    ...evenSpreadLongestFirst(p, (i) => p.isAnchor[i] === 0 && p.isFiller[i] === 0),
  ];
}

/** Median track length, from an even sample of at most `MEDIAN_SAMPLE` tracks. */
function medianLength(p: Problem): number {
  const n = p.durationMs.length;
  const step = Math.max(1, Math.floor(n / MEDIAN_SAMPLE));
  const sample = new Float64Array(Math.ceil(n / step));
  for (let k = 0; k * step < n; k += 1) sample[k] = p.durationMs[k * step]!;
  sample.sort();
  return sample[Math.floor(sample.length / 2)] ?? TYPICAL_MS;
}

/** The tracks `isMember` accepts, longest first; when many, an even spread of lengths, longest and shortest included. */
function evenSpreadLongestFirst(p: Problem, isMember: (i: number) => boolean): number[] {
  const members: number[] = [];
  for (let i = 0; i < p.tracks.length; i += 1) if (isMember(i)) members.push(i);
  members.sort((a, b) => p.durationMs[b]! - p.durationMs[a]! || a - b);
  if (members.length <= MAX_SPREAD) return members;
  const step = (members.length - 1) / (MAX_SPREAD - 1);
  return Array.from({ length: MAX_SPREAD }, (_, k) => members[Math.round(k * step)]!);
}
