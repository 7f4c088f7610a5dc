/**
 * Runs once when the server starts: checks the settings (exiting with a message that names a bad
 * variable); with Spotify configured, finds the soundtrack on Spotify in
 * the background (app-only token; done once per database, see resolveSoundtrack).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // A bad setting stops the start with the variable's name, rather than a server that answers 500 to everything.
  try {
    await import('./lib/server/env');
  } catch (error) {
    console.error(`Montage cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  const { resolveSoundtrackInBackground } = await import('./lib/server/spotify');
  resolveSoundtrackInBackground();
}
