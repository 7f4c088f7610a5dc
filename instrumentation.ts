/**
 * Runs once when the server starts: with Spotify configured, finds the soundtrack on Spotify in
 * the background (app-only token; done once per database, see resolveSoundtrack).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { resolveSoundtrackInBackground } = await import('./lib/server/spotify');
  resolveSoundtrackInBackground();
}
