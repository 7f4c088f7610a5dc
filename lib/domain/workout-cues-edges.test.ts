import { describe, expect, it } from 'vitest';
import { cueFor, ownCueText, timedCuesBetween } from './workout-cues';
import type { TimelineStep } from './timeline';

const step = (startMs: number, endMs: number, exercise = 'Sled pull', cue = ''): TimelineStep => ({
  startMs,
  endMs,
  entryIndex: 0,
  trackTitle: 'War',
  trackArtist: 'Vince DiCola',
  kind: 'work',
  exercise,
  intensity: 'hard',
  cue,
});

describe('cues read out as a step starts', () => {
  it('drops an old "Next: …" only at the end of a stored cue, with the space before it', () => {
    expect(ownCueText('Breathe. Next: Log carry.')).toBe('Breathe.');
    expect(ownCueText('Breathe.   Next: Log carry')).toBe('Breathe.');
    // "Next:" in the middle is the cue's own text.
    expect(ownCueText('Next: breathe. Then lift.')).toBe('Next: breathe. Then lift.');
    // Stray spaces around a stored cue, or none before "Next:", are not read out.
    expect(ownCueText('Breathe. Next: Log carry.  ')).toBe('Breathe.');
    expect(ownCueText('Breathe.Next: Log carry.')).toBe('Breathe.');
    expect(cueFor([step(0, 30_000, 'Rest', ' Breathe.  ')], 0)!.spoken).toBe('Rest. Breathe.');
  });

  it('ends each spoken part with a full stop unless it already ends a sentence', () => {
    const steps = [step(0, 30_000, 'Sled pull', 'Lean in!'), step(30_000, 60_000, 'Log carry', 'Breathe. Keep going')];
    expect(cueFor(steps, 0)!.spoken).toBe('Sled pull. Lean in! Next: Log carry.');
    expect(cueFor(steps, 1)!.spoken).toBe('Log carry. Breathe. Keep going.');
  });
});

describe('timed cues the clock passes', () => {
  const minute = step(60_000, 120_000);

  it('passes the halfway point and the 3-2-1 count as the clock moves through them, the end itself excluded', () => {
    expect(timedCuesBetween(minute, 60_000, 90_000)).toEqual([{ kind: 'halfway' }]);
    expect(timedCuesBetween(minute, 90_000, 117_000)).toEqual([{ kind: 'count', secondsLeft: 3 }]);
    expect(timedCuesBetween(minute, 116_999, 119_999)).toEqual([
      { kind: 'count', secondsLeft: 3 },
      { kind: 'count', secondsLeft: 2 },
      { kind: 'count', secondsLeft: 1 },
    ]);
    expect(timedCuesBetween(minute, 117_000, 118_000)).toEqual([{ kind: 'count', secondsLeft: 2 }]);
  });

  it('passes nothing when the clock stands still, jumps back, starts before the step or reaches its end', () => {
    expect(timedCuesBetween(minute, 90_000, 90_000)).toEqual([]);
    expect(timedCuesBetween(minute, 100_000, 80_000)).toEqual([]);
    expect(timedCuesBetween(minute, 59_000, 119_000)).toEqual([]);
    expect(timedCuesBetween(minute, 110_000, 120_000)).toEqual([]);
  });

  it('a two-second step counts only the beeps inside it, none at its very start', () => {
    expect(timedCuesBetween(step(0, 2_000), 0, 1_999)).toEqual([{ kind: 'count', secondsLeft: 1 }]);
    expect(timedCuesBetween(step(0, 3_000), 0, 2_999)).toEqual([
      { kind: 'count', secondsLeft: 2 },
      { kind: 'count', secondsLeft: 1 },
    ]);
  });
});
