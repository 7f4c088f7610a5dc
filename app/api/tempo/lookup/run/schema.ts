import { z } from 'zod';

export const startLookupRunSchema = z
  .object({
    /** Only these tracks; every track of the visitor's that has an ISRC and no tempo otherwise. */
    trackIds: z.array(z.string().min(1).max(200)).max(10_000, 'send at most 10,000 track ids').optional(),
  })
  .strict();
