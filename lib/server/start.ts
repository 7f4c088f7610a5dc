import { closeDb, getDb } from '../../db/client';
import { startApplyingPendingExpiries } from './cache/pending-expiries';
import { env } from './env';
import { startJobs, stopJobs } from './jobs/queue';
import { logLine } from './log';
import { closeOnShutdown } from './shutdown';

/**
 * What the Node.js server does once before it answers: opens the database (migrations, catalog;
 * the embedded data folder is taken for this process alone, so a second process on it stops
 * here, non-zero, with the reason), closes it on SIGTERM/SIGINT, and starts background work. A
 * service (PostgreSQL) that does not know its public address says so: link previews need it.
 */
export async function startServer(): Promise<void> {
  try {
    await getDb();
  } catch (error) {
    console.error(`Montage cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  if (env.DATABASE_URL && !env.NEXTAUTH_URL) {
    // Share pages read no header (they are cached), so only this setting can say where the app is reached.
    logLine('warn', 'NEXTAUTH_URL is not set: shared links preview (Open Graph image and address) with http://localhost addresses that nobody else can open; set it to the address people reach this app at');
  }
  // With Redis: expiries kept while Redis was away (by any process, before a restart too) are applied
  // before this process serves a page from Redis.
  startApplyingPendingExpiries();
  closeOnShutdown(async () => {
    await stopJobs();
    await closeDb();
  });
  try {
    await startJobs();
  } catch (error) {
    console.error(`Montage cannot start its job queue: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
