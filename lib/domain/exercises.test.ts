import { describe, expect, it } from 'vitest';
import { INTERVAL_LIMITS } from './intervals';
import { HIIT_EXERCISES, KNOWN_EXERCISES, REST, ROCKY_CIRCUIT } from './exercises';

/** Every exercise a plan can hand out shows a name and a cue, and fits the interval limits. */
describe('exercises', () => {
  it.each([...ROCKY_CIRCUIT, ...HIIT_EXERCISES, REST])('$name has a name and a cue within the limits', (exercise) => {
    expect(exercise.name.trim().length).toBeGreaterThan(2);
    expect(exercise.name.length).toBeLessThanOrEqual(INTERVAL_LIMITS.exerciseMaxLength);
    expect(exercise.cue.trim().length).toBeGreaterThan(10);
    expect(exercise.cue.length).toBeLessThanOrEqual(INTERVAL_LIMITS.cueMaxLength);
  });

  it('runs the Russia montage in the film’s order, from the log carry to the mountain top', () => {
    expect(ROCKY_CIRCUIT.map((e) => e.name)).toEqual(['Log carry', 'Crosscut saw', 'Sled pull', 'Cart press', 'Rock lift', 'Pull-ups', 'Snow run', 'Mountain climb']);
    expect(ROCKY_CIRCUIT.every((e) => e.intensity !== 'rest')).toBe(true);
    expect(HIIT_EXERCISES.every((e) => e.intensity === 'hard' || e.intensity === 'max')).toBe(true);
  });

  it('offers every exercise once in the pick list, runs and rest included', () => {
    expect(new Set(KNOWN_EXERCISES).size).toBe(KNOWN_EXERCISES.length);
    expect(KNOWN_EXERCISES).toEqual(expect.arrayContaining(['Easy run', 'Steady run', 'Tempo run', 'Cool-down jog', 'Rest', 'Burpees', 'Log carry']));
    expect(KNOWN_EXERCISES.every((name) => name.trim().length > 2)).toBe(true);
    expect(REST.intensity).toBe('rest');
  });
});
