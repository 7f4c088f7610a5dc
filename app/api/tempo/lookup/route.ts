import { getDb } from '@/db/client';
import { appDeezerSource } from '@/lib/server/deezer-source';
import { handler, json, parseJsonBody } from '@/lib/server/http';
import { requestOwner } from '@/lib/server/request-owner';
import { expireSharedPages } from '@/lib/server/shared-cache';
import { listActiveShareTokens } from '@/db/queries/shares';
import { limitRequest } from '@/lib/server/security/rate-limit';
import { lookUpMissingTempos } from '@/lib/tempo/look-up-missing-tempos';
import { lookUpTemposSchema } from './schema';

/**
 * One batch, answered in the request: asks the public tempo source for the visitor's tracks that
 * have an ISRC and no tempo (at most 40 requests). Answers are cached per ISRC. A spent quota stops
 * the batch: the answer says so in `stopped`, with what was found before it (saved) and what was
 * not asked. Each request waits for its turn in the app's Deezer budget (8 a second across every
 * process), so 40 take about 5 s. A whole lookup runs as a background job: `POST /api/tempo/lookup/run`.
 */
export const POST = handler(async (request: Request) => {
  const db = await getDb();
  const input = await parseJsonBody(request, lookUpTemposSchema);
  const owner = await requestOwner(db, request);
  await limitRequest(request, 'lookup_start', owner.ownerId);
  const { ownerId, setCookie } = await owner.ensure();
  const report = await lookUpMissingTempos(db, { ownerId, trackIds: input.trackIds, source: appDeezerSource() });
  // A looked-up tempo is shared by everyone whose montages hold that track.
  if (report.tracks.some((t) => t.bpm !== null)) await expireSharedPages(await listActiveShareTokens(db, 'all'));
  return json(report, { setCookie });
});
