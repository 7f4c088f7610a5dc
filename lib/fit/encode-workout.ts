import { Encoder, Profile, type FileIdMesg, type WorkoutMesg, type WorkoutStepMesg } from '@garmin/fitsdk';
import type { WatchWorkout } from '../domain/watch-workout';

/**
 * Encodes a watch workout as a FIT workout file with Garmin's FIT SDK: a file_id (type workout),
 * one workout message and one workout_step per step, each timed (duration in ms, FIT's raw unit
 * for a time step) and, for a Run, with a custom cadence target (low/high, steps/min).
 */
export function encodeFitWorkout(workout: WatchWorkout, createdAt: Date = new Date()): Uint8Array {
  const encoder = new Encoder();
  const fileId: FileIdMesg = { type: 'workout', manufacturer: 'development', product: 0, serialNumber: 1, timeCreated: createdAt };
  encoder.onMesg(Profile.MesgNum.FILE_ID!, fileId);
  const header: WorkoutMesg = {
    wktName: workout.name,
    sport: workout.sport,
    subSport: workout.sport === 'running' ? 'generic' : 'cardioTraining',
    numValidSteps: workout.steps.length,
  };
  encoder.onMesg(Profile.MesgNum.WORKOUT!, header);
  workout.steps.forEach((step, messageIndex) => {
    const mesg: WorkoutStepMesg = {
      messageIndex,
      wktStepName: step.name,
      durationType: 'time',
      durationValue: step.durationMs,
      intensity: step.kind === 'rest' ? 'rest' : 'active',
      notes: step.notes,
      ...(step.cadenceSpm
        ? { targetType: 'cadence', targetValue: 0, customTargetValueLow: step.cadenceSpm.low, customTargetValueHigh: step.cadenceSpm.high }
        : { targetType: 'open', targetValue: 0 }),
    };
    encoder.onMesg(Profile.MesgNum.WORKOUT_STEP!, mesg);
  });
  return encoder.close();
}
