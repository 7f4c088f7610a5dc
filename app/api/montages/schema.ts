import { z } from 'zod';
import { WORKOUT_MODES } from '@/lib/domain/types';
import { WORKOUT_LIMITS as L } from '@/lib/domain/workout';

export const buildMontageSchema = z
  .object({
    mode: z.enum(WORKOUT_MODES, { message: `must be one of ${WORKOUT_MODES.join(', ')}` }),
    lengthMin: z.number().int().min(L.minLengthMin).max(L.maxLengthMin),
    cadenceSpm: z.number().int().min(L.minCadenceSpm).max(L.maxCadenceSpm).optional(),
    hiitWorkSec: z.number().int().min(L.minWorkSec).max(L.maxWorkSec).optional(),
    hiitRestSec: z.number().int().min(L.minRestSec).max(L.maxRestSec).optional(),
    name: z.string().trim().max(80).optional(),
  })
  .strict();

export type BuildMontageInput = z.infer<typeof buildMontageSchema>;
