import { dragoLabCurve, hiitCurve, montageArcCurve, runCurve, versusCurve, type RunShape } from './curves';
import type { TargetCurve, WorkoutMode, WorkoutSpec } from './types';

export const WORKOUT_LIMITS = {
  minLengthMin: 20,
  maxLengthMin: 90,
  minCadenceSpm: 150,
  maxCadenceSpm: 190,
  minWorkSec: 10,
  maxWorkSec: 300,
  minRestSec: 5,
  maxRestSec: 300,
} as const;

export const MODE_LABELS: Record<WorkoutMode, string> = {
  circuit: 'Rocky circuit',
  run: 'Run',
  hiit: 'HIIT',
  drago: "Drago's lab",
  versus: 'Rocky vs Drago',
};

/** How a sentence names a workout of each mode: "fits no part of this run". */
export const MODE_NOUNS: Record<WorkoutMode, string> = {
  circuit: 'circuit',
  run: 'run',
  hiit: 'HIIT workout',
  drago: "Drago's lab",
  versus: 'Rocky vs Drago montage',
};

export interface WorkoutChoice {
  mode: WorkoutMode;
  lengthMin: number;
  cadenceSpm?: number | null;
  hiitWorkSec?: number | null;
  hiitRestSec?: number | null;
  /** Run mode: what the cadence part does between the walks (steady by default). */
  runShape?: RunShape | null;
}

/** Accepted distance from the wanted length: 5 % of it, at least one minute. */
export function toleranceFor(lengthMs: number): number {
  return Math.max(60_000, Math.round(lengthMs * 0.05));
}

/**
 * The target curve for a choice, each mode its own: the runner's walks and cadence, the barn's
 * montage arc (circuit), Drago's machine, Rocky vs Drago's climb to the fight, the HIIT plateau.
 */
export function curveFor(choice: WorkoutChoice): TargetCurve {
  switch (choice.mode) {
    case 'run':
      return runCurve(choice.cadenceSpm ?? 170, choice.runShape ?? 'steady', choice.lengthMin);
    case 'circuit':
      return montageArcCurve();
    case 'drago':
      return dragoLabCurve();
    case 'versus':
      return versusCurve();
    case 'hiit':
      return hiitCurve();
  }
}

/** The full workout the sequencer and planner work from. `curve` overrides the mode's own. */
export function workoutSpecFor(choice: WorkoutChoice, curve: TargetCurve = curveFor(choice)): WorkoutSpec {
  const lengthMs = choice.lengthMin * 60_000;
  return {
    mode: choice.mode,
    lengthMs,
    toleranceMs: toleranceFor(lengthMs),
    curve,
    ...(choice.mode === 'run' ? { cadenceSpm: choice.cadenceSpm ?? 170 } : {}),
    ...(choice.mode === 'hiit' ? { hiit: { workSec: choice.hiitWorkSec ?? 40, restSec: choice.hiitRestSec ?? 20 } } : {}),
  };
}

/** A default name such as "Rocky circuit · 45 min". */
export function defaultMontageName(choice: WorkoutChoice): string {
  const detail = choice.mode === 'run' ? ` @ ${choice.cadenceSpm ?? 170} spm` : '';
  return `${MODE_LABELS[choice.mode]} · ${choice.lengthMin} min${detail}`;
}
