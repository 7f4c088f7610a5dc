import { getDb } from '@/db/client';
import { saveSession } from '@/db/queries/sessions';
import { handler, json, parseJsonBody } from '@/lib/server/http';
import { ensureOwnerOf } from '@/lib/server/request-owner';
import { sessionSchema } from './schema';

/**
 * Stores a workout session sent by the device (fetch, or sendBeacon as the tab closes). The id is
 * the device's: sending the same session again answers 200 and changes nothing.
 */
export const POST = handler(async (request: Request) => {
  const db = await getDb();
  const session = await parseJsonBody(request, sessionSchema);
  const { ownerId, setCookie } = await ensureOwnerOf(db, request);
  const outcome = await saveSession(db, { ownerId, session });
  return json({ id: session.id, outcome }, { status: outcome === 'created' ? 201 : 200, setCookie });
});
