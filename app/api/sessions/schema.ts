import { z } from 'zod';
import { INTERVAL_OUTCOMES, SESSION_STATUSES } from '@/lib/domain/session-record';
import { INTENSITIES, INTERVAL_KINDS } from '@/lib/domain/types';

const MAX_MS = 24 * 3_600_000;
const ms = z.number().int().min(0).max(MAX_MS);

const exerciseEntrySchema = z
  .object({
    reps: z.number().int().min(0).max(10_000).optional(),
    loadKg: z.number().min(0).max(2000).optional(),
    distanceM: z.number().min(0).max(1_000_000).optional(),
    timeSec: z.number().int().min(0).max(86_400).optional(),
  })
  .strict();

const intervalSchema = z
  .object({
    position: z.number().int().min(0).max(999),
    entryIndex: z.number().int().min(0).max(999),
    trackTitle: z.string().min(1).max(300),
    kind: z.enum(INTERVAL_KINDS),
    exercise: z.string().min(1).max(60),
    intensity: z.enum(INTENSITIES),
    plannedMs: ms,
    activeMs: ms,
    status: z.enum(INTERVAL_OUTCOMES),
    entry: exerciseEntrySchema.optional(),
  })
  .strict();

/** A session as the device sends it (see lib/domain/session-record.ts). */
export const sessionSchema = z
  .object({
    id: z.uuid(),
    montage: z
      .object({
        id: z.uuid().nullable(),
        name: z.string().min(1).max(80),
        mode: z.string().min(1).max(20),
        version: z.number().int().min(1),
      })
      .strict(),
    status: z.enum(SESSION_STATUSES),
    startedAt: z.iso.datetime({ offset: true }),
    endedAt: z.iso.datetime({ offset: true }),
    plannedMs: ms,
    activeMs: ms,
    pausedMs: ms,
    pauseCount: z.number().int().min(0).max(10_000),
    revision: z.number().int().min(0).max(2_000_000_000),
    intervals: z.array(intervalSchema).max(1000),
  })
  .strict()
  .refine((s) => Date.parse(s.endedAt) >= Date.parse(s.startedAt), { path: ['endedAt'], message: 'must not be before startedAt' })
  .refine((s) => new Set(s.intervals.map((i) => i.position)).size === s.intervals.length, {
    path: ['intervals'],
    message: 'each position at most once',
  });

export type SessionInput = z.infer<typeof sessionSchema>;
