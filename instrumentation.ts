/**
 * Runs once when the server starts, before it answers requests: checks the settings (exiting with
 * a message that names a bad variable), starts the access log, opens the database and starts
 * background work (see lib/server/start.ts), seals secrets written before encryption, and schedules retention.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // Also refused in next.config.js; here too for a server started without it (a standalone build).
  const { exitUnlessSupportedNode } = await import('./lib/server/supported-node.mjs');
  exitUnlessSupportedNode();
  // A bad setting stops the start with the variable's name, rather than a server that answers 500 to everything.
  try {
    await import('./lib/server/env');
  } catch (error) {
    console.error(`Montage cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  // X-Forwarded-For holds the client's address alone, as MONTAGE_TRUSTED_PROXIES says to read it (rate limits count it).
  const [{ env }, { trustForwardedFor }, { guardRequestLines }] = await Promise.all([
    import('./lib/server/env'),
    import('./lib/server/security/forwarded-for'),
    import('./lib/server/security/request-line'),
  ]);
  trustForwardedFor(env.MONTAGE_TRUSTED_PROXIES);
  // An absolute-form target is read as its path (never a redirect to its host); a non-UTF-8 path escape is a 400.
  guardRequestLines();
  // Every request, pages too, is logged as one JSON line once answered.
  const { startAccessLog } = await import('./lib/server/access-log');
  startAccessLog();
  const { startServer } = await import('./lib/server/start');
  await startServer();
  // Secrets written before encryption (or under a rotated key) are sealed with the current key.
  const [{ getDb }, { sealSecretsAtRest }] = await Promise.all([import('./db/client'), import('./lib/server/security/secrets-at-rest')]);
  void getDb()
    .then(sealSecretsAtRest)
    .catch((error: unknown) => console.error(`Sealing secrets at rest failed; they stay readable and are tried again at the next start (${String(error)})`));
  // Retention: revoked links, owners holding nothing and ended sessions go after MONTAGE_RETENTION_DAYS (every 6 hours).
  const { schedulePurge } = await import('./lib/server/security/purge-schedule');
  schedulePurge();
}
