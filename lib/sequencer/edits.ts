import { bestMultiplier } from '../domain/tempo';
import type { Multiplier, PoolTrack, WorkoutSpec } from '../domain/types';
import { bestSquaredError, sequenceCost } from './cost';
import { toProblem, type Problem } from './problem';
import { compareScores, copyScore, emptyScore, scoreOrder, type Score } from './score';
import { toSequencedTracks } from './sequenced-tracks';
import type { MontageSequence } from './index';
import { distinctTracks, SequencerInputError, validateWorkout } from './validate';

/** One place of a montage being edited: its track, and whether the user chose it (moved, swapped, set a tempo on). */
export interface EditedEntry {
  trackId: string;
  pinned: boolean;
}

/** Tracks of the pool looked at per free place when re-fitting. */
const REFIT_CANDIDATES = 24;
const MAX_REFIT_PASSES = 20;

/**
 * Re-sequences a montage after an edit: every pinned entry keeps its track and its place; each
 * other place gets the unused pool track (its own included) that best fits the curve there, then
 * free places are swapped and re-filled while the montage improves by the sequencer's own `Score`
 * (rules before cost), so the length never gets worse than the entries' own. Deterministic; a
 * pinned track missing from `pool` (or without a length of at least 1 s) throws
 * `SequencerInputError` naming `entries.N.trackId`.
 */
export function resequenceWithPins(pool: readonly PoolTrack[], workout: WorkoutSpec, entries: readonly EditedEntry[]): MontageSequence {
  validateWorkout(workout);
  const p = toProblem(distinctTracks(pool), workout);
  const indexOf = new Map(p.tracks.map((t, i) => [t.id, i]));
  const order: number[] = [];
  const pinned: boolean[] = [];
  entries.forEach((entry, k) => {
    const i = indexOf.get(entry.trackId);
    if (i === undefined) {
      if (entry.pinned) throw new SequencerInputError(`entries.${k}.trackId`, 'a pinned track must be in the pool with a length of at least 1 s');
      return;
    }
    if (order.includes(i)) return;
    order.push(i);
    pinned.push(entry.pinned);
  });
  const used = new Uint8Array(p.tracks.length);
  for (const i of order) used[i] = 1;
  const current = scoreOrder(p, order);
  const trial = emptyScore();
  const candidates: number[] = [];
  const tryOrder = (): boolean => {
    scoreOrder(p, order, order.length, trial);
    if (compareScores(trial, current) >= 0) return false;
    copyScore(trial, current);
    return true;
  };
  for (let pass = 0, improved = true; improved && pass < MAX_REFIT_PASSES; pass += 1) {
    improved = false;
    for (let at = 0; at < order.length; at += 1) {
      if (pinned[at]) continue;
      const old = order[at]!;
      nearestFree(p, order, at, current, used, candidates);
      for (const c of candidates) {
        order[at] = c;
        if (tryOrder()) {
          used[old] = 0;
          used[c] = 1;
          improved = true;
          break;
        }
        order[at] = old;
      }
    }
    for (let a = 0; a < order.length; a += 1) {
      if (pinned[a]) continue;
      for (let b = a + 1; b < order.length; b += 1) {
        if (pinned[b]) continue;
        [order[a], order[b]] = [order[b]!, order[a]!];
        if (tryOrder()) improved = true;
        else [order[a], order[b]] = [order[b]!, order[a]!];
      }
    }
  }
  return toMontageSequence(p, workout, order, current);
}

/** A ranked replacement for one place of a montage. */
export interface SlotAlternative {
  track: PoolTrack;
  /** The multiplier it would play at in that place. */
  multiplier: Multiplier;
  /** The montage's `sequenceCost` with this track in the place (lower is better; the ranking's last key). */
  cost: number;
}

/** Tracks of the pool scored in full per query: the tempo-nearest for the place, by one linear pass. */
const ALTERNATIVES_SHORTLIST = 64;

/**
 * The best replacements for the track at `at` of `montage` (track ids in order), best first, at
 * most `limit`: tracks of the pool not in the montage, of known tempo and length, that keep the
 * montage within `lengthMs + toleranceMs`, ranked by the montage's `Score` with the track in that
 * place (anchors, shortfall, same-artist neighbours, then cost). One linear pass over the pool
 * shortlists the tracks whose tempo best fits the place; only those are scored in full, so a
 * query costs O(pool + shortlist × montage length). Throws `SequencerInputError` for an `at`
 * outside the montage.
 */
export function alternativesForSlot(pool: readonly PoolTrack[], workout: WorkoutSpec, montage: readonly string[], at: number, limit = 10): SlotAlternative[] {
  validateWorkout(workout);
  if (!Number.isInteger(at) || at < 0 || at >= montage.length) throw new SequencerInputError('at', 'must be a place of the montage');
  const inMontage = new Set(montage);
  const byId = new Map<string, PoolTrack>();
  for (const t of pool) if (!byId.has(t.id)) byId.set(t.id, t);
  const placed = montage.map((id) => byId.get(id));
  if (placed.some((t) => t === undefined)) throw new SequencerInputError('montage', 'every track of the montage must be in the pool');
  const lengths = placed.map((t) => Math.max(0, t!.durationMs ?? 0));
  const totalMs = lengths.reduce((a, b) => a + b, 0);
  const maxMs = workout.lengthMs + workout.toleranceMs;
  const startMs = lengths.slice(0, at).reduce((a, b) => a + b, 0);
  const slotMs = lengths[at]!;
  // Shortlist: one pass, keeping the tracks of least duration-weighted error at the place's tempo.
  const p0 = toProblem([], workout);
  const target = p0.curve.between(startMs / Math.max(1, totalMs), (startMs + slotMs) / Math.max(1, totalMs));
  const shortlist: { track: PoolTrack; error: number }[] = [];
  let worst = Infinity;
  const seen = new Set<string>();
  for (const t of pool) {
    if (inMontage.has(t.id) || seen.has(t.id) || t.bpm === null || !Number.isFinite(t.bpm) || t.bpm <= 0) continue;
    const d = t.durationMs;
    if (d === null || !Number.isFinite(d) || d < 1_000 || totalMs - slotMs + d > maxMs) continue;
    seen.add(t.id);
    const error = bestSquaredError(t.bpm, target) + (Math.abs(d - slotMs) / 60_000) * 1e-3;
    if (shortlist.length >= ALTERNATIVES_SHORTLIST && error >= worst) continue;
    shortlist.push({ track: t, error });
    if (shortlist.length > ALTERNATIVES_SHORTLIST * 2) {
      shortlist.sort((a, b) => a.error - b.error);
      shortlist.length = ALTERNATIVES_SHORTLIST;
      worst = shortlist[shortlist.length - 1]!.error;
    }
  }
  shortlist.sort((a, b) => a.error - b.error);
  shortlist.length = Math.min(shortlist.length, ALTERNATIVES_SHORTLIST);
  // Each shortlisted track scored in the montage, on a problem of the montage's tracks and the shortlist only.
  const local = toProblem([...placed.map((t) => t!), ...shortlist.map((s) => s.track)], workout);
  const order = placed.map((_, k) => k);
  const ranked = shortlist.map((s, k) => {
    const i = placed.length + k;
    order[at] = i;
    const score = scoreOrder(local, order);
    return { i, score };
  });
  order[at] = at;
  ranked.sort((a, b) => compareScores(a.score, b.score) || a.i - b.i);
  return ranked.slice(0, Math.max(0, limit)).map(({ i, score }) => {
    const track = local.tracks[i]!;
    const startFraction = startMs / score.totalMs;
    const multiplier = bestMultiplier(local.bpm[i]!, local.curve.between(startFraction, (startMs + local.durationMs[i]!) / score.totalMs));
    return { track, multiplier, cost: score.cost };
  });
}

function nearestFree(p: Problem, order: readonly number[], at: number, score: Score, used: Uint8Array, out: number[]): void {
  out.length = 0;
  let startMs = 0;
  for (let k = 0; k < at; k += 1) startMs += p.durationMs[order[k]!]!;
  const total = score.totalMs > 0 ? score.totalMs : 1;
  const slotMs = p.durationMs[order[at]!]!;
  const target = p.curve.between(startMs / total, (startMs + slotMs) / total);
  const errors: { i: number; error: number }[] = [];
  for (let i = 0; i < p.tracks.length; i += 1) {
    if (used[i] || p.isAnchor[i]) continue;
    const b = p.bpm[i]!;
    errors.push({ i, error: b === b ? bestSquaredError(b, target) : Infinity });
  }
  errors.sort((a, b) => a.error - b.error || a.i - b.i);
  for (const e of errors.slice(0, REFIT_CANDIDATES)) out.push(e.i);
}

function toMontageSequence(p: Problem, workout: WorkoutSpec, order: number[], score: Score): MontageSequence {
  const tracks = toSequencedTracks(p, order);
  return {
    tracks,
    totalMs: score.totalMs,
    cost: sequenceCost(tracks, workout, p.curve),
    shortfallMs: score.shortfallMs,
    anchorsLeftOut: score.anchorsMissing,
    sameArtistPairs: score.sameArtistPairs,
  };
}
