import { getDb } from '@/db/client';
import { handler, json } from '@/lib/server/http';
import { startLibraryImport } from '@/lib/server/jobs/queue';
import { spotifyUserOf } from '@/lib/server/request-user';
import { limitRequest } from '@/lib/server/security/rate-limit';
import { getImportProgress } from '@/lib/server/spotify';

/**
 * Starts or resumes importing the user's liked songs as a background job; answers at once with the
 * progress so far. A second start while it runs (another tab, another process) starts nothing and
 * answers with the running import's progress.
 */
export const POST = handler(async (request: Request) => {
  const db = await getDb();
  const user = await spotifyUserOf(db, request);
  await limitRequest(request, 'import_start', user.ownerId);
  const progress = await startLibraryImport(db, user);
  return json({ status: progress.status, imported: progress.imported, total: progress.total }, { status: 202 });
});

/** How far the import is (stored as it goes, whichever process runs it): a progress bar polls this. */
export const GET = handler(async (request: Request) => {
  const db = await getDb();
  const user = await spotifyUserOf(db, request);
  const progress = await getImportProgress(db, user.userId);
  return json(
    progress
      ? { status: progress.status, imported: progress.imported, total: progress.total, error: progress.error }
      : { status: 'none', imported: 0, total: null, error: null },
  );
});
