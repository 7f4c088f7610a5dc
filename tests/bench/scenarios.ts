import { hiitAlternationCurve, montageArcCurve, pyramidCurve, runCurve } from '../../lib/domain/curves';
import type { WorkoutSpec } from '../../lib/domain/types';
import { toleranceFor } from '../../lib/domain/workout';

/** A 60-minute workout the benchmark sequences, with or without the Rocky IV anchors in the pool. */
export interface Scenario {
  name: string;
  withRockyAnchors: boolean;
  workout: WorkoutSpec;
}

export const MONTAGE_MS = 60 * 60_000;

const workout = (mode: WorkoutSpec['mode'], curve: WorkoutSpec['curve'], extra: Partial<WorkoutSpec> = {}): WorkoutSpec => ({
  mode,
  lengthMs: MONTAGE_MS,
  toleranceMs: toleranceFor(MONTAGE_MS),
  curve,
  ...extra,
});

export const SCENARIOS: readonly Scenario[] = [
  { name: 'circuit, montage arc, Rocky anchors', withRockyAnchors: true, workout: workout('circuit', montageArcCurve()) },
  { name: 'run 170 spm, warm-up/build/peak/cool-down, Rocky anchors', withRockyAnchors: true, workout: workout('run', runCurve(170), { cadenceSpm: 170 }) },
  { name: 'pyramid 100→150 BPM, no anchors', withRockyAnchors: false, workout: workout('circuit', pyramidCurve(100, 150, 3)) },
  { name: 'HIIT alternation 110/140 BPM × 4, no anchors', withRockyAnchors: false, workout: workout('hiit', hiitAlternationCurve(110, 140, 4), { hiit: { workSec: 40, restSec: 20 } }) },
];
