import { z } from 'zod';
import { hasVisibleCharacters } from '@/lib/server/security/text';
import { WORKOUT_MODES } from '@/lib/domain/types';
import { WORKOUT_LIMITS as L } from '@/lib/domain/workout';
import { LIBRARY_LIMITS } from '@/lib/domain/library-filter';
import { SOUNDTRACK_SHARES } from '@/lib/domain/soundtrack-share';
import { RUN_SHAPES } from '@/lib/domain/curves';

export const buildMontageSchema = z
  .object({
    mode: z.enum(WORKOUT_MODES, { message: `must be one of ${WORKOUT_MODES.join(', ')}` }),
    lengthMin: z.number().int().min(L.minLengthMin).max(L.maxLengthMin),
    cadenceSpm: z.number().int().min(L.minCadenceSpm).max(L.maxCadenceSpm).optional(),
    hiitWorkSec: z.number().int().min(L.minWorkSec).max(L.maxWorkSec).optional(),
    hiitRestSec: z.number().int().min(L.minRestSec).max(L.maxRestSec).optional(),
    /** Run mode: steady, progression or strides between the walks (steady by default). */
    runShape: z.enum(RUN_SHAPES, { message: `must be one of ${RUN_SHAPES.join(', ')}` }).optional(),
    /** The Rocky IV soundtrack's place: where it fits, all of it, none (by default: where it fits for a Run or HIIT, all otherwise). */
    soundtrack: z.enum(SOUNDTRACK_SHARES, { message: `must be one of ${SOUNDTRACK_SHARES.join(', ')}` }).optional(),
    name: z
      .string()
      .trim()
      .max(80)
      .refine((name) => name === '' || hasVisibleCharacters(name), 'must contain a visible character')
      .optional(),
    /** Draw from a saved filter or hand-picked set of the library (the soundtrack joins as `soundtrack` says). */
    filterId: z.string().uuid('must be the id of one of your saved filters').optional(),
    /** Draw from these tracks of the library (the soundtrack joins as `soundtrack` says). */
    trackIds: z
      .array(z.string().min(1).max(200))
      .min(1, 'pick at least one track')
      .max(LIBRARY_LIMITS.maxPickedTracks, `pick at most ${LIBRARY_LIMITS.maxPickedTracks} tracks`)
      .optional(),
  })
  .strict()
  .refine((input) => input.filterId === undefined || input.trackIds === undefined, {
    message: 'give a saved filter or picked tracks, not both',
    path: ['trackIds'],
  });

export type BuildMontageInput = z.infer<typeof buildMontageSchema>;
