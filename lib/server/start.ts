import { closeDb, getDb } from '../../db/client';
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
  try {
    await startJobs();
  } catch (error) {
    console.error(`Montage cannot start its job queue: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
