import type { Intensity } from './types';

export interface Exercise {
  name: string;
  cue: string;
  intensity: Intensity;
}

/** The Russia montage as a circuit, in the film's order (see ../shared/catalog/rocky-iv.md). */
export const ROCKY_CIRCUIT: readonly Exercise[] = [
  { name: 'Log carry', cue: 'Log on the shoulder, walk tall, short steps.', intensity: 'hard' },
  { name: 'Crosscut saw', cue: 'Long strokes, drive from the hips, switch arms halfway.', intensity: 'moderate' },
  { name: 'Sled pull', cue: 'Lean into the harness, dig in, never stop moving.', intensity: 'max' },
  { name: 'Cart press', cue: 'Press the cart overhead, lock out, lower with control.', intensity: 'hard' },
  { name: 'Rock lift', cue: 'Hinge, hug the rock, stand it up, set it down.', intensity: 'hard' },
  { name: 'Pull-ups', cue: 'Full hang to chin over the beam; hanging sit-ups if you fail.', intensity: 'hard' },
  { name: 'Snow run', cue: 'High knees through the snow, arms pumping.', intensity: 'hard' },
  { name: 'Mountain climb', cue: 'Climb to the top. Shout "Drago!"', intensity: 'max' },
];

/**
 * Drago's lab, the other side of the film's montage: machines, monitors and the punch gauge. Its
 * cues read like the lab's monitors (targets as numbers, in capitals), against Rocky's words.
 */
export const DRAGO_LAB: readonly Exercise[] = [
  { name: 'Treadmill intervals', cue: 'MONITOR · SPEED 16 KM/H · INCLINE 6 % · HOLD THE PACE', intensity: 'hard' },
  { name: 'Bike sprints', cue: 'MONITOR · CADENCE 110+ RPM · RESISTANCE 8/10 · DO NOT DROP', intensity: 'max' },
  { name: 'Punch power', cue: 'MONITOR · PUNCH GAUGE · MAXIMUM FORCE · ALTERNATE HANDS', intensity: 'max' },
  { name: 'Leg extension machine', cue: 'MONITOR · LOAD 70 % 1RM · TEMPO 2-0-2 · FULL LOCKOUT', intensity: 'hard' },
  { name: 'Incline treadmill', cue: 'MONITOR · SPEED 6 KM/H · INCLINE 15 % · HEART RATE ZONE 4', intensity: 'hard' },
  { name: 'Chest press machine', cue: 'MONITOR · LOAD 75 % 1RM · 10 REPS · CONTROLLED RETURN', intensity: 'hard' },
];

export const HIIT_EXERCISES: readonly Exercise[] = [
  { name: 'Burpees', cue: 'Chest to floor, jump and clap overhead.', intensity: 'max' },
  { name: 'Jump squats', cue: 'Sit back, explode up, land soft.', intensity: 'hard' },
  { name: 'Mountain climbers', cue: 'Hips low, knees drive to the chest.', intensity: 'hard' },
  { name: 'Shadow boxing', cue: 'Jab, jab, cross. Keep your guard up.', intensity: 'hard' },
  { name: 'High knees', cue: 'Knees to hip height, quick feet.', intensity: 'max' },
  { name: 'Push-ups', cue: 'Body straight, chest to the floor.', intensity: 'hard' },
];

export const REST: Exercise = { name: 'Rest', cue: 'Breathe. Shake it out.', intensity: 'rest' };

/** Names a user may pick from a list; free text is allowed too, within the interval limits. */
export const KNOWN_EXERCISES: readonly string[] = [
  ...ROCKY_CIRCUIT.map((e) => e.name),
  ...HIIT_EXERCISES.map((e) => e.name),
  ...DRAGO_LAB.map((e) => e.name),
  'Walk',
  'Easy run',
  'Steady run',
  'Tempo run',
  'Cool-down jog',
  REST.name,
];
