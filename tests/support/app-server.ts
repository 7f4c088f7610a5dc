import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';

export interface AppServer {
  baseUrl: string;
  /** The `next start` process (its own process group). */
  pid: number;
  /** Everything it printed so far. */
  output: () => string;
  /** Ends it with SIGTERM (a clean stop) and removes its data folder unless it was given one. */
  stop: () => Promise<void>;
  /** Ends it at once (kill -9): no cleanup runs. */
  kill: () => Promise<void>;
}

export interface AppProcess {
  baseUrl: string;
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code once it has exited. */
  exited: Promise<number | null>;
}

function withServiceSecrets(env: Record<string, string>): Record<string, string> {
  return env.DATABASE_URL ? { ...serviceSecrets, ...env } : env;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Spawns `next start` on a free loopback port without waiting for it. */
export async function spawnAppProcess(env: Record<string, string> | ((baseUrl: string) => Record<string, string>)): Promise<AppProcess> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(path.join(process.cwd(), 'node_modules', '.bin', 'next'), ['start', '-H', '127.0.0.1', '-p', String(port)], {
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', ...withServiceSecrets(typeof env === 'function' ? env(baseUrl) : env) },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: stop() ends it and anything it started.
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { baseUrl, child, output: () => output, exited };
}

/**
 * The secrets a service on PostgreSQL must be given (lib/server/env.ts refuses to start without
 * them): one pair per test process, so every app server of a test shares its cookies and keys.
 */
const serviceSecrets = { MONTAGE_SECRET: randomBytes(32).toString('base64url'), MONTAGE_ENCRYPTION_KEY: randomBytes(32).toString('base64') };

/**
 * Starts the built app (`next start`) on a free loopback port with its own embedded database
 * folder, the way a user runs it; extra environment (e.g. DATABASE_URL, or MONTAGE_DATA_DIR to
 * share a folder, which is then left in place) can be passed.
 */
export async function startAppServer(
  extraEnv: Record<string, string> | ((baseUrl: string) => Record<string, string>) = {},
): Promise<AppServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'montage-e2e-'));
  // Its embedded database starts as a copy of the run's migrated folder (the server then loads the catalog).
  const template = inject('pgliteTemplate');
  if (template) cpSync(template, path.join(dataDir, 'pglite'), { recursive: true });
  const app = await spawnAppProcess((baseUrl) => ({ MONTAGE_DATA_DIR: path.join(dataDir, 'pglite'), ...(typeof extraEnv === 'function' ? extraEnv(baseUrl) : extraEnv) }));
  const { baseUrl, child } = app;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}). Did you run "next build"?\n${app.output()}`);
    try {
      const response = await fetch(`${baseUrl}/`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`next start did not answer within 60 s\n${app.output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const end = async (signal: NodeJS.Signals) => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    }
    await Promise.race([app.exited, new Promise((r) => setTimeout(r, 10_000))]);
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { baseUrl, pid: child.pid!, output: app.output, stop: () => end('SIGTERM'), kill: () => end('SIGKILL') };
}
