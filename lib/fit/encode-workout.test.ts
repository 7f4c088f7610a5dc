import { Decoder, Profile, Stream } from '@garmin/fitsdk';
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
    // The FIT profile's unit for a cadence target is rpm: for running, strides a minute (half the steps).
    expect(Profile.messages[Profile.MesgNum.WORKOUT_STEP!]!.fields[5]!.subFields.find((f: { name: string }) => f.name === 'customTargetCadenceLow')!.units).toBe('rpm');
    expect(steps[0]).toMatchObject({ targetType: 'cadence', customTargetCadenceLow: 84, customTargetCadenceHigh: 90 });
    expect(steps[1]).toMatchObject({ targetType: 'cadence', customTargetCadenceLow: 81, customTargetCadenceHigh: 87 });
    // Read back as a watch shows running cadence (2 steps a stride), the range holds the track's steps/min ± the tolerance.
    for (const [step, spm] of [[steps[0]!, 174], [steps[1]!, 168]] as const) {
      expect(2 * Number(step.customTargetCadenceLow)).toBeLessThanOrEqual(spm - CADENCE_TOLERANCE_SPM);
      expect(2 * Number(step.customTargetCadenceHigh)).toBeGreaterThanOrEqual(spm + CADENCE_TOLERANCE_SPM);
      expect(2 * Number(step.customTargetCadenceHigh) - 2 * Number(step.customTargetCadenceLow)).toBeLessThanOrEqual(2 * CADENCE_TOLERANCE_SPM + 2);
    }
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

  it('HIIT rounds are written once with a repeat step, and a watch following the repeats does every interval in order', () => {
    const rounds = (n: number) => Array.from({ length: n }, () => [
      { durationMs: 40_000, kind: 'work' as const, exercise: 'Burpees', intensity: 'max' as const, cue: 'Go!' },
      { durationMs: 20_000, kind: 'rest' as const, exercise: 'Rest', intensity: 'rest' as const, cue: '' },
    ]).flat();
    const hiit: WatchMontageInput = {
      name: 'HIIT · 20 min',
      mode: 'hiit',
      entries: [
        { multiplier: 1, track: track('War', 360_000, null), intervals: rounds(6) },
        { multiplier: 1, track: track('Burning Heart', 240_000, 98.1), intervals: [...rounds(3), { durationMs: 60_000, kind: 'work', exercise: 'Sprint', intensity: 'max', cue: '' }] },
      ],
    };
    const planned = planWatchWorkout(hiit).steps;
    expect(planned).toHaveLength(19);
    const messages = decode(encodeFitWorkout(planWatchWorkout(hiit)));
    const steps = messages.workoutStepMesgs!;
    expect(messages.workoutMesgs![0]).toMatchObject({ numValidSteps: steps.length });
    expect(steps.map((s) => s.messageIndex)).toEqual(steps.map((_, i) => i));
    expect(steps.map((s) => (s.durationType === 'repeatUntilStepsCmplt' ? `repeat from ${s.durationStep} ×${s.repeatSteps}` : s.wktStepName))).toEqual([
      'Burpees', 'Rest', 'repeat from 0 ×6',
      'Burpees', 'Rest', 'repeat from 3 ×3',
      'Sprint',
    ]);
    // As a watch runs it: a repeat step sends it back to its first step until the group was done that many times.
    const done: string[] = [];
    const passes = new Map<number, number>();
    for (let i = 0; i < steps.length; ) {
      const s = steps[i]!;
      if (s.durationType !== 'repeatUntilStepsCmplt') {
        done.push(`${s.wktStepName} ${s.durationTime} s · ${s.notes ?? ''}`);
        i += 1;
        continue;
      }
      const pass = (passes.get(i) ?? 1) + 1;
      if (pass <= Number(s.repeatSteps)) {
        passes.set(i, pass);
        i = Number(s.durationStep);
      } else i += 1;
    }
    expect(done).toEqual(planned.map((p) => `${p.name} ${p.durationMs / 1000} s · ${p.notes}`));
  });

  it('a montage with an untimed track is refused, naming the track', () => {
    const untimed = { ...circuit, entries: [circuit.entries[0]!, { ...circuit.entries[1]!, track: track('War', null, null) }] };
    expect(() => planWatchWorkout(untimed)).toThrow(WatchWorkoutError);
    expect(() => planWatchWorkout(untimed)).toThrow(/"War" \(track 2\) has no length yet/);
  });
});
