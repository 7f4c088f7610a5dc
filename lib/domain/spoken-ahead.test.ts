import { describe, expect, it } from 'vitest';
import { aheadCue } from './spoken-ahead';
import { locate, type TimelineStep } from './timeline';

const step = (startMs: number, endMs: number, exercise: string, kind: 'work' | 'rest' = 'work'): TimelineStep => ({
  startMs, endMs, entryIndex: 0, trackTitle: 'War', trackArtist: 'Vince DiCola', kind, exercise, intensity: 'hard', cue: '',
});
const steps = [step(0, 60_000, 'Log carry'), step(60_000, 80_000, 'Rest', 'rest'), step(80_000, 140_000, 'Sled pull'), step(140_000, 148_000, 'Rest', 'rest'), step(148_000, 208_000, 'Mountain climb')];

describe('cues spoken ahead (audio-only mode)', () => {
  it('says what comes next ten seconds before it, naming the exercise and the seconds left', () => {
    expect(aheadCue(steps, locate(steps, 49_000))).toBeNull();
    expect(aheadCue(steps, locate(steps, 50_000))).toEqual({ forIndex: 1, text: 'Next, rest, in 10 seconds.' });
    expect(aheadCue(steps, locate(steps, 70_000))).toEqual({ forIndex: 2, text: 'Next, sled pull, in 10 seconds.' });
  });

  it('stays quiet in an interval too short to fit the announcement, and announces the end of the workout', () => {
    expect(aheadCue(steps, locate(steps, 141_000))).toBeNull();
    expect(aheadCue(steps, locate(steps, 200_000))).toEqual({ forIndex: 5, text: 'Last one: the workout ends in 8 seconds.' });
    expect(aheadCue(steps, locate(steps, 208_000))).toBeNull();
  });
});
