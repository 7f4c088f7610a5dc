import { tempoAt } from '../domain/curves';
import { HIIT_EXERCISES, REST, ROCKY_CIRCUIT, type Exercise } from '../domain/exercises';
import { effectiveTempo } from '../domain/tempo';
import type { PlannedEntry, PlannedInterval, SequenceResult, SequencedTrack, WorkoutSpec } from '../domain/types';

const CIRCUIT_REST_MS = 20_000;

/**
 * Turns a sequence into timed intervals for the workout's mode. The intervals of each track
 * start at offset 0 and cover the whole track with no gap or overlap.
 */
export function planIntervals(sequence: SequenceResult, workout: WorkoutSpec): PlannedEntry[] {
  return sequence.tracks.map((placed, index) => ({
    trackId: placed.track.id,
    multiplier: placed.multiplier,
    intervals: planTrack(placed, index, workout),
  }));
}

function planTrack(placed: SequencedTrack, index: number, workout: WorkoutSpec): PlannedInterval[] {
  const durationMs = placed.track.durationMs ?? 0;
  switch (workout.mode) {
    case 'circuit':
      return workThenRest(ROCKY_CIRCUIT[index % ROCKY_CIRCUIT.length]!, durationMs, CIRCUIT_REST_MS);
    case 'hiit':
      return hiitCycles(placed, index, durationMs, workout);
    case 'run':
      return [runInterval(placed, durationMs, workout)];
  }
}

function workThenRest(exercise: Exercise, durationMs: number, restMs: number): PlannedInterval[] {
  if (durationMs <= restMs * 2) return [toInterval(exercise, 0, durationMs, 'work')];
  return [
    toInterval(exercise, 0, durationMs - restMs, 'work'),
    toInterval(REST, durationMs - restMs, restMs, 'rest'),
  ];
}

function hiitCycles(placed: SequencedTrack, index: number, durationMs: number, workout: WorkoutSpec): PlannedInterval[] {
  const workMs = (workout.hiit?.workSec ?? 40) * 1000;
  const restMs = (workout.hiit?.restSec ?? 20) * 1000;
  const intervals: PlannedInterval[] = [];
  let offsetMs = 0;
  let round = 0;
  while (offsetMs < durationMs) {
    const exercise = HIIT_EXERCISES[(index * 3 + round) % HIIT_EXERCISES.length]!;
    const left = durationMs - offsetMs;
    if (left < workMs + restMs) {
      // The tail is too short for a full round: stretch the last rest, or work it all if there was none.
      if (intervals.length > 0 && left <= restMs * 2) {
        intervals.push(toInterval(REST, offsetMs, left, 'rest'));
      } else {
        const work = Math.max(left - restMs, Math.ceil(left / 2));
        intervals.push(toInterval(exercise, offsetMs, work, 'work'));
        if (left > work) intervals.push(toInterval(REST, offsetMs + work, left - work, 'rest'));
      }
      break;
    }
    intervals.push(toInterval(exercise, offsetMs, workMs, 'work'));
    intervals.push(toInterval(REST, offsetMs + workMs, restMs, 'rest'));
    offsetMs += workMs + restMs;
    round += 1;
  }
  return intervals;
}

function runInterval(placed: SequencedTrack, durationMs: number, workout: WorkoutSpec): PlannedInterval {
  const fraction = (placed.startMs + durationMs / 2) / workout.lengthMs;
  const cadence = workout.cadenceSpm ?? tempoAt(workout.curve, fraction);
  const target = Math.round(tempoAt(workout.curve, fraction));
  const phase =
    fraction < 0.2
      ? { name: 'Easy run', intensity: 'easy' as const }
      : fraction < 0.35
        ? { name: 'Steady run', intensity: 'moderate' as const }
        : fraction < 0.8
          ? { name: 'Tempo run', intensity: 'hard' as const }
          : { name: 'Cool-down jog', intensity: 'easy' as const };
  const beat =
    placed.track.bpm === null
      ? `Tempo unknown: hold about ${target} steps/min.`
      : `Step on the beat: ${Math.round(effectiveTempo(placed.track.bpm, placed.multiplier))} steps/min (target ${target}, cadence ${Math.round(cadence)}).`;
  return { offsetMs: 0, durationMs, kind: 'work', exercise: phase.name, intensity: phase.intensity, cue: beat };
}

function toInterval(exercise: Exercise, offsetMs: number, durationMs: number, kind: PlannedInterval['kind']): PlannedInterval {
  return { offsetMs, durationMs, kind, exercise: exercise.name, intensity: exercise.intensity, cue: exercise.cue };
}
