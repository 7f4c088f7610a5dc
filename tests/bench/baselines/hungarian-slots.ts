import { scoreOrder, compareScores, type Score } from '../../../lib/sequencer/score';
import type { Problem } from '../../../lib/sequencer/problem';
import { assignRows } from './hungarian';
import { anchorsThatFit, spreadUnknownAnchors } from './shared';

const CANDIDATES_PER_SLOT = 24;
const FORCE = 1e9;

/**
 * Baseline (b), the best public attempt: cut the workout into equal slots of the pool's median
 * track length, score every (slot, track) pair by the squared gap between the track's best
 * effective tempo and the curve's mean over the slot, and solve the assignment exactly with the
 * Hungarian method on a pre-filtered candidate set (the tempo-nearest tracks of each slot, plus
 * the anchors, forced in by a large bonus). Tracks play in slot order at their real lengths; the
 * slot count is tried at the estimate ± 2 and the best resulting montage (same `Score`) is kept.
 */
export function hungarianOrder(p: Problem): number[] {
  const timed: number[] = [];
  for (let i = 0; i < p.tracks.length; i += 1) if (!p.isAnchor[i] && p.bpm[i] === p.bpm[i]) timed.push(i);
  const entries = timed.flatMap((i) => [0.5, 1, 2].map((m) => ({ track: i, tempo: p.bpm[i]! * m }))).sort((a, b) => a.tempo - b.tempo || a.track - b.track);
  const lengths = Array.from(p.durationMs).sort((a, b) => a - b);
  const slotMs = lengths[Math.floor(lengths.length / 2)] ?? 240_000;
  const estimate = Math.max(1, Math.round(p.lengthMs / slotMs));
  let best: { order: number[]; score: Score } | null = null;
  for (let slots = Math.max(1, estimate - 2); slots <= estimate + 2; slots += 1) {
    const order = assignSlots(p, entries, slots);
    const score = scoreOrder(p, order);
    if (!best || compareScores(score, best.score) < 0) best = { order, score };
  }
  return best?.order ?? [];
}

function assignSlots(p: Problem, entries: readonly { track: number; tempo: number }[], slots: number): number[] {
  const anchors = anchorsThatFit(p).slice(0, slots);
  const targets = Array.from({ length: slots }, (_, s) => p.curve.between(s / slots, (s + 1) / slots));
  const columns = new Set<number>(anchors);
  for (const target of targets) for (const track of nearest(entries, target, CANDIDATES_PER_SLOT)) columns.add(track);
  const candidates = [...columns];
  if (candidates.length < slots) return candidates;
  const cost = targets.map((target) =>
    candidates.map((i) => {
      const bpm = p.bpm[i]!;
      const gap = bpm === bpm ? Math.min(...[0.5, 1, 2].map((m) => (bpm * m - target) ** 2)) : 0;
      return p.isAnchor[i] ? gap - FORCE : gap;
    }),
  );
  const assigned = assignRows(cost).map((c) => candidates[c]!);
  const laid = assigned.filter((i) => p.bpm[i] === p.bpm[i]);
  return spreadUnknownAnchors(p, laid, assigned);
}

/** Distinct tracks of the `count` entries nearest `target` in tempo. */
function nearest(entries: readonly { track: number; tempo: number }[], target: number, count: number): number[] {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (entries[mid]!.tempo < target) low = mid + 1;
    else high = mid;
  }
  const found: number[] = [];
  for (let left = low - 1, right = low; found.length < count && (left >= 0 || right < entries.length); ) {
    const takeLeft = right >= entries.length || (left >= 0 && target - entries[left]!.tempo <= entries[right]!.tempo - target);
    const track = takeLeft ? entries[left--]!.track : entries[right++]!.track;
    if (!found.includes(track)) found.push(track);
  }
  return found;
}
