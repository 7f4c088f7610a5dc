import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
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
 * Takes the embedded data folder for this process alone, the way PostgreSQL's postmaster.pid
 * does: a lock file beside the folder naming the holder's PID, created exclusively. A lock left
 * by a process that no longer runs (kill -9, power cut; or this very PID after a container
 * restart) is taken over. Returns the release function.
 */
export function lockDataFolder(dataDir: string): () => void {
  const lockPath = `${path.resolve(dataDir)}.lock`;
  const me: LockHolder = { pid: process.pid, host: hostname() };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const fd = openSync(lockPath, 'wx');
      try {
        writeSync(fd, JSON.stringify(me));
      } finally {
        closeSync(fd);
      }
      return () => {
        if (readHolder(lockPath)?.pid === me.pid) unlinkSync(lockPath);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(lockPath);
    if (holder && holder.pid !== me.pid && (holder.host !== me.host || isAlive(holder.pid))) {
      throw new DataFolderLockedError(dataDir, holder.pid, lockPath);
    }
    // Stale: its process is gone. Remove it and try again.
    try {
      unlinkSync(lockPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  const holder = readHolder(lockPath);
  throw new DataFolderLockedError(dataDir, holder?.pid ?? -1, lockPath);
}
