import { describe, expect, it } from 'vitest';
import { buildTimeline, locate } from './timeline';
import { cueFor, nextStartMs, ownCueText, previousStartMs, RESTART_WINDOW_MS, timedCuesBetween } from './workout-cues';

const interval = (offsetMs: number, durationMs: number, exercise: string, cue = '') =>
  ({ offsetMs, durationMs, kind: exercise === 'Rest' ? ('rest' as const) : ('work' as const), exercise, intensity: 'hard' as const, cue });

const steps = buildTimeline([
  {
    track: { title: 'Training Montage', artist: 'Vince DiCola', durationMs: 150_000 },
    intervals: [interval(0, 60_000, 'Crosscut saw'), interval(60_000, 20_000, 'Rest', 'Breathe. Shake it out. Next: Log carry.'), interval(80_000, 70_000, 'Snow run')],
  },
  { track: { title: 'War', artist: 'Vince DiCola', durationMs: 30_000 }, intervals: [interval(0, 30_000, 'Cart press')] },
]);

describe('previous and next', () => {
  it('goes to the start of the interval before when pressed early in one, and repeated presses keep going back', () => {
    let at = 80_500;
    at = previousStartMs(steps, at);
    expect(at).toBe(60_000);
    at = previousStartMs(steps, at);
    expect(at).toBe(0);
    expect(previousStartMs(steps, at)).toBe(0);
  });

  it('restarts the current interval once it has run a while, never landing on a last second', () => {
    expect(previousStartMs(steps, 60_000 + RESTART_WINDOW_MS)).toBe(60_000);
    for (let ms = 0; ms < 180_000; ms += 777) {
      const target = previousStartMs(steps, ms);
      expect(steps.some((s) => s.startMs === target)).toBe(true);
      expect(locate(steps, target).remainingMs).toBe(steps[locate(steps, target).index]!.endMs - target);
    }
  });

  it('from the end goes back to the last interval; next goes to the end of the current one', () => {
    expect(previousStartMs(steps, 180_000)).toBe(150_000);
    expect(nextStartMs(steps, 10_000)).toBe(60_000);
    expect(nextStartMs(steps, 180_000)).toBe(180_000);
  });
});

describe('cues', () => {
  it('names the next exercise from the order shown, not the text stored when the plan was built', () => {
    expect(cueFor(steps, 1)).toEqual({
      exercise: 'Rest',
      cue: 'Breathe. Shake it out.',
      nextExercise: 'Snow run',
      spoken: 'Rest. Breathe. Shake it out. Next: Snow run.',
    });
    expect(cueFor(steps, 3)?.nextExercise).toBeNull();
    expect(cueFor(steps, 3)?.spoken).toBe('Cart press.');
    expect(cueFor(steps, 4)).toBeNull();
  });

  it('keeps a cue with no "Next:" as written', () => {
    expect(ownCueText('Step on the beat: 170 steps/min (85 BPM in double time), target 170.')).toBe('Step on the beat: 170 steps/min (85 BPM in double time), target 170.');
    expect(ownCueText('Next: Cart press')).toBe('');
  });

  it('counts 3-2-1 before each boundary and marks halfway on intervals of a minute or more', () => {
    const [saw, rest] = steps;
    expect(timedCuesBetween(saw!, 0, 59_999)).toEqual([{ kind: 'halfway' }, { kind: 'count', secondsLeft: 3 }, { kind: 'count', secondsLeft: 2 }, { kind: 'count', secondsLeft: 1 }]);
    expect(timedCuesBetween(saw!, 56_900, 57_100)).toEqual([{ kind: 'count', secondsLeft: 3 }]);
    expect(timedCuesBetween(saw!, 57_000, 57_900)).toEqual([]);
    expect(timedCuesBetween(rest!, 60_000, 79_999).map((c) => c.kind)).toEqual(['count', 'count', 'count']);
    expect(timedCuesBetween(saw!, 30_000, 10_000)).toEqual([]);
  });
});
