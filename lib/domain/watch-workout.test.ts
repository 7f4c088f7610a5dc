import { describe, expect, it } from 'vitest';
import { CONTINUED_CUE } from './continued-interval';
import { planWatchWorkout, WatchWorkoutError, type WatchMontageInput } from './watch-workout';

const track = (title: string, durationMs: number | null, bpm: number | null) => ({ title, artist: 'Survivor', durationMs, bpm });

function refusal(montage: WatchMontageInput): WatchWorkoutError {
  try {
    planWatchWorkout(montage);
  } catch (error) {
    if (error instanceof WatchWorkoutError) return error;
    throw error;
  }
  throw new Error('the montage was not refused');
}

describe('what the watch shows of a montage', () => {
  it('cuts names longer than the watch shows (40 characters) with an ellipsis, and keeps those that fit', () => {
    const fits = 'x'.repeat(40);
    const long = `${'Eye of the Tiger '.repeat(3)}(extended)`;
    const workout = planWatchWorkout({
      name: long,
      mode: 'circuit',
      entries: [
        {
          multiplier: 1,
          track: track('Training Montage', 60_000, 120),
          intervals: [
            { durationMs: 30_000, kind: 'work', exercise: fits, intensity: 'max', cue: 'c'.repeat(200) },
            { durationMs: 30_000, kind: 'rest', exercise: 'Rest', intensity: 'rest', cue: '' },
          ],
        },
      ],
    });
    expect(workout.name).toHaveLength(40);
    expect(workout.name).toBe(`${long.slice(0, 39)}…`);
    expect(workout.steps[0]!.name).toBe(fits);
    expect(workout.steps[0]!.notes).toHaveLength(120);
    expect(workout.steps[0]!.notes.endsWith('…')).toBe(true);
    // No cue: the notes name only the track.
    expect(workout.steps[1]!.notes).toBe('♪ Training Montage');
    expect(workout.sport).toBe('training');
  });

  it('shows a HIIT round that goes on over a track change as one step of 40 s, as the workout clock does', () => {
    const workout = planWatchWorkout({
      name: 'HIIT',
      mode: 'hiit',
      entries: [
        {
          multiplier: 1,
          track: track('One', 70_000, 120),
          intervals: [
            { durationMs: 40_000, kind: 'work', exercise: 'Burpees', intensity: 'max', cue: 'Chest to the floor.' },
            { durationMs: 20_000, kind: 'rest', exercise: 'Rest', intensity: 'rest', cue: '' },
            { durationMs: 10_000, kind: 'work', exercise: 'Squats', intensity: 'hard', cue: 'Sit back.' },
          ],
        },
        {
          multiplier: 1,
          track: track('Two', 50_000, 120),
          intervals: [
            { durationMs: 30_000, kind: 'work', exercise: 'Squats', intensity: 'hard', cue: CONTINUED_CUE },
            { durationMs: 20_000, kind: 'rest', exercise: 'Rest', intensity: 'rest', cue: '' },
          ],
        },
      ],
    });
    expect(workout.steps.map((s) => [s.name, s.durationMs])).toEqual([
      ['Burpees', 40_000],
      ['Rest', 20_000],
      ['Squats', 40_000],
      ['Rest', 20_000],
    ]);
  });

  it('keeps every name and note within the 255 bytes a FIT string holds, however many bytes its characters take (✓, 日本語, emoji)', () => {
    const bytes = (text: string) => new TextEncoder().encode(text).length;
    for (const character of ['✓', '日', '🥊']) {
      const long = character.repeat(120);
      const workout = planWatchWorkout({
        name: long,
        mode: 'hiit',
        entries: [{ multiplier: 1, track: track(long, 60_000, 120), intervals: [{ durationMs: 60_000, kind: 'work', exercise: long, intensity: 'max', cue: character.repeat(84) }] }],
      });
      for (const text of [workout.name, workout.steps[0]!.name, workout.steps[0]!.notes]) {
        expect(bytes(text)).toBeLessThanOrEqual(254);
        expect(text.endsWith('…')).toBe(true);
        expect(text.startsWith(character.repeat(10))).toBe(true);
      }
    }
  });

  it('a run track of unknown tempo has no cadence range and says so; one with no interval is a moderate step named by its track', () => {
    const workout = planWatchWorkout({
      name: 'Run',
      mode: 'run',
      entries: [
        { multiplier: 1, track: track('War', 353_000, null), intervals: [{ durationMs: 353_000, kind: 'work', exercise: 'Steady run', intensity: 'hard', cue: '' }] },
        { multiplier: 0.5, track: track('Burning Heart', 231_000, 341), intervals: [] },
      ],
    });
    expect(workout.sport).toBe('running');
    expect(workout.steps[0]).toMatchObject({ name: 'War', durationMs: 353_000, intensity: 'hard', cadenceSpm: null, notes: 'Steady run · tempo unknown · War — Survivor' });
    expect(workout.steps[1]).toMatchObject({ name: 'Burning Heart', kind: 'work', intensity: 'moderate', cadenceSpm: { low: 166, high: 176 }, notes: '171 steps/min · Burning Heart — Survivor' });
  });

  it('refuses a montage with no tracks, and a track of no length, naming it', () => {
    const empty = refusal({ name: 'Empty', mode: 'circuit', entries: [] });
    expect([empty.name, empty.field, empty.message]).toEqual(['WatchWorkoutError', 'entries', 'This montage has no tracks to export.']);
    const zero = refusal({ name: 'Zero', mode: 'run', entries: [{ multiplier: 1, track: track('Silence', 0, 120), intervals: [] }] });
    expect(zero.field).toBe('entries.0.track.durationMs');
    expect(zero.message).toContain('"Silence" (track 1) has no length yet');
  });
});
