import { describe, expect, it } from 'vitest';
import { aheadCue } from './spoken-ahead';
import { findCoverageProblems } from './intervals';
import type { TimelineStep } from './timeline';

const interval = (offsetMs: number, durationMs: number) => ({ offsetMs, durationMs, kind: 'work' as const, exercise: 'Sled pull', intensity: 'max' as const, cue: '' });

describe('what the server says about a saved plan, at the limits', () => {
  it('one second is the shortest interval', () => {
    expect(findCoverageProblems([interval(0, 1_000), interval(1_000, 9_000)], 10_000)).toEqual([]);
    expect(findCoverageProblems([interval(0, 999), interval(999, 9_001)], 10_000).map((p) => p.field)).toEqual(['durationMs']);
  });

  it('tells a plan that ends early “not covered”, one that ends late “too long”, by how much', () => {
    const [short] = findCoverageProblems([interval(0, 9_000)], 10_000);
    expect(short!.message).toContain('0:01 not covered');
    const [long] = findCoverageProblems([interval(0, 11_000)], 10_000);
    expect(long!.message).toContain('0:01 too long');
    // Exactly a second is told in m:ss, under a second in ms.
    expect(findCoverageProblems([interval(0, 9_001)], 10_000)[0]!.message).toContain('999 ms not covered');
  });
});

describe('the voice announcing what comes next', () => {
  const step = (startMs: number, endMs: number, exercise: string, kind: 'work' | 'rest' = 'work'): TimelineStep => ({
    startMs,
    endMs,
    entryIndex: 0,
    trackTitle: 'War',
    trackArtist: 'Vince DiCola',
    kind,
    exercise,
    intensity: kind === 'rest' ? 'rest' : 'hard',
    cue: '',
  });

  it('says nothing once the workout is over', () => {
    const steps = [step(0, 30_000, 'Sled pull')];
    expect(aheadCue(steps, { index: 0, remainingMs: 5_000, isFinished: true })).toBeNull();
  });

  it('announces on an interval of exactly 13 s (10 s ahead plus its own 3-2-1), not on a shorter one', () => {
    const steps = [step(0, 13_000, 'Sled pull'), step(13_000, 25_000, 'Shake it out', 'rest'), step(25_000, 37_999, 'Log carry'), step(37_999, 60_000, 'Rest', 'rest')];
    expect(aheadCue(steps, { index: 0, remainingMs: 10_000, isFinished: false })).toEqual({ forIndex: 1, text: 'Next, rest, in 10 seconds.' });
    expect(aheadCue(steps, { index: 2, remainingMs: 10_000, isFinished: false })).toBeNull();
  });
});
