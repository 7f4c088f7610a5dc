import { z } from 'zod';

export const lookUpTemposSchema = z
  .object({
    /** Only these tracks; every track of the visitor's that has an ISRC and no tempo otherwise. */
    trackIds: z.array(z.string().min(1).max(200)).max(200, 'send at most 200 track ids').optional(),
  })
  .strict();
