import { bestMultiplier } from '../domain/tempo';
import type { SequencedTrack } from '../domain/types';
import type { Problem } from './problem';

/** Lays `order` end to end from 0, each track at its best multiplier for its span (1× when its tempo is unknown). */
export function toSequencedTracks(p: Problem, order: readonly number[]): SequencedTrack[] {
  let totalMs = 0;
  for (const i of order) totalMs += p.durationMs[i]!;
  let startMs = 0;
  return order.map((i) => {
    const durationMs = p.durationMs[i]!;
    const bpm = p.bpm[i]!;
    const multiplier = bpm === bpm ? bestMultiplier(bpm, p.curve.between(startMs / totalMs, (startMs + durationMs) / totalMs)) : 1;
    const placed: SequencedTrack = { track: p.tracks[i]!, multiplier, startMs };
    startMs += durationMs;
    return placed;
  });
}
