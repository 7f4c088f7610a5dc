import { Decoder, Stream } from '@garmin/fitsdk';
import { describe, expect, it } from 'vitest';
import { planWatchWorkout } from '../domain/watch-workout';
import { encodeFitWorkout } from './encode-workout';

/**
 * Issue 31, item 8: a cue of 84 or more three-byte characters made the FIT download a 500 (the SDK
 * refuses a string over 255 bytes). The planned workout, encoded and decoded with Garmin's SDK.
 */
describe('FIT strings of multi-byte characters', () => {
  for (const cue of ['✓'.repeat(84), '日本語'.repeat(40), '🥊'.repeat(100)]) {
    it(`encodes a step whose cue is ${Array.from(cue).length} × "${Array.from(cue)[0]}", and a watch reads it back`, () => {
      const workout = planWatchWorkout({
        name: cue,
        mode: 'circuit',
        entries: [{ multiplier: 1, track: { title: cue, artist: cue, durationMs: 60_000, bpm: 120 }, intervals: [{ durationMs: 60_000, kind: 'work', exercise: cue, intensity: 'max', cue }] }],
      });
      const bytes = encodeFitWorkout(workout, new Date('2026-12-08T00:00:00Z'));
      const decoder = new Decoder(Stream.fromByteArray(Array.from(bytes)));
      expect(decoder.checkIntegrity()).toBe(true);
      const { messages, errors } = decoder.read();
      expect(errors).toEqual([]);
      const [step] = (messages as unknown as { workoutStepMesgs: { notes: string; wktStepName: string }[] }).workoutStepMesgs;
      expect(step!.notes).toBe(workout.steps[0]!.notes);
      expect(step!.wktStepName).toBe(workout.steps[0]!.name);
    });
  }
});
