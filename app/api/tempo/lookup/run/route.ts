import { getDb } from '@/db/client';
import { getTempoLookupRun, stopTempoLookup } from '@/db/queries/tempo-lookup-runs';
import { handler, json, parseJsonBody } from '@/lib/server/http';
import { startTempoLookup } from '@/lib/server/jobs/queue';
import { ownerOf, requestOwner } from '@/lib/server/request-owner';
import { limitRequest } from '@/lib/server/security/rate-limit';
import { expireSharedPagesAfterLookup, lookupRunView } from '@/lib/server/tempo-lookup-view';
import { startLookupRunSchema } from './schema';

/**
 * Starts looking up the visitor's missing tempos on the public source (Deezer's bpm by ISRC) as a
 * background job, paced under its quota, and answers at once with the progress. A second start
 * while one runs (another tab, another process) starts nothing and answers with its progress.
 */
export const POST = handler(async (request: Request) => {
  const db = await getDb();
  const input = await parseJsonBody(request, startLookupRunSchema);
  const owner = await requestOwner(db, request);
  await limitRequest(request, 'lookup_start', owner.ownerId);
  const { ownerId, setCookie } = await owner.ensure();
  const run = await startTempoLookup(db, { ownerId, trackIds: input.trackIds });
  return json(lookupRunView(run), { status: 202, setCookie });
});

/** How far the visitor's lookup is (stored as it goes, whichever process runs it): the progress bar polls this. */
export const GET = handler(async (request: Request) => {
  const db = await getDb();
  const ownerId = await ownerOf(db, request);
  const run = ownerId ? await getTempoLookupRun(db, ownerId) : null;
  await expireSharedPagesAfterLookup(db, run);
  return json(lookupRunView(run));
});

/** Stops the visitor's lookup after the batch in flight; what was found stays. */
export const DELETE = handler(async (request: Request) => {
  const db = await getDb();
  const ownerId = await ownerOf(db, request);
  if (ownerId) await stopTempoLookup(db, ownerId);
  return json(lookupRunView(ownerId ? await getTempoLookupRun(db, ownerId) : null));
});
