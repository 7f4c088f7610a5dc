import { setTimeout as pause } from 'node:timers/promises';
import { PgBoss, type Queue } from 'pg-boss';
import { Client } from 'pg';
import { getDb, type Database } from '../../../db/client';
import { beginImport, listRunningImports, type ImportProgress } from '../../../db/queries/library';
import { beginTempoLookup, listRunningTempoLookups, type TempoLookupRun } from '../../../db/queries/tempo-lookup-runs';
import { appDeezerSource } from '../deezer-source';
import { env } from '../env';
import { logLine, loggableError } from '../log';
import { appSpotify, resolveSoundtrack, resolveSoundtrackInBackground } from '../spotify';
import { runImportSlice, type ImportJobData, type SliceOutcome } from './library-import';
import { runLookupSlice, type LookupJobData, type LookupSliceResult } from './tempo-lookup';

/**
 * Background work that must run once for all processes, and survive a process that dies in the
 * middle: on PostgreSQL it is a pg-boss job (claimed from the database by one process; a job whose
 * process died expires and is retried by another). The embedded database has one process: the
 * same functions run in it directly.
 *
 * The library import and the tempo lookup are long: they run as slices of at most SLICE_MS, each
 * a job that stores its progress as it goes and queues the next slice. A slice's job expires after
 * SLICE_EXPIRY_SECONDS, so when a process dies mid-slice another process takes the run over from
 * its stored progress within about SLICE_EXPIRY_SECONDS + MAINTENANCE_SECONDS + a poll.
 */
const SOUNDTRACK = 'resolve-soundtrack';
const IMPORT = 'library-import';
const LOOKUP = 'tempo-lookup';

/** A slice starts no new page or batch after this long. */
export const SLICE_MS = 5_000;
/** A slice whose process died is failed (then retried elsewhere) this long after it started. */
export const SLICE_EXPIRY_SECONDS = 20;
/** How often pg-boss looks for expired jobs (its supervision, one process at a time for all). */
const MAINTENANCE_SECONDS = 5;
/** How often each worker asks for a job. */
const POLLING_SECONDS = 1;
/** Workers per queue in each process (each runs one user's slice at a time). */
const WORKERS_PER_QUEUE = 2;

const globalForJobs = globalThis as unknown as { montageBoss?: PgBoss; montageInProcess?: Map<string, Promise<void>> };

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

async function ensureQueue(boss: PgBoss, name: string, options: Omit<Queue, 'name'>): Promise<void> {
  // Two processes starting together may both create it; the second finds it there.
  const existing = await boss.getQueue(name);
  if (existing) {
    // A queue's policy is fixed when it is made (pg-boss 11+); the rest follows this code.
    const { policy: _policy, ...changeable } = options;
    await boss.updateQueue(name, changeable);
    return;
  }
  try {
    await boss.createQueue(name, options);
  } catch (error) {
    if (!(await boss.getQueue(name))) throw error;
  }
}

const deezer = appDeezerSource;

/** The next slice waits a moment, so it is not claimed while the one queuing it is still active. */
const NEXT_SLICE_GAP_MS = 250;

async function sendSlice(boss: PgBoss, name: string, data: object, singletonKey: string, notBefore?: Date | null): Promise<void> {
  const startAfter = new Date(Math.max(Date.now() + NEXT_SLICE_GAP_MS, notBefore?.getTime() ?? 0));
  // stately: if a slice of this run is already waiting, this one is not added (send answers null).
  await boss.send(name, data, { singletonKey, startAfter });
}

/**
 * One log line as a slice starts and one as it ends (which work, the job, how it ended, how long it
 * took): an operator sees which process ran what, and where a dead process's slice was taken over.
 */
async function logSlice<T extends SliceOutcome | LookupSliceResult>(work: string, jobId: string, slice: () => Promise<T>): Promise<T> {
  const started = Date.now();
  logLine('info', 'job slice started', { work, jobId });
  try {
    const result = await slice();
    logLine('info', 'job slice ended', { work, jobId, outcome: typeof result === 'string' ? result : result.outcome, durationMs: Date.now() - started });
    return result;
  } catch (error) {
    logLine('error', 'job slice failed (retried)', { work, jobId, durationMs: Date.now() - started, ...loggableError(error) });
    throw error;
  }
}

/** Starts this process's workers and queues the work due at start (and runs left unfinished by a process that died). */
export async function startJobs(): Promise<void> {
  if (!env.DATABASE_URL) {
    resolveSoundtrackInBackground();
    await resumeInProcess(await getDb());
    return;
  }
  if (globalForJobs.montageBoss) return;
  const boss = new PgBoss({
    connectionString: env.DATABASE_URL,
    max: 4,
    // Expired jobs are failed (then retried) by the supervision pass since pg-boss 11.
    superviseIntervalSeconds: MAINTENANCE_SECONDS,
    maintenanceIntervalSeconds: MAINTENANCE_SECONDS,
  });
  boss.on('error', (error: unknown) => logLine('error', 'job queue', loggableError(error)));
  const slices = { policy: 'stately' as const, retryLimit: 20, retryDelay: 1, expireInSeconds: SLICE_EXPIRY_SECONDS };
  await underSetupLock(env.DATABASE_URL, async () => {
    await boss.start();
    // stately: at most one waiting and one running, so starting N processes queues it once more at most.
    await ensureQueue(boss, SOUNDTRACK, { policy: 'stately', retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 600 });
    await ensureQueue(boss, IMPORT, slices);
    await ensureQueue(boss, LOOKUP, slices);
  });
  globalForJobs.montageBoss = boss;
  await boss.work(SOUNDTRACK, async () => {
    const resolved = await resolveSoundtrack(await getDb());
    if (resolved > 0) logLine('info', 'soundtrack resolved on Spotify', { tracks: resolved });
  });
  for (let i = 0; i < WORKERS_PER_QUEUE; i++) {
    await boss.work<ImportJobData>(IMPORT, { pollingIntervalSeconds: POLLING_SECONDS }, async ([job]) => {
      if (!job) return;
      const outcome = await logSlice(IMPORT, job.id, async () => runImportSlice(await getDb(), job.data, { budgetMs: SLICE_MS }));
      if (outcome === 'more') await sendSlice(boss, IMPORT, job.data, job.data.userId);
    });
    await boss.work<LookupJobData>(LOOKUP, { pollingIntervalSeconds: POLLING_SECONDS }, async ([job]) => {
      if (!job) return;
      const result = await logSlice(LOOKUP, job.id, async () => runLookupSlice(await getDb(), job.data, { budgetMs: SLICE_MS, source: deezer() }));
      if (result.outcome === 'more') await sendSlice(boss, LOOKUP, job.data, job.data.ownerId, result.notBefore);
    });
  }
  if (appSpotify()) await boss.send(SOUNDTRACK, {});
  // A run whose jobs were all used up (or lost) is still marked running: give it a job again.
  const db = await getDb();
  for (const run of await listRunningImports(db)) await sendSlice(boss, IMPORT, run, run.userId);
  for (const run of await listRunningTempoLookups(db)) await sendSlice(boss, LOOKUP, run, run.ownerId);
}

/** Stops taking jobs and waits (a while) for the running ones; an unfinished one is retried elsewhere. */
export async function stopJobs(): Promise<void> {
  const boss = globalForJobs.montageBoss;
  globalForJobs.montageBoss = undefined;
  if (boss) await boss.stop({ graceful: true, timeout: 5000 });
}

// ---------------------------------------------------------------- the embedded database: in process

const inProcess = (globalForJobs.montageInProcess ??= new Map());
/** In process, an unexpected error (not Spotify's, not Deezer's) is tried again this many times. */
const IN_PROCESS_RETRIES = 5;

/** Runs slices one after the other in this process, once per key; an unfinished run is resumed at the next start. */
function runInProcess(key: string, slice: () => Promise<{ outcome: SliceOutcome; notBefore?: Date | null }>): void {
  if (inProcess.has(key)) return;
  const run = (async () => {
    for (let failures = 0; ; ) {
      try {
        const result = await slice();
        if (result.outcome === 'finished') return;
        if (result.notBefore) await pause(result.notBefore.getTime() - Date.now());
      } catch (error) {
        logLine('error', 'background work failed', { work: key.split(':')[0], ...loggableError(error) });
        if (++failures > IN_PROCESS_RETRIES) return;
        await pause(1000 * failures);
      }
    }
  })().finally(() => inProcess.delete(key));
  inProcess.set(key, run);
}

function runImportInProcess(db: Database, data: ImportJobData): void {
  runInProcess(`import:${data.userId}`, async () => ({ outcome: await runImportSlice(db, data, { budgetMs: SLICE_MS }) }));
}

function runLookupInProcess(db: Database, data: LookupJobData): void {
  const source = deezer();
  runInProcess(`lookup:${data.ownerId}`, async (): Promise<LookupSliceResult> => runLookupSlice(db, data, { budgetMs: SLICE_MS, source }));
}

async function resumeInProcess(db: Database): Promise<void> {
  if (appSpotify()) for (const run of await listRunningImports(db)) runImportInProcess(db, run);
  for (const run of await listRunningTempoLookups(db)) runLookupInProcess(db, run);
}

/** Waits for this process's in-process runs (the embedded database; tests and scripts). */
export async function awaitInProcessWork(): Promise<void> {
  while (inProcess.size > 0) await Promise.all([...inProcess.values()]);
}

// ---------------------------------------------------------------- starting work (route handlers call these)

function enqueue(name: typeof IMPORT | typeof LOOKUP, data: ImportJobData | LookupJobData, key: string, inProcessRun: () => void): Promise<void> {
  const boss = globalForJobs.montageBoss;
  if (env.DATABASE_URL && boss) return sendSlice(boss, name, data, key, new Date());
  inProcessRun();
  return Promise.resolve();
}

/**
 * Starts (or resumes) importing the user's liked songs as a job, unless it is running already
 * (another tab, another process: then nothing starts), and answers with the stored progress.
 * 50 songs a request, each page stored with where the next starts. A finished import is
 * followed by a re-sync that fetches only songs liked since — and, when Spotify's count of liked
 * songs shows some were un-liked meanwhile, reads the whole library once more and removes the
 * un-liked songs, except those a montage uses (see removeUnlikedTracks).
 */
export async function startLibraryImport(db: Database, user: { userId: string; ownerId: string }): Promise<ImportProgress> {
  const begun = await beginImport(db, user.userId);
  const data: ImportJobData = { userId: user.userId, ownerId: user.ownerId };
  // Running already: its job is there (or is given one again at the next start).
  if (begun.kind === 'started' || !env.DATABASE_URL) await enqueue(IMPORT, data, user.userId, () => runImportInProcess(db, data));
  return begun.progress;
}

/**
 * Starts looking up the tempos of these tracks (or all of the owner's with an ISRC and no tempo)
 * on the public source as a job, unless a lookup is running already, and answers with its progress.
 */
export async function startTempoLookup(db: Database, params: { ownerId: string; trackIds?: readonly string[] }): Promise<TempoLookupRun> {
  const begun = await beginTempoLookup(db, params);
  const data: LookupJobData = { ownerId: params.ownerId };
  if (begun.run.status === 'running' && (begun.kind === 'started' || !env.DATABASE_URL)) {
    await enqueue(LOOKUP, data, params.ownerId, () => runLookupInProcess(db, data));
  }
  return begun.run;
}
