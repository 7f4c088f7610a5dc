import { DRAGO_LAB, HIIT_EXERCISES, REST, ROCKY_CIRCUIT, type Exercise } from '../domain/exercises';
import type { PlannedEntry, PlannedInterval, SequenceResult, SequencedTrack, WorkoutSpec } from '../domain/types';
import { curveFraction } from '../sequencer/cost';
import { curveMean, type CurveMean } from '../sequencer/curve-mean';
import { boundaryGridMs, layOnGrid } from './bar-grid';
import { coolDownStart, isWalkPace, runCue, runZone, WALK_ZONE } from './run-zones';
import { CONTINUED_CUE } from '../domain/continued-interval';
import { versusSideAt } from '../domain/versus-side';
import { montageRounds, type RoundPiece } from './montage-rounds';
import { workRestRounds } from './work-rest';

/** Rocky circuit: each station is worked this long, then this much rest, round after round. */
export const CIRCUIT_WORK_MS = 60_000;
export const CIRCUIT_REST_MS = 20_000;
const DEFAULT_HIIT = { workSec: 40, restSec: 20 };

/**
 * Turns a sequence into timed intervals for the workout's mode:
 * - run: one interval per track, a walk where the place's target is walking pace (the walk-in and
 *   walk-out), else its zone from the track's effective tempo against the cadence (the curve's
 *   tempo when unknown), and a cue with the steps/min to hold and the place's target;
 * - circuit: work/rest rounds inside each track, the work going round `ROCKY_CIRCUIT` in the
 *   film's order across the whole montage;
 * - HIIT: rounds of exactly `workSec` then `restSec` on the montage's one clock, going on over
 *   track changes (`montageRounds`: a round that spans a change is stored as two intervals, the
 *   second with `CONTINUED_CUE`, one step on the workout clock), the work going round `HIIT_EXERCISES`;
 * - drago: the circuit's rounds going round `DRAGO_LAB` (machines, monitor-style cues);
 * - versus (Rocky vs Drago): the circuit's rounds, tracks alternating Rocky's side and Drago's as
 *   the film cuts between them (first track Rocky's), each side going on round its own stations.
 * Invariants: each track's intervals start at 0 and cover it exactly with no gap or overlap, each
 * lasts at least `INTERVAL_LIMITS.minDurationMs`, at most `maxIntervalsPerTrack` per track (so
 * `findCoverageProblems` finds none); in the circuit-like modes every boundary inside a track lies
 * on a bar line of its raw tempo (within 0.5 ms, offsets being whole ms) or on a whole second when
 * its tempo is unknown; in HIIT every boundary is where the seconds asked put it (see `montageRounds`).
 * The curve is read over the sequence as built (`sequence.totalMs`), as the sequencer does.
 */
export function planIntervals(sequence: SequenceResult, workout: WorkoutSpec): PlannedEntry[] {
  const totalMs = sequence.tracks.reduce((sum, t) => sum + Math.max(0, t.track.durationMs ?? 0), 0);
  const curve = curveMean(workout.curve);
  const stations = new Map<readonly Exercise[], number>();
  const hiit = workout.hiit ?? DEFAULT_HIIT;
  const rounds = workout.mode === 'hiit' ? montageRounds(sequence.tracks.map((t) => Math.max(0, t.track.durationMs ?? 0)), hiit.workSec * 1000, hiit.restSec * 1000) : [];
  let lastInterval: PlannedInterval | null = null;
  return sequence.tracks.map((placed, trackIndex) => {
    const trackMs = Math.max(0, placed.track.durationMs ?? 0);
    let intervals: PlannedInterval[];
    if (workout.mode === 'run') {
      intervals = [runInterval(placed, trackMs, totalMs, workout, curve)];
    } else if (workout.mode === 'hiit') {
      intervals = (rounds[trackIndex] ?? []).map((piece) => {
        const planned = hiitInterval(piece, lastInterval, () => {
          const done = stations.get(HIIT_EXERCISES) ?? 0;
          stations.set(HIIT_EXERCISES, done + 1);
          return HIIT_EXERCISES[done % HIIT_EXERCISES.length]!;
        });
        lastInterval = planned;
        return planned;
      });
    } else {
      const rotation = rotationFor(workout.mode, trackIndex);
      const laid = layOnGrid(workRestRounds(trackMs, CIRCUIT_WORK_MS, CIRCUIT_REST_MS), trackMs, boundaryGridMs(placed.track.bpm));
      intervals = laid.map(({ label, offsetMs, durationMs }) => {
        const done = stations.get(rotation) ?? 0;
        // What comes next is read from the order shown when the workout runs, never stored: a reorder would leave it stale.
        if (label === 'rest') return toInterval(REST, offsetMs, durationMs, 'rest', REST.cue);
        const exercise = rotation[done % rotation.length]!;
        stations.set(rotation, done + 1);
        return toInterval(exercise, offsetMs, durationMs, 'work', exercise.cue);
      });
    }
    return { trackId: placed.track.id, multiplier: placed.multiplier, intervals };
  });
}

/** A HIIT piece as an interval: the next station for new work, the interval it carries on for a continued piece. */
function hiitInterval(piece: RoundPiece, before: PlannedInterval | null, nextStation: () => Exercise): PlannedInterval {
  if (piece.isContinued && before !== null && before.kind === piece.kind) {
    return { offsetMs: piece.offsetMs, durationMs: piece.durationMs, kind: piece.kind, exercise: before.exercise, intensity: before.intensity, cue: CONTINUED_CUE };
  }
  if (piece.kind === 'rest') return toInterval(REST, piece.offsetMs, piece.durationMs, 'rest', REST.cue);
  const exercise = nextStation();
  return toInterval(exercise, piece.offsetMs, piece.durationMs, 'work', exercise.cue);
}

function runInterval(placed: SequencedTrack, trackMs: number, totalMs: number, workout: WorkoutSpec, curve: CurveMean): PlannedInterval {
  const from = curveFraction(placed.startMs, totalMs);
  const to = curveFraction(placed.startMs + trackMs, totalMs);
  const targetSpm = curve.between(from, to);
  const cadenceSpm = workout.cadenceSpm ?? curve.maxTempo;
  const bpm = placed.track.bpm;
  const stepsPerMin = bpm !== null && bpm > 0 ? bpm * placed.multiplier : targetSpm;
  const zone = isWalkPace(targetSpm) ? WALK_ZONE : runZone(stepsPerMin, cadenceSpm, (from + to) / 2 >= coolDownStart(workout.curve.points));
  return {
    offsetMs: 0,
    durationMs: trackMs,
    kind: 'work',
    exercise: zone.exercise,
    intensity: zone.intensity,
    cue: runCue({ bpm: bpm !== null && bpm > 0 ? bpm : null, multiplier: placed.multiplier, targetSpm }),
  };
}

/** The stations a circuit-like track's work goes round: Rocky's, or Drago's (alternating by track in versus). */
function rotationFor(mode: WorkoutSpec['mode'], trackIndex: number): readonly Exercise[] {
  if (mode === 'drago' || (mode === 'versus' && versusSideAt(trackIndex) === 'Drago')) return DRAGO_LAB;
  return ROCKY_CIRCUIT;
}

function toInterval(exercise: Exercise, offsetMs: number, durationMs: number, kind: PlannedInterval['kind'], cue: string): PlannedInterval {
  return { offsetMs, durationMs, kind, exercise: exercise.name, intensity: exercise.intensity, cue };
}
