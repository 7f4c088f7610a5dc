import { getDb } from '../../../db/client';
import { purgeExpired } from '../../../db/queries/retention';
import { env } from '../env';

const EVERY_MS = 6 * 3600 * 1000;

/**
 * Runs purgeExpired a minute after start and every 6 hours. Any number of processes may run it
 * (each delete is idempotent); a jobs layer can call purgeExpired instead.
 */
export function schedulePurge(): void {
  const run = () =>
    getDb()
      .then((db) => purgeExpired(db, { now: new Date(), retentionDays: env.MONTAGE_RETENTION_DAYS }))
      .then((report) => console.log(JSON.stringify({ job: 'purgeExpired', ...report })))
      .catch((error: unknown) => console.error(`purgeExpired failed; it runs again in 6 hours (${String(error)})`));
  setTimeout(run, 60_000).unref();
  setInterval(run, EVERY_MS).unref();
}
