import { z } from 'zod';

export const renameMontageSchema = z
  .object({
    version: z.number().int().positive(),
    name: z.string().trim().min(1, 'must not be empty').max(80, 'must be at most 80 characters'),
  })
  .strict();
