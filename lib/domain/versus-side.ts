import { DRAGO_LAB, ROCKY_CIRCUIT } from './exercises';

/** Whose training a track of Rocky vs Drago is, as the film cuts between the barn and the lab. */
export type VersusSide = 'Rocky' | 'Drago';

/** The side of the track at `trackIndex` when the montage is built: Rocky's first, then turn about. */
export function versusSideAt(trackIndex: number): VersusSide {
  return trackIndex % 2 === 0 ? 'Rocky' : 'Drago';
}

const ROCKY_STATIONS = new Set(ROCKY_CIRCUIT.map((e) => e.name));
const DRAGO_STATIONS = new Set(DRAGO_LAB.map((e) => e.name));

/**
 * The side a track's intervals train (its work stations), so a reordered montage still names each
 * track's side as planned; null when its work names no station of either side (edited by hand).
 */
export function versusSideOf(intervals: readonly { kind: string; exercise: string }[]): VersusSide | null {
  const work = intervals.filter((i) => i.kind === 'work');
  if (work.length > 0 && work.every((i) => DRAGO_STATIONS.has(i.exercise))) return 'Drago';
  if (work.length > 0 && work.every((i) => ROCKY_STATIONS.has(i.exercise))) return 'Rocky';
  return null;
}
