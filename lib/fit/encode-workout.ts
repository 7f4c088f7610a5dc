import { Encoder, Profile, type FileIdMesg, type WorkoutMesg, type WorkoutStepMesg } from '@garmin/fitsdk';
import { foldRepeats } from '../domain/watch-repeats';
import type { WatchStep, WatchWorkout } from '../domain/watch-workout';

/**
 * A cadence range in steps/min as a FIT cadence target. The FIT profile (Profile.xlsx, message
 * workout_step, field 5 custom_target_value_low / 6 custom_target_value_high, subfields
 * custom_target_cadence_low/high when target_type = cadence) gives the unit as **rpm**: for
 * running that is strides (cycles) a minute, one per two steps, as Garmin records running cadence
 * in its own files. Written in steps/min, 170 would read as 340 steps/min on a watch. Rounded
 * outward so the range still holds every step rate asked for.
 */
export function cadenceTargetRpm(cadenceSpm: { low: number; high: number }): { low: number; high: number } {
  const STEPS_PER_STRIDE = 2;
  return { low: Math.floor(cadenceSpm.low / STEPS_PER_STRIDE), high: Math.ceil(cadenceSpm.high / STEPS_PER_STRIDE) };
}

/** One timed step of the workout as a FIT workout_step. */
function timedStep(step: WatchStep, messageIndex: number): WorkoutStepMesg {
  const cadence = step.cadenceSpm ? cadenceTargetRpm(step.cadenceSpm) : null;
  return {
    messageIndex,
    wktStepName: step.name,
    durationType: 'time',
    durationValue: step.durationMs,
    intensity: step.kind === 'rest' ? 'rest' : 'active',
    notes: step.notes,
    ...(cadence
      ? { targetType: 'cadence', targetValue: 0, customTargetValueLow: cadence.low, customTargetValueHigh: cadence.high }
      : { targetType: 'open', targetValue: 0 }),
  };
}

/**
 * Encodes a watch workout as a FIT workout file with Garmin's FIT SDK: a file_id (type workout),
 * one workout message and its workout_steps, each timed (duration in ms, FIT's raw unit for a time
 * step) and, for a Run, with a custom cadence target (low/high, rpm: see cadenceTargetRpm). Runs
 * of identical groups (HIIT's rounds) are written once and followed by a repeat step
 * (duration_type repeat_until_steps_cmplt: duration_step = the message_index of the group's
 * first step, repeat_steps = how many times the group is done in all), see foldRepeats.
 */
export function encodeFitWorkout(workout: WatchWorkout, createdAt: Date = new Date()): Uint8Array {
  const mesgs: WorkoutStepMesg[] = [];
  for (const block of foldRepeats(workout.steps)) {
    if (block.kind === 'step') {
      mesgs.push(timedStep(block.step, mesgs.length));
      continue;
    }
    const firstIndex = mesgs.length;
    for (const step of block.steps) mesgs.push(timedStep(step, mesgs.length));
    mesgs.push({ messageIndex: mesgs.length, durationType: 'repeatUntilStepsCmplt', durationValue: firstIndex, targetType: 'open', targetValue: block.times });
  }
  const encoder = new Encoder();
  const fileId: FileIdMesg = { type: 'workout', manufacturer: 'development', product: 0, serialNumber: 1, timeCreated: createdAt };
  encoder.onMesg(Profile.MesgNum.FILE_ID!, fileId);
  const header: WorkoutMesg = {
    wktName: workout.name,
    sport: workout.sport,
    subSport: workout.sport === 'running' ? 'generic' : 'cardioTraining',
    numValidSteps: mesgs.length,
  };
  encoder.onMesg(Profile.MesgNum.WORKOUT!, header);
  for (const mesg of mesgs) encoder.onMesg(Profile.MesgNum.WORKOUT_STEP!, mesg);
  return encoder.close();
}
