import { INTERVAL_LIMITS } from '../domain/intervals';
import type { IntervalKind } from '../domain/types';
import type { NominalSegment } from './bar-grid';

/**
 * Work/rest rounds filling a track of `trackMs`, before they are put on the beat: full rounds of
 * `workMs` then `restMs` while they fit; a tail of at least half a work plus a rest becomes a
 * shorter last round, a smaller tail lengthens the last work. A track shorter than one round is
 * split in proportion (all work when too short to split). When the rounds would pass
 * `INTERVAL_LIMITS.maxIntervalsPerTrack` intervals, work and rest are stretched alike to fit.
 */
export function workRestRounds(trackMs: number, workMs: number, restMs: number): NominalSegment<IntervalKind>[] {
  const roundMs = workMs + restMs;
  const maxRounds = Math.floor(INTERVAL_LIMITS.maxIntervalsPerTrack / 2) - 1;
  const stretch = trackMs / roundMs > maxRounds ? trackMs / (maxRounds * roundMs) : 1;
  const work = workMs * stretch;
  const rest = restMs * stretch;
  const segments: NominalSegment<IntervalKind>[] = [];
  let leftMs = trackMs;
  while (leftMs >= work + rest) {
    segments.push({ label: 'work', durationMs: work }, { label: 'rest', durationMs: rest });
    leftMs -= work + rest;
  }
  if (leftMs <= 0) return segments;
  if (segments.length === 0) {
    const workShare = Math.max(INTERVAL_LIMITS.minDurationMs, (leftMs * work) / (work + rest));
    if (leftMs - workShare < INTERVAL_LIMITS.minDurationMs) return [{ label: 'work', durationMs: leftMs }];
    return [
      { label: 'work', durationMs: workShare },
      { label: 'rest', durationMs: leftMs - workShare },
    ];
  }
  if (leftMs >= work / 2 + rest) {
    segments.push({ label: 'work', durationMs: leftMs - rest }, { label: 'rest', durationMs: rest });
  } else {
    segments[segments.length - 2]!.durationMs += leftMs;
  }
  return segments;
}
