import { INTERVAL_LIMITS } from '../domain/intervals';
import { barMs } from '../domain/tempo';

/** A stretch of a track as the plan wants it, before it is put on the beat. */
export interface NominalSegment<T> {
  label: T;
  durationMs: number;
}

export interface GridSegment<T> {
  label: T;
  offsetMs: number;
  durationMs: number;
}

/**
 * The grid every boundary inside a track lies on: one 4/4 bar of the track's *raw* tempo (the bar
 * lines are in the music, whatever multiplier the runner steps to; at ½× a felt bar is two raw
 * bars, so a raw bar line is still on the beat), or a whole second when the tempo is unknown.
 * The grid starts at the track's first millisecond: no downbeat offset is known.
 */
export function boundaryGridMs(bpm: number | null): number {
  return bpm !== null && Number.isFinite(bpm) && bpm > 0 ? barMs(bpm) : 1000;
}

/**
 * Puts `segments` (in order, meant to fill a track of `trackMs`) on the grid: each inner boundary
 * moves to the nearest grid line, at least `INTERVAL_LIMITS.minDurationMs` after the previous one,
 * and is rounded to a whole ms (so it lies within 0.5 ms of a grid line). The first segment starts
 * at 0 and the last ends at `trackMs`: the result covers the track with no gap or overlap. A last
 * segment that would end up shorter than the minimum is merged into the one before it.
 * An empty `segments` or a track shorter than the minimum gives one segment with the first label.
 */
export function layOnGrid<T>(segments: readonly NominalSegment<T>[], trackMs: number, gridMs: number): GridSegment<T>[] {
  const first = segments[0];
  if (!first) return [];
  const minMs = INTERVAL_LIMITS.minDurationMs;
  const minLines = Math.max(1, Math.ceil(minMs / gridMs - 1e-9));
  const lines: number[] = [];
  let previousLine = 0;
  let nominalEndMs = 0;
  for (let k = 0; k < segments.length - 1; k += 1) {
    nominalEndMs += segments[k]!.durationMs;
    const line = Math.max(previousLine + minLines, Math.round(nominalEndMs / gridMs));
    lines.push(line);
    previousLine = line;
  }
  // Drop boundaries too close to the end of the track (the last segment joins the one before).
  while (lines.length > 0 && trackMs - Math.round(lines[lines.length - 1]! * gridMs) < minMs) lines.pop();
  const laid: GridSegment<T>[] = [];
  let offsetMs = 0;
  lines.forEach((line, k) => {
    const endMs = Math.round(line * gridMs);
    laid.push({ label: segments[k]!.label, offsetMs, durationMs: endMs - offsetMs });
    offsetMs = endMs;
  });
  laid.push({ label: segments[lines.length]!.label, offsetMs, durationMs: trackMs - offsetMs });
  return laid;
}
