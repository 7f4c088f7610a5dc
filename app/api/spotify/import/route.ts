import { getDb } from '@/db/client';
import { handler, json } from '@/lib/server/http';
import { spotifyUserOf } from '@/lib/server/request-user';
import { limitRequest } from '@/lib/server/security/rate-limit';
import { getImportProgress, startLibraryImport } from '@/lib/server/spotify';

/** Starts or resumes importing the user's liked songs; answers at once with the progress so far. */
export const POST = handler(async (request: Request) => {
  const db = await getDb();
  const user = await spotifyUserOf(db, request);
  await limitRequest(request, 'import_start', user.ownerId);
  await startLibraryImport(db, user);
  const progress = await getImportProgress(db, user.userId);
  return json({ status: progress?.status, imported: progress?.imported ?? 0, total: progress?.total ?? null }, { status: 202 });
});

/** How far the import is: a progress bar polls this. */
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
