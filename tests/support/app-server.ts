import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface AppServer {
  baseUrl: string;
  stop: () => Promise<void>;
}

function withServiceSecrets(env: Record<string, string>): Record<string, string> {
  return env.DATABASE_URL ? { ...serviceSecrets, ...env } : env;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * The secrets a service on PostgreSQL must be given (lib/server/env.ts refuses to start without
 * them): one pair per test process, so every app server of a test shares its cookies and keys.
 */
const serviceSecrets = { MONTAGE_SECRET: randomBytes(32).toString('base64url'), MONTAGE_ENCRYPTION_KEY: randomBytes(32).toString('base64') };

/**
 * Starts the built app (`next start`) on a free loopback port with its own embedded database
 * folder, the way a user runs it; extra environment (e.g. DATABASE_URL) can be passed.
 */
export async function startAppServer(
  extraEnv: Record<string, string> | ((baseUrl: string) => Record<string, string>) = {},
): Promise<AppServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'montage-e2e-'));
  const child: ChildProcess = spawn(
    path.join(process.cwd(), 'node_modules', '.bin', 'next'),
    ['start', '-H', '127.0.0.1', '-p', String(port)],
    {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        MONTAGE_DATA_DIR: path.join(dataDir, 'pglite'),
        ...withServiceSecrets(typeof extraEnv === 'function' ? extraEnv(baseUrl) : extraEnv),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: `next start` runs the server as a child, and stop() ends both.
      detached: true,
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}). Did you run "next build"?\n${output}`);
    try {
      const response = await fetch(`${baseUrl}/`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`next start did not answer within 60 s\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseUrl,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
