/**
 * Runs once when the server starts, before it answers requests (see lib/server/start.ts): opens
 * the database, closes it on shutdown, and with Spotify configured finds the soundtrack on
 * Spotify in the background.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startServer } = await import('./lib/server/start');
  await startServer();
}
