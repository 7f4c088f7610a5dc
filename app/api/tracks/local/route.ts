import { getDb } from '@/db/client';
import { analyzeTracksIfStale } from '@/db/queries/planner-statistics';
import { addLocalTracks, getTracksByIds } from '@/db/queries/tracks';
import { handler, json, parseJsonBody } from '@/lib/server/http';
import { requestOwner } from '@/lib/server/request-owner';
import { changingSharedPages } from '@/lib/server/shared-cache';
import { limitRequest } from '@/lib/server/security/rate-limit';
import { addLocalTracksSchema } from './schema';

/**
 * Adds the visitor's own audio files as tracks: metadata and the tempo their browser detected.
 * The audio itself stays in their browser. Adding a file again (same SHA-256) updates its track.
 */
export const POST = handler(async (request: Request) => {
  const db = await getDb();
  const input = await parseJsonBody(request, addLocalTracksSchema);
  const owner = await requestOwner(db, request);
  await limitRequest(request, 'local_upload', owner.ownerId, input.tracks.length);
  const { ownerId, setCookie } = await owner.ensure();
  const ids = await changingSharedPages(db, { ownerId }, () => addLocalTracks(db, { ownerId, tracks: input.tracks }));
  // Folders arrive in batches: once they add up to a tenth of the library, the planner learns it.
  await analyzeTracksIfStale(db);
  const views = new Map((await getTracksByIds(db, ids, ownerId)).map((t) => [t.id, t]));
  const tracks = ids.map((id) => {
    const t = views.get(id)!;
    return { id, title: t.title, artist: t.artist, durationMs: t.durationMs, bpm: t.bpm, tempoSource: t.tempoSource, tempoQuestionBpm: t.tempoQuestionBpm };
  });
  return json({ tracks }, { status: 201, setCookie });
}, { ownWriteLimit: true });
