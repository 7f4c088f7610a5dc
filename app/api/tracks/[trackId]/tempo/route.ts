import { z } from 'zod';
import { getDb } from '@/db/client';
import { findVisibleTrack, setOwnTempo } from '@/db/queries/tracks';
import { notFound } from '@/lib/server/errors';
import { handler, json, parseJsonBody } from '@/lib/server/http';
import { ensureOwnerOf, ownerOf } from '@/lib/server/request-owner';
import { changingSharedPages } from '@/lib/server/shared-cache';
import { isPlausibleId } from '@/lib/server/security/text';

const setTempoSchema = z
  .object({
    bpm: z.number().min(30, 'must be at least 30 BPM').max(300, 'must be at most 300 BPM'),
    source: z.enum(['manual', 'tap']).default('manual'),
  })
  .strict();

/** Sets the visitor's own tempo for a track; their value wins over every other source for them. */
export const PUT = handler(async (request: Request, context: { params: Promise<{ trackId: string }> }) => {
  const { trackId } = await context.params;
  const db = await getDb();
  const input = await parseJsonBody(request, setTempoSchema);
  // The track is looked up before any owner is made: an unknown id is a 404 that writes nothing.
  const existing = await ownerOf(db, request);
  if (!isPlausibleId(trackId) || !(await findVisibleTrack(db, trackId, existing))) throw notFound('Track');
  const { ownerId, setCookie } = existing ? { ownerId: existing, setCookie: null } : await ensureOwnerOf(db, request);
  const bpm = Math.round(input.bpm * 10) / 10;
  await changingSharedPages(db, { ownerId }, () => setOwnTempo(db, { trackId, ownerId, bpm, source: input.source }));
  return json({ trackId, bpm, source: input.source }, { setCookie });
});
