import { z } from 'zod';
import { getDb } from '@/db/client';
import { currentTempo, findVisibleTrack, sameTempo, setOwnTempo, staleTempo } from '@/db/queries/tracks';
import { notFound } from '@/lib/server/errors';
import { handler, json, parseJsonBody } from '@/lib/server/http';
import { ensureOwnerOf, ownerOf } from '@/lib/server/request-owner';
import { changingSharedPages } from '@/lib/server/shared-cache';
import { isPlausibleId } from '@/lib/server/security/text';

const setTempoSchema = z
  .object({
    bpm: z.number().min(30, 'must be at least 30 BPM').max(300, 'must be at most 300 BPM'),
    source: z.enum(['manual', 'tap']).default('manual'),
    /** The tempo the visitor saw before their change (null: none); a save made on an older view is refused with 409. */
    previousBpm: z.number().nullable(),
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
  if (!existing) {
    // Checked before an owner is made, so a stale save from a new visitor writes nothing either.
    const now = await currentTempo(db, trackId, null);
    if (!sameTempo(input.previousBpm, now)) throw staleTempo(now);
  }
  const { ownerId, setCookie } = existing ? { ownerId: existing, setCookie: null } : await ensureOwnerOf(db, request);
  const bpm = Math.round(input.bpm * 10) / 10;
  await changingSharedPages(db, { ownerId }, () => setOwnTempo(db, { trackId, ownerId, bpm, source: input.source, previousBpm: input.previousBpm }));
  return json({ trackId, bpm, source: input.source }, { setCookie });
});
