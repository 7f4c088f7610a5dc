import { describe, expect, it } from 'vitest';
import { logEntry, outcomeOf, startSession } from './session-record';
import type { TimelineStep } from './timeline';

describe('how an interval went, as the history shows it', () => {
  it('done when at most 1.5 s, or a tenth of a short interval, was left out', () => {
    expect(outcomeOf(28_500, 30_000)).toBe('done');
    expect(outcomeOf(28_499, 30_000)).toBe('cut_short');
    // A 10 s interval allows 1 s, not 1.5 s.
    expect(outcomeOf(9_000, 10_000)).toBe('done');
    expect(outcomeOf(8_999, 10_000)).toBe('cut_short');
    expect(outcomeOf(31_000, 30_000)).toBe('done');
  });

  it('skipped when under a second was spent in it, cut short from a second on', () => {
    expect(outcomeOf(999, 30_000)).toBe('skipped');
    expect(outcomeOf(1_000, 30_000)).toBe('cut_short');
    expect(outcomeOf(0, 30_000)).toBe('skipped');
  });
});

describe('logging what was done after an interval', () => {
  const steps: TimelineStep[] = [0, 1].map((k) => ({
    startMs: k * 30_000,
    endMs: (k + 1) * 30_000,
    entryIndex: 0,
    trackTitle: 'War',
    trackArtist: 'Vince DiCola',
    kind: 'work',
    exercise: k === 0 ? 'Sled pull' : 'Log carry',
    intensity: 'hard',
    cue: '',
  }));

  it('keeps the entry on its interval only, raises the revision each time, and an empty entry clears it', () => {
    const start = startSession({ id: 's', montage: { id: null, name: 'Rocky', mode: 'circuit', version: 1 }, steps, nowMs: 0, elapsedMs: 0 });
    const logged = logEntry(start, 0, { loadKg: 80, distanceM: 20 });
    expect(logged.record.revision).toBe(start.record.revision + 1);
    expect(logged.record.intervals.find((i) => i.position === 0)!.entry).toEqual({ loadKg: 80, distanceM: 20 });
    const other = logEntry(logged, 1, { reps: 3 });
    expect(other.record.intervals.find((i) => i.position === 0)!.entry).toEqual({ loadKg: 80, distanceM: 20 });
    const cleared = logEntry(other, 0, { loadKg: undefined });
    expect(cleared.record.revision).toBe(start.record.revision + 3);
    expect(cleared.record.intervals.find((i) => i.position === 0)).not.toHaveProperty('entry');
  });
});
