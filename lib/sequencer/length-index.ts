import type { Problem } from './problem';

/**
 * Tracks of one kind sorted by length, so a move can ask for what it needs in milliseconds (the
 * length window is a rule before cost) rather than by tempo alone. Built once per search in
 * O(n log n); a query walks outward from a binary search and skips the tracks already used, so
 * no track of the kind is ever out of reach while one is unused (no fixed cap on how many can play).
 */
export interface LengthIndex {
  /** Track indices, shortest first (ties in pool order). */
  track: Int32Array;
  /** Their lengths, ascending. */
  durationMs: Float64Array;
}

export function buildLengthIndex(p: Problem, isMember: (i: number) => boolean): LengthIndex {
  const members: number[] = [];
  for (let i = 0; i < p.tracks.length; i += 1) if (isMember(i)) members.push(i);
  members.sort((a, b) => p.durationMs[a]! - p.durationMs[b]! || a - b);
  return { track: Int32Array.from(members), durationMs: Float64Array.from(members, (i) => p.durationMs[i]!) };
}

/** First entry of at least `ms`. */
function lowerBound(index: LengthIndex, ms: number): number {
  let low = 0;
  let high = index.track.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (index.durationMs[mid]! < ms) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Appends to `out` up to `count` tracks nearest `targetMs` in length that `isTaken` rejects not and
 * `out` holds not, nearest first (ties to the shorter). Visits at most `maxVisited` entries.
 */
export function nearestByLength(
  index: LengthIndex,
  targetMs: number,
  count: number,
  isTaken: (track: number) => boolean,
  out: number[],
  maxVisited = Infinity,
): number[] {
  const size = index.track.length;
  let right = lowerBound(index, targetMs);
  let left = right - 1;
  let added = 0;
  for (let visited = 0; added < count && (left >= 0 || right < size) && visited < maxVisited; visited += 1) {
    const takeLeft = right >= size || (left >= 0 && targetMs - index.durationMs[left]! <= index.durationMs[right]! - targetMs);
    const t = takeLeft ? index.track[left--]! : index.track[right++]!;
    if (!isTaken(t) && !out.includes(t)) {
      out.push(t);
      added += 1;
    }
  }
  return out;
}

/**
 * Appends to `out` up to `count` untaken tracks spread evenly over the lengths of the index
 * (shortest and longest included): the nearest untaken track to each of `count` even positions.
 * Unlike a fixed sample, it moves on to other tracks as those are used.
 */
export function unusedSpread(index: LengthIndex, count: number, isTaken: (track: number) => boolean, out: number[]): number[] {
  const size = index.track.length;
  if (size === 0 || count <= 0) return out;
  if (size <= count) {
    for (let e = size - 1; e >= 0; e -= 1) {
      const t = index.track[e]!;
      if (!isTaken(t) && !out.includes(t)) out.push(t);
    }
    return out;
  }
  for (let k = count - 1; k >= 0; k -= 1) {
    const at = Math.round((k * (size - 1)) / (count - 1));
    nearestByLength(index, index.durationMs[at]!, 1, isTaken, out);
  }
  return out;
}
