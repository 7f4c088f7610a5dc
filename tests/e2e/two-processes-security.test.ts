import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATE_LIMITS } from '../../lib/server/security/rate-limit';
import { startAppServer, type AppServer } from '../support/app-server';

/**
 * What keeps state across requests, tested as it runs: two `next start` processes on one
 * PostgreSQL database (and on one Redis), behind the same client address.
 */
const adminUrl = process.env.TEST_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const dbName = `montage_sec_${randomBytes(6).toString('hex')}`;
const databaseUrl = (() => {
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  return url.toString();
})();
const secrets = { MONTAGE_SECRET: randomBytes(32).toString('base64url'), MONTAGE_ENCRYPTION_KEY: randomBytes(32).toString('base64') };

async function admin(query: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(query);
  await client.end();
}

const servers: AppServer[] = [];

beforeAll(async () => {
  await admin(`create database ${dbName}`);
});

afterAll(async () => {
  for (const server of servers) await server.stop();
  await admin(`drop database if exists ${dbName} with (force)`);
});

/**
 * Tempo lookups (no tracks to look up: cheap) from one address, alternating between the processes:
 * three people behind that address (a household, an office), each keeping the owner cookie their
 * first answer set, so that neither one owner's limit nor the limit on new owners is what refuses.
 */
async function lookUpUntilRefused(apps: AppServer[], address: string, max: number) {
  const statuses: number[] = [];
  let retryAfter: string | null = null;
  const cookies = ['', '', ''];
  for (let i = 0; i < max; i++) {
    const app = apps[i % apps.length]!;
    const person = i % cookies.length;
    const cookie = cookies[person]!;
    const response = await fetch(`${app.baseUrl}/api/tempo/lookup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address, origin: app.baseUrl, ...(cookie && { cookie }) },
      body: '{}',
    });
    const set = response.headers.getSetCookie().map((c) => c.split(';')[0]!);
    if (set.length > 0) cookies[person] = set.join('; ');
    statuses.push(response.status);
    if (response.status === 429) {
      retryAfter = response.headers.get('retry-after');
      break;
    }
  }
  return { statuses, retryAfter };
}

describe('two app processes', () => {
  it('share one rate limit through PostgreSQL, and one through Redis', async () => {
    // The test stands for the one proxy in front of both (MONTAGE_TRUSTED_PROXIES=1): the address it appends is the client's.
    const behindProxy = { DATABASE_URL: databaseUrl, ...secrets, MONTAGE_TRUSTED_PROXIES: '1' };
    const onPostgres = [await startAppServer(behindProxy), await startAppServer(behindProxy)];
    servers.push(...onPostgres);
    const limit = RATE_LIMITS.lookup_start.perClient;
    const pgRun = await lookUpUntilRefused(onPostgres, '192.0.2.10', limit * 2);
    // Exactly the limit, not twice it: both processes count together.
    expect(pgRun.statuses).toEqual([...Array.from({ length: limit }, () => 200), 429]);
    expect(Number(pgRun.retryAfter)).toBeGreaterThan(0);

    const prefix = `montage-test-${randomBytes(4).toString('hex')}`;
    const redis = { ...behindProxy, REDIS_URL: 'redis://127.0.0.1:6379/0', REDIS_KEY_PREFIX: prefix };
    const onRedis = [await startAppServer(redis), await startAppServer(redis)];
    servers.push(...onRedis);
    const redisRun = await lookUpUntilRefused(onRedis, '192.0.2.20', limit * 2);
    expect(redisRun.statuses).toEqual([...Array.from({ length: limit }, () => 200), 429]);
  });

  it('refuse to start on a bad setting, naming the variable', async () => {
    const child = spawn(path.join(process.cwd(), 'node_modules', '.bin', 'next'), ['start', '-H', '127.0.0.1', '-p', '0'], {
      env: { ...process.env, NODE_ENV: 'production', MONTAGE_SECRET: 'short', MONTAGE_DATA_DIR: 'memory://' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    // A server that started anyway would never exit: end it (and its child) after a minute, and fail.
    const guard = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGTERM'), 60_000);
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    clearTimeout(guard);
    expect(code).not.toBe(0);
    expect(output).toContain('MONTAGE_SECRET');
  });
});
