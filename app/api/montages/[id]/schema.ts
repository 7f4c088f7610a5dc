import { z } from 'zod';
import { versionSchema, visibleText } from '@/lib/server/input';

export const renameMontageSchema = z
  .object({
    version: versionSchema,
    name: visibleText(80),
  })
  .strict();
