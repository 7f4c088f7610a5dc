import type { Problem } from './problem';

const MULTIPLIER_VALUES = [0.5, 1, 2] as const;
const PACK = 2 ** 20;

/**
 * The non-anchor tracks of known tempo (with `ofAnchors`, the anchors of known tempo), each listed
 * three times (at ½×, 1× and 2×), sorted by effective tempo: the tracks nearest any target are a binary search and a short walk away.
 * Built in O(n log n) once per run; a query costs O(log n + walked entries).
 */
export interface TempoIndex {
  /** Effective tempos, ascending. */
  tempo: Float64Array;
  /** Track (index into the problem) of each entry. */
  track: Int32Array;
  size: number;
}

export function buildTempoIndex(p: Problem, ofAnchors = false): TempoIndex {
  const members: number[] = [];
  for (let i = 0; i < p.tracks.length; i += 1) {
    if (p.isAnchor[i] === (ofAnchors ? 1 : 0) && p.bpm[i] === p.bpm[i]) members.push(i);
  }
  const size = members.length * 3;
  const entries = new Float64Array(size);
  const fitsPacking = size < PACK;
  members.forEach((i, m) => {
    for (let k = 0; k < 3; k += 1) {
      const slot = m * 3 + k;
      const tempo = p.bpm[i]! * MULTIPLIER_VALUES[k]!;
      // Tempo to 1/1000 BPM in the high part, the slot in the low part: a numeric sort orders both.
      entries[slot] = fitsPacking ? Math.round(tempo * 1000) * PACK + slot : slot;
    }
  });
  const tempoOfSlot = (slot: number) => p.bpm[members[Math.floor(slot / 3)]!]! * MULTIPLIER_VALUES[slot % 3]!;
  let order: ArrayLike<number>;
  if (fitsPacking) {
    entries.sort();
    order = entries.map((packed) => packed % PACK);
  } else {
    order = Array.from(entries).sort((a, b) => tempoOfSlot(a) - tempoOfSlot(b) || a - b);
  }
  const tempo = new Float64Array(size);
  const track = new Int32Array(size);
  for (let e = 0; e < size; e += 1) {
    const slot = order[e]!;
    tempo[e] = tempoOfSlot(slot);
    track[e] = members[Math.floor(slot / 3)]!;
  }
  return { tempo, track, size };
}

/**
 * Up to `count` distinct tracks whose effective tempo (at some multiplier) is nearest `target`,
 * skipping those `isTaken` rejects, nearest first; ties go to the lower entry. Looks at no more
 * than `maxVisited` entries, so a strict `isTaken` cannot turn a query into a scan. Writes into `out`.
 */
export function nearestTracks(
  index: TempoIndex,
  target: number,
  count: number,
  isTaken: (track: number) => boolean,
  out: number[],
  maxVisited = Infinity,
): number[] {
  out.length = 0;
  const { tempo, track, size } = index;
  let low = 0;
  let high = size;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (tempo[mid]! < target) low = mid + 1;
    else high = mid;
  }
  let left = low - 1;
  let right = low;
  for (let visited = 0; out.length < count && (left >= 0 || right < size) && visited < maxVisited; visited += 1) {
    const takeLeft = right >= size || (left >= 0 && target - tempo[left]! <= tempo[right]! - target);
    const t = takeLeft ? track[left--]! : track[right++]!;
    if (!isTaken(t) && !out.includes(t)) out.push(t);
  }
  return out;
}
