import { DRAGO_LAB, REST, ROCKY_CIRCUIT } from './exercises';

/** Whose training a track of Rocky vs Drago is, as the film cuts between the barn and the lab. */
export type VersusSide = 'Rocky' | 'Drago';

/** The side of the track at `trackIndex` when the montage is built: Rocky's first, then turn about. */
export function versusSideAt(trackIndex: number): VersusSide {
  return trackIndex % 2 === 0 ? 'Rocky' : 'Drago';
}

const ROCKY_STATIONS = new Set(ROCKY_CIRCUIT.map((e) => e.name));
const DRAGO_STATIONS = new Set(DRAGO_LAB.map((e) => e.name));

/**
 * The side a track's intervals train (its stations: every exercise but the rest), so a reordered
 * montage still names each track's side as planned; null when they name no station of one side
 * alone (edited by hand). Reads exercises only: the share page's packed intervals carry no kind.
 */
export function versusSideOf(intervals: readonly { exercise: string }[]): VersusSide | null {
  const work = intervals.filter((i) => i.exercise !== REST.name);
  if (work.length > 0 && work.every((i) => DRAGO_STATIONS.has(i.exercise))) return 'Drago';
  if (work.length > 0 && work.every((i) => ROCKY_STATIONS.has(i.exercise))) return 'Rocky';
  return null;
}
