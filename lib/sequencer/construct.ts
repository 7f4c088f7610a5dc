import { bestSquaredError } from './cost';
import type { Problem } from './problem';
import { nearestTracks, type TempoIndex } from './tempo-index';

const CANDIDATES = 16;
const SAME_ARTIST_PENALTY = 1e12;

/**
 * A first montage, built left to right on a time axis of `lengthMs`: each anchor is booked at the
 * time where the curve suits it best (anchors of unknown tempo are spread evenly) and placed when
 * that time comes; between anchors, the free track whose effective tempo best matches the curve
 * over its own span goes next, avoiding the previous track's artist. The local search improves it.
 * `anchors` are the ones to place: by default all, or the `anchorCapacity` shortest when they
 * cannot all fit.
 */
export function constructOrder(p: Problem, index: TempoIndex, typicalMs: number, anchors: readonly number[] = shortestAnchors(p)): number[] {
  const axisMs = p.lengthMs > 0 ? p.lengthMs : 1;
  const booked = bookAnchors(p, anchors, axisMs);
  const used = new Uint8Array(p.tracks.length);
  const order: number[] = [];
  const candidates: number[] = [];
  let anchorMsLeft = booked.reduce((sum, b) => sum + p.durationMs[b.track]!, 0);
  let t = 0;
  const place = (track: number) => {
    order.push(track);
    used[track] = 1;
    t += p.durationMs[track]!;
  };
  let next = 0;
  for (;;) {
    const anchor = booked[next];
    if (anchor && t + typicalMs / 2 >= anchor.atMs) {
      place(anchor.track);
      anchorMsLeft -= p.durationMs[anchor.track]!;
      next += 1;
      continue;
    }
    const freeMsLeft = p.lengthMs - t - anchorMsLeft;
    let best = -1;
    if (freeMsLeft >= typicalMs / 2) {
      const target = p.curve.between(t / axisMs, (t + typicalMs) / axisMs);
      const previousArtist = order.length > 0 ? p.artist[order[order.length - 1]!]! : -1;
      let bestError = Infinity;
      for (const c of nearestTracks(index, target, CANDIDATES, (i) => used[i] === 1, candidates)) {
        const d = p.durationMs[c]!;
        if (t + d + anchorMsLeft > p.maxMs) continue;
        const own = p.curve.between(t / axisMs, (t + d) / axisMs);
        const error = bestSquaredError(p.bpm[c]!, own) + (p.artist[c] === previousArtist ? SAME_ARTIST_PENALTY : 0);
        if (error < bestError) {
          bestError = error;
          best = c;
        }
      }
    }
    if (best >= 0) place(best);
    else if (anchor) {
      place(anchor.track);
      anchorMsLeft -= p.durationMs[anchor.track]!;
      next += 1;
    } else break;
  }
  return order;
}

interface Booking {
  track: number;
  atMs: number;
}

/** The `anchorCapacity` shortest anchors (all of them when they fit), in pool order. */
export function shortestAnchors(p: Problem): number[] {
  return [...p.anchors]
    .sort((a, b) => p.durationMs[a]! - p.durationMs[b]! || a - b)
    .slice(0, p.anchorCapacity)
    .sort((a, b) => a - b);
}

/** When each of `chosen` should start, in order of that time (ties keep pool order). */
function bookAnchors(p: Problem, chosen: readonly number[], axisMs: number): Booking[] {
  const unknown = chosen.filter((a) => p.bpm[a] !== p.bpm[a]);
  const bookings: Booking[] = [];
  unknown.forEach((track, j) => {
    bookings.push({ track, atMs: ((j + 0.5) / unknown.length) * axisMs - p.durationMs[track]! / 2 });
  });
  const steps = 200;
  for (const track of chosen) {
    const b = p.bpm[track]!;
    if (b !== b) continue;
    const d = p.durationMs[track]!;
    let bestAt = 0;
    let bestError = Infinity;
    for (let s = 0; s <= steps; s += 1) {
      const at = (s / steps) * Math.max(0, axisMs - d);
      const error = bestSquaredError(b, p.curve.between(at / axisMs, (at + d) / axisMs));
      if (error < bestError - 1e-9) {
        bestError = error;
        bestAt = at;
      }
    }
    bookings.push({ track, atMs: bestAt });
  }
  return bookings.sort((x, y) => x.atMs - y.atMs || x.track - y.track);
}
