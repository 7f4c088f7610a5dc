import PgBoss from 'pg-boss';
import { Client } from 'pg';
import { getDb } from '../../../db/client';
import { env } from '../env';
import { logLine, loggableError } from '../log';
import { appSpotify, resolveSoundtrack, resolveSoundtrackInBackground } from '../spotify';

/**
 * Background work that must run once for all processes, and survive a process that dies in the
 * middle: on PostgreSQL it is a pg-boss job (claimed from the database by one process; a job whose
 * process died expires and is retried by another). The embedded database has one process: the
 * same functions run in it directly.
 */
const SOUNDTRACK = 'resolve-soundtrack';

const globalForJobs = globalThis as unknown as { montageBoss?: PgBoss };

/** Any number fixed for this app: the advisory lock that the queue's set-up runs under. */
const SETUP_LOCK_KEY = 4_821_337_210;

/**
 * pg-boss installs its schema and creates queues (tables) at start; N processes doing it at once
 * on an empty database deadlock, so one does it while the others wait.
 */
async function underSetupLock<T>(url: string, work: () => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [SETUP_LOCK_KEY]);
    return await work();
  } finally {
    await client.end(); // ends the session, and with it the lock
  }
}

async function ensureQueue(boss: PgBoss, name: string, options: Omit<PgBoss.Queue, 'name'>): Promise<void> {
  // Two processes starting together may both create it; the second finds it there.
  if (!(await boss.getQueue(name))) {
    try {
      await boss.createQueue(name, { name, ...options });
    } catch (error) {
      if (!(await boss.getQueue(name))) throw error;
    }
  }
}

/** Starts this process's workers and queues the work due at start. */
export async function startJobs(): Promise<void> {
  if (!env.DATABASE_URL) {
    resolveSoundtrackInBackground();
    return;
  }
  if (globalForJobs.montageBoss) return;
  const boss = new PgBoss({ connectionString: env.DATABASE_URL, max: 3 });
  boss.on('error', (error) => logLine('error', 'job queue', loggableError(error)));
  await underSetupLock(env.DATABASE_URL, async () => {
    await boss.start();
    // stately: at most one waiting and one running, so starting N processes queues it once more at most.
    await ensureQueue(boss, SOUNDTRACK, { policy: 'stately', retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 600 });
  });
  globalForJobs.montageBoss = boss;
  await boss.work(SOUNDTRACK, async () => {
    const resolved = await resolveSoundtrack(await getDb());
    if (resolved > 0) logLine('info', 'soundtrack resolved on Spotify', { tracks: resolved });
  });
  if (appSpotify()) await boss.send(SOUNDTRACK, {});
}

/** Stops taking jobs and waits (a while) for the running ones; an unfinished one is retried elsewhere. */
export async function stopJobs(): Promise<void> {
  const boss = globalForJobs.montageBoss;
  globalForJobs.montageBoss = undefined;
  if (boss) await boss.stop({ graceful: true, wait: true, timeout: 5000 });
}
