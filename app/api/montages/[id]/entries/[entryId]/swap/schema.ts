import { z } from 'zod';

export const swapSchema = z
  .object({
    version: z.number().int().positive(),
    trackId: z.string().trim().min(1, 'must name a track').max(200),
  })
  .strict();
