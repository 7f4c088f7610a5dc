import { closeDb, getDb } from '../../db/client';
import { env } from './env';
import { logLine } from './log';
import { startJobs, stopJobs } from './jobs/queue';
import { closeOnShutdown } from './shutdown';

/**
 * What the Node.js server does once before it answers: opens the database (migrations, catalog;
 * the embedded data folder is taken for this process alone, so a second process on it stops
 * here, non-zero, with the reason), closes it on SIGTERM/SIGINT, and starts background work.
 */
export async function startServer(): Promise<void> {
  try {
    await getDb();
  } catch (error) {
    console.error(`Montage cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  closeOnShutdown(async () => {
    await stopJobs();
    await closeDb();
  });
  if (env.DATABASE_URL && !env.REDIS_URL) {
    logLine('warn', 'Shared pages are cached in this process only: set REDIS_URL before starting a second process on this database.');
  }
  try {
    await startJobs();
  } catch (error) {
    console.error(`Montage cannot start its job queue: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
