import { INTERVAL_LIMITS } from '../domain/intervals';
import type { IntervalKind } from '../domain/types';

/** A part of a work or rest interval inside one track. */
export interface RoundPiece {
  kind: IntervalKind;
  /** Where it starts in its track. */
  offsetMs: number;
  durationMs: number;
  /** True for the first piece of a track when its interval began in the track before. */
  isContinued: boolean;
}

/**
 * HIIT rounds on the montage's one clock: work of exactly `workMs` then rest of exactly `restMs`,
 * from the montage's first millisecond to its last, whatever the tracks; the rounds go on over
 * track changes. Each track gets the pieces that fall inside it (`isContinued` for the first when
 * its interval began before the track), so the intervals of a track cover it with no gap or
 * overlap, as they are stored. Exact except where the plan must bend, by at most a second, always
 * at a track change or the montage's end: a piece shorter than `INTERVAL_LIMITS.minDurationMs`
 * joins its neighbour in the same track; the montage's last round is as long as the music left.
 * A track that would hold more than `INTERVAL_LIMITS.maxIntervalsPerTrack` pieces (a 10 s/5 s
 * plan over a track of 7.5 min or more) has its last pieces joined into one.
 */
export function montageRounds(trackLengthsMs: readonly number[], workMs: number, restMs: number): RoundPiece[][] {
  const roundMs = workMs + restMs;
  let trackStartMs = 0;
  return trackLengthsMs.map((lengthMs) => {
    const startMs = trackStartMs;
    const endMs = startMs + lengthMs;
    trackStartMs = endMs;
    const pieces: RoundPiece[] = [];
    let atMs = startMs;
    while (atMs < endMs) {
      const intoRoundMs = atMs % roundMs;
      const isWork = intoRoundMs < workMs;
      const phaseStartMs = atMs - (isWork ? intoRoundMs : intoRoundMs - workMs);
      const phaseEndMs = phaseStartMs + (isWork ? workMs : restMs);
      const pieceEndMs = Math.min(endMs, phaseEndMs);
      pieces.push({ kind: isWork ? 'work' : 'rest', offsetMs: atMs - startMs, durationMs: pieceEndMs - atMs, isContinued: atMs === startMs && phaseStartMs < startMs });
      atMs = pieceEndMs;
    }
    return withinLimits(pieces);
  });
}

function withinLimits(pieces: RoundPiece[]): RoundPiece[] {
  const minMs = INTERVAL_LIMITS.minDurationMs;
  const first = pieces[0];
  if (first && pieces.length > 1 && first.durationMs < minMs) {
    // A sliver at the start: the next piece starts at 0 instead.
    const next = pieces[1]!;
    pieces.splice(0, 2, { ...next, offsetMs: 0, durationMs: first.durationMs + next.durationMs, isContinued: false });
  }
  const last = pieces[pieces.length - 1];
  if (last && pieces.length > 1 && last.durationMs < minMs) {
    pieces.pop();
    pieces[pieces.length - 1]!.durationMs += last.durationMs;
  }
  while (pieces.length > INTERVAL_LIMITS.maxIntervalsPerTrack) {
    const tail = pieces.pop()!;
    pieces[pieces.length - 1]!.durationMs += tail.durationMs;
  }
  return pieces;
}
