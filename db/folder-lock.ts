import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

/** Another live process holds the embedded data folder: opening it too would corrupt it. */
export class DataFolderLockedError extends Error {
  readonly code = 'data_folder_locked';
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
    readonly lockPath: string,
  ) {
    super(
      `The embedded database folder ${dataDir} is in use by process ${holderPid}. ` +
        'PGlite is single-process: stop that process, give this one its own MONTAGE_DATA_DIR, ' +
        `or use PostgreSQL (DATABASE_URL) to run several processes. (Lock file: ${lockPath}; delete it only if process ${holderPid} is not Montage.)`,
    );
  }
}

interface LockHolder {
  pid: number;
  host: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(lockPath: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(lockPath, 'utf8')) as Partial<LockHolder>;
    return typeof parsed.pid === 'number' ? { pid: parsed.pid, host: String(parsed.host ?? '') } : null;
  } catch {
    return null; // vanished meanwhile, or half-written by a process killed while writing it
  }
}

/**
 * Creates `target` holding `me`, whole, or fails with EEXIST: the content is written to a file of
 * this process's own first and linked into place (a link never replaces a file), so no other
 * process ever reads a lock file half-written (it took an empty one for stale, and then held too).
 */
function createHolding(target: string, me: LockHolder): void {
  const own = `${target}.${me.pid}.tmp`;
  writeFileSync(own, JSON.stringify(me));
  try {
    linkSync(own, target);
  } finally {
    unlinkSync(own);
  }
}

function removeIfExists(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

const isStale = (holder: LockHolder | null, me: LockHolder) => !holder || holder.pid === me.pid || (holder.host === me.host && !isAlive(holder.pid));

/**
 * Takes the embedded data folder for this process alone, the way PostgreSQL's postmaster.pid
 * does: a lock file beside the folder naming the holder's PID, created exclusively. A lock left
 * by a process that no longer runs (kill -9, power cut; or this very PID after a container
 * restart) is taken over, by one process at a time: two starting together both saw the dead
 * holder, and the second removed the lock the first had just taken (issue 31: two holders in 5 of
 * 40 races). A takeover is done under a second lock file (`.takeover`), and the holder is read
 * again under it. Returns the release function.
 */
export function lockDataFolder(dataDir: string): () => void {
  const lockPath = `${path.resolve(dataDir)}.lock`;
  const takeoverPath = `${lockPath}.takeover`;
  const me: LockHolder = { pid: process.pid, host: hostname() };
  const release = () => {
    if (readHolder(lockPath)?.pid === me.pid) unlinkSync(lockPath);
  };
  for (let attempt = 0; attempt < 5; attempt += 1) {
    try {
      createHolding(lockPath, me);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(lockPath);
    if (holder && !isStale(holder, me)) throw new DataFolderLockedError(dataDir, holder.pid, lockPath);
    // The holder is gone (or the file vanished meanwhile): take over, one process at a time.
    try {
      createHolding(takeoverPath, me);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const taker = readHolder(takeoverPath);
      // Another live process is taking over: it will hold the folder.
      if (taker && !isStale(taker, me)) throw new DataFolderLockedError(dataDir, taker.pid, lockPath);
      removeIfExists(takeoverPath); // left by a process that died while taking over
      continue;
    }
    try {
      const current = readHolder(lockPath);
      if (current && !isStale(current, me)) throw new DataFolderLockedError(dataDir, current.pid, lockPath);
      removeIfExists(lockPath);
      try {
        createHolding(lockPath, me);
        return release;
      } catch (error) {
        // A process that did not need a takeover made the lock between the removal and here: it holds.
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    } finally {
      if (readHolder(takeoverPath)?.pid === me.pid) removeIfExists(takeoverPath);
    }
  }
  const holder = readHolder(lockPath);
  throw new DataFolderLockedError(dataDir, holder?.pid ?? -1, lockPath);
}
