import { Decoder, Stream } from '@garmin/fitsdk';
import { describe, expect, it } from 'vitest';
import { CADENCE_TOLERANCE_SPM, planWatchWorkout, WatchWorkoutError, type WatchMontageInput } from '../domain/watch-workout';
import { encodeFitWorkout } from './encode-workout';

function decode(bytes: Uint8Array) {
  const decoder = new Decoder(Stream.fromByteArray(Array.from(bytes)));
  expect(decoder.isFIT()).toBe(true);
  expect(decoder.checkIntegrity()).toBe(true);
  const { messages, errors } = decoder.read();
  expect(errors).toEqual([]);
  return messages as unknown as Record<string, Record<string, unknown>[] | undefined>;
}

const track = (title: string, durationMs: number | null, bpm: number | null) => ({ title, artist: 'Survivor', durationMs, bpm });

const run: WatchMontageInput = {
  name: 'Run · 20 min',
  mode: 'run',
  entries: [
    { multiplier: 2, track: track('Burning Heart', 231_000, 87), intervals: [{ durationMs: 231_000, kind: 'work', exercise: 'Easy run', intensity: 'easy', cue: '' }] },
    { multiplier: 1, track: track("Heart's on Fire", 254_000, 168.4), intervals: [{ durationMs: 254_000, kind: 'work', exercise: 'Tempo run', intensity: 'hard', cue: '' }] },
    { multiplier: 1, track: track('War', 353_000, null), intervals: [{ durationMs: 353_000, kind: 'work', exercise: 'Steady run', intensity: 'moderate', cue: '' }] },
  ],
};

const circuit: WatchMontageInput = {
  name: 'Rocky circuit · 20 min',
  mode: 'circuit',
  entries: [
    {
      multiplier: 1,
      track: track('Training Montage', 218_000, 120),
      intervals: [
        { durationMs: 60_500, kind: 'work', exercise: 'Sled pull', intensity: 'max', cue: 'Lean into the harness.' },
        { durationMs: 20_000, kind: 'rest', exercise: 'Rest', intensity: 'rest', cue: 'Breathe.' },
        { durationMs: 137_500, kind: 'work', exercise: 'Log carry', intensity: 'hard', cue: '' },
      ],
    },
    { multiplier: 1, track: track('War', 30_000, null), intervals: [{ durationMs: 30_000, kind: 'work', exercise: 'Mountain climb', intensity: 'max', cue: 'Shout "Drago!"' }] },
  ],
};

describe('FIT workout export, decoded with the same SDK', () => {
  it('a Run is one step per track with its duration and a cadence range around the track (half/double time applied)', () => {
    const messages = decode(encodeFitWorkout(planWatchWorkout(run)));
    expect(messages.fileIdMesgs![0]).toMatchObject({ type: 'workout' });
    expect(messages.workoutMesgs![0]).toMatchObject({ wktName: 'Run · 20 min', sport: 'running', numValidSteps: 3 });
    const steps = messages.workoutStepMesgs!;
    expect(steps).toHaveLength(3);
    expect(steps.map((s) => [s.messageIndex, s.wktStepName, s.durationType, s.durationTime])).toEqual([
      [0, 'Burning Heart', 'time', 231],
      [1, "Heart's on Fire", 'time', 254],
      [2, 'War', 'time', 353],
    ]);
    expect(steps[0]).toMatchObject({ targetType: 'cadence', customTargetCadenceLow: 174 - CADENCE_TOLERANCE_SPM, customTargetCadenceHigh: 174 + CADENCE_TOLERANCE_SPM });
    expect(steps[1]).toMatchObject({ targetType: 'cadence', customTargetCadenceLow: 168 - CADENCE_TOLERANCE_SPM, customTargetCadenceHigh: 168 + CADENCE_TOLERANCE_SPM });
    expect(steps[2]!.targetType).toBe('open');
    expect(steps[0]!.notes).toBe('Easy run · 174 steps/min · Burning Heart — Survivor');
    expect(steps.every((s) => s.intensity === 'active')).toBe(true);
  });

  it('a circuit is work and rest steps, one per interval, with the exercise name and the cue in the notes', () => {
    const messages = decode(encodeFitWorkout(planWatchWorkout(circuit)));
    expect(messages.workoutMesgs![0]).toMatchObject({ sport: 'training', numValidSteps: 4 });
    expect(messages.workoutStepMesgs!.map((s) => [s.wktStepName, s.intensity, s.durationType, s.durationTime, s.targetType, s.notes])).toEqual([
      ['Sled pull', 'active', 'time', 60.5, 'open', 'Lean into the harness. · ♪ Training Montage'],
      ['Rest', 'rest', 'time', 20, 'open', 'Breathe. · ♪ Training Montage'],
      ['Log carry', 'active', 'time', 137.5, 'open', '♪ Training Montage'],
      ['Mountain climb', 'active', 'time', 30, 'open', 'Shout "Drago!" · ♪ War'],
    ]);
  });

  it('a montage with an untimed track is refused, naming the track', () => {
    const untimed = { ...circuit, entries: [circuit.entries[0]!, { ...circuit.entries[1]!, track: track('War', null, null) }] };
    expect(() => planWatchWorkout(untimed)).toThrow(WatchWorkoutError);
    expect(() => planWatchWorkout(untimed)).toThrow(/"War" \(track 2\) has no length yet/);
  });
});
