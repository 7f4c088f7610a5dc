import { describe, expect, it } from 'vitest';
import { workoutSpecFor } from '../domain/workout';
import { workoutChoiceFor } from './workout-choice';

describe('a plan session as a montage to build', () => {
  it('gives a run its cadence and a length from its blocks plus the walks', () => {
    const choice = workoutChoiceFor('run', { workSec: 240, restSec: 60, rounds: 4, cadenceSpm: 165, exercises: {} });
    expect(choice).toEqual({ mode: 'run', lengthMin: 30, cadenceSpm: 165 });
    expect(workoutSpecFor(choice).cadenceSpm).toBe(165);
  });

  it('gives HIIT its work and rest, and keeps a short session at the builder’s 20 minutes', () => {
    expect(workoutChoiceFor('hiit', { workSec: 45, restSec: 15, rounds: 6, cadenceSpm: null, exercises: {} })).toEqual({ mode: 'hiit', lengthMin: 20, hiitWorkSec: 45, hiitRestSec: 15 });
  });

  it('caps a long circuit at 90 minutes', () => {
    expect(workoutChoiceFor('circuit', { workSec: 300, restSec: 60, rounds: 30, cadenceSpm: null, exercises: {} })).toEqual({ mode: 'circuit', lengthMin: 90 });
  });
});
