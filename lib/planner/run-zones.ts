import { RUN_WALK_SPM } from '../domain/curves';
import type { Intensity } from '../domain/types';

export interface RunZone {
  exercise: 'Walk' | 'Easy run' | 'Steady run' | 'Tempo run' | 'Cool-down jog';
  intensity: Intensity;
}

/** Effective tempo at or above this share of the cadence is a tempo run; below STEADY_SHARE, easy. */
const TEMPO_SHARE = 0.985;
const STEADY_SHARE = 0.94;

/**
 * The zone of a run track from the steps/min it asks for (`stepsPerMin`: the track's effective
 * tempo, or the curve's when the tempo is unknown) against the runner's `cadenceSpm`, and whether
 * it plays in the curve's closing descent (`isCoolingDown`): a cool-down jog there unless it still
 * asks for tempo pace.
 */
export function runZone(stepsPerMin: number, cadenceSpm: number, isCoolingDown: boolean): RunZone {
  const share = stepsPerMin / cadenceSpm;
  if (share >= TEMPO_SHARE) return { exercise: 'Tempo run', intensity: share > 1.03 ? 'max' : 'hard' };
  if (isCoolingDown) return { exercise: 'Cool-down jog', intensity: 'easy' };
  if (share >= STEADY_SHARE) return { exercise: 'Steady run', intensity: 'moderate' };
  return { exercise: 'Easy run', intensity: 'easy' };
}

/** The zone of a place whose target is a walk, whatever the track's own tempo. */
export const WALK_ZONE: RunZone = { exercise: 'Walk', intensity: 'easy' };

/**
 * The fastest target that is still a walk: the top of a run's walks (`RUN_WALK_SPM.to`) and 8 %,
 * for a track that plays its last half-minute on the slope to the cadence. Under the slowest
 * cadence part there is (150 spm − 5 % = 142.5).
 */
const WALK_MAX_SPM = RUN_WALK_SPM.to * 1.08;

/** Whether the target of a place (`targetSpm`) is a walk: the walk-in or walk-out of a run. */
export function isWalkPace(targetSpm: number): boolean {
  return targetSpm <= WALK_MAX_SPM;
}

/**
 * Where the curve's closing descent starts, as a fraction of the workout: just after the last
 * point at the curve's highest tempo, when every later point is lower (1 when it ends on its peak).
 */
export function coolDownStart(points: readonly { atFraction: number; tempo: number }[]): number {
  let peak = -Infinity;
  let peakAt = 1;
  for (const point of points) {
    if (point.tempo >= peak) {
      peak = point.tempo;
      peakAt = point.atFraction;
    }
  }
  const last = points[points.length - 1];
  return last && last.tempo < peak ? peakAt : 1;
}

/** "Step on the beat: 196 steps/min (98 BPM in double time), target 172." */
export function runCue(options: { bpm: number | null; multiplier: number; targetSpm: number }): string {
  const target = Math.round(options.targetSpm);
  if (options.bpm === null) return `Tempo unknown: hold about ${target} steps/min.`;
  const steps = Math.round(options.bpm * options.multiplier);
  const time = options.multiplier === 2 ? ' in double time' : options.multiplier === 0.5 ? ' in half time' : '';
  return `Step on the beat: ${steps} steps/min (${Math.round(options.bpm)} BPM${time}), target ${target}.`;
}
