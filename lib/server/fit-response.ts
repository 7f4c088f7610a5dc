import type { MontageView } from '../../db/queries/montages';
import { planWatchWorkout, WatchWorkoutError } from '../domain/watch-workout';
import { encodeFitWorkout } from '../fit/encode-workout';
import { AppError } from './errors';

/** The montage as a FIT workout download; a montage a watch cannot time is a 422 naming the track. */
export function fitWorkoutResponse(montage: MontageView): Response {
  let bytes: Uint8Array;
  try {
    bytes = encodeFitWorkout(planWatchWorkout(montage));
  } catch (error) {
    if (error instanceof WatchWorkoutError) throw new AppError('invalid_input', error.message, [{ field: error.field, message: error.message }]);
    throw error;
  }
  const slug = montage.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'montage';
  return new Response(Buffer.from(bytes), {
    headers: {
      'content-type': 'application/vnd.ant.fit',
      'content-disposition': `attachment; filename="${slug}.fit"`,
      'cache-control': 'no-store',
    },
  });
}
