import { z } from 'zod';
import { INTERVAL_LIMITS } from '@/lib/domain/intervals';
import { INTENSITIES, INTERVAL_KINDS } from '@/lib/domain/types';
import { notFound } from '@/lib/server/errors';
import { handler, isUuid, json, parseJsonBody } from '@/lib/server/http';
import { PG_INT_MAX, versionSchema, visibleText } from '@/lib/server/input';
import { editIntervals } from '@/lib/server/montage-service';
import { montageRequest } from '@/lib/server/request-owner';
import { changingSharedPages } from '@/lib/server/shared-cache';

const intervalSchema = z
  .object({
    offsetMs: z.number().int().min(0).max(PG_INT_MAX),
    durationMs: z
      .number()
      .int()
      .min(INTERVAL_LIMITS.minDurationMs, `must be at least ${INTERVAL_LIMITS.minDurationMs} ms`)
      .max(PG_INT_MAX),
    kind: z.enum(INTERVAL_KINDS),
    exercise: visibleText(INTERVAL_LIMITS.exerciseMaxLength),
    intensity: z.enum(INTENSITIES),
    cue: z.string().trim().max(INTERVAL_LIMITS.cueMaxLength, `must be at most ${INTERVAL_LIMITS.cueMaxLength} characters`),
  })
  .strict();

const editIntervalsSchema = z
  .object({
    version: versionSchema,
    intervals: z.array(intervalSchema).min(1, 'a track needs at least one interval').max(INTERVAL_LIMITS.maxIntervalsPerTrack),
  })
  .strict();

/** Replaces one track's intervals; they must cover the track with no gap or overlap. */
export const PUT = handler(async (request: Request, context: { params: Promise<{ id: string; entryId: string }> }) => {
  const { db, ownerId, montageId } = await montageRequest(request, context.params);
  const { entryId } = await context.params;
  if (!isUuid(entryId)) throw notFound('Track entry');
  const input = await parseJsonBody(request, editIntervalsSchema);
  const version = await changingSharedPages(db, { montageId }, () => editIntervals(db, { montageId, ownerId, entryId, ...input }));
  return json({ version });
});
