import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/**
 * A Redis that goes away while the process runs, and comes back: this test starts a Redis of its
 * own on a loopback port (the machine's redis-server), so it can stop it (by PID) without touching
 * the one other tests share. Rate-limited requests must not wait for Redis, and the process's
 * connection must be made again by itself.
 */
let redis: ChildProcess | null = null;
let port = 0;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port: found } = server.address() as { port: number };
      server.close(() => resolve(found));
    });
  });
}

async function startRedis(): Promise<void> {
  redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await vi.waitFor(
    () =>
      new Promise<void>((resolve, reject) => {
        const probe = createServer();
        probe.once('error', () => resolve()); // the port is taken: Redis listens
        probe.listen(port, '127.0.0.1', () => probe.close(() => reject(new Error('Redis is not listening yet'))));
      }),
    { timeout: 10_000, interval: 50 },
  );
}

function stopRedis(): Promise<void> {
  const running = redis;
  redis = null;
  if (!running || running.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    running.once('exit', () => resolve());
    running.kill('SIGKILL');
  });
}

let env: typeof import('../../lib/server/env').env;
let tags: typeof import('../../lib/server/cache/redis-tags');
let limits: typeof import('../../lib/server/security/rate-limit');

beforeAll(async () => {
  port = await freePort();
  await startRedis();
  env = (await import('../../lib/server/env')).env;
  env.REDIS_URL = `redis://127.0.0.1:${port}`;
  tags = await import('../../lib/server/cache/redis-tags');
  limits = await import('../../lib/server/security/rate-limit');
  // Expiries are kept in the database: opening it (migrations) may take longer than a bound below on a loaded machine.
  await (await import('../../db/client')).getDb();
}, 120_000);

afterAll(async () => {
  await tags.closeSharedRedis().catch(() => undefined);
  await stopRedis();
  env.REDIS_URL = undefined;
});

const request = () => new Request('http://127.0.0.1:3000/api/montages', { method: 'POST', headers: { 'x-forwarded-for': '198.51.100.7' } });

describe('Redis going away while the process runs', () => {
  it('rate-limited requests go on (counted in memory), readiness says Redis is unreachable, an expiry is answered and kept; once Redis is back the connections are made again and the expiry is applied', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await tags.isRedisReachable()).toBe(true);
      await expect(limits.limitRequest(request(), 'montage_create', 'owner-outage')).resolves.toBeUndefined();

      await stopRedis();
      // Once the limits' connection knows Redis is gone (a command already on the wire fails with its socket anyway),
      // a request is counted in memory at once, while Redis is still away: it does not queue until Redis is back.
      const limitsClient = await tags.sharedRedisClient(env.REDIS_URL!);
      await vi.waitFor(() => expect(limitsClient.isReady).toBe(false), { timeout: 5_000, interval: 20 });
      const answered = await Promise.race([
        limits.limitRequest(request(), 'montage_create', 'owner-outage').then(() => 'counted'),
        new Promise((resolve) => setTimeout(resolve, 1_000, 'still waiting after 1 s')),
      ]);
      expect(answered).toBe('counted');
      expect(await tags.isRedisReachable()).toBe(false);
      // An expiry during the outage does not wait for Redis, and is not lost: it is kept in the database
      // (a revoked page must never come back) and applied once Redis is back (redis-outage-expiries.test.ts).
      const expiry = await Promise.race([
        tags.expireTagsEverywhere(['share:during-outage']).then(() => 'answered'),
        new Promise((resolve) => setTimeout(resolve, 3_000, 'still waiting after 3 s')),
      ]);
      expect(expiry).toBe('answered');
      const { getDb } = await import('../../db/client');
      const { listPendingCacheExpiries } = await import('../../db/queries/cache-expiries');
      expect((await listPendingCacheExpiries(await getDb(), 100)).map((row) => row.tags)).toContainEqual(['share:during-outage']);

      await startRedis();
      const { applyPendingExpiries } = await import('../../lib/server/cache/pending-expiries');
      await vi.waitFor(async () => expect(await applyPendingExpiries()).toBe(true), { timeout: 10_000, interval: 100 });
      await vi.waitFor(async () => expect(await tags.isRedisReachable()).toBe(true), { timeout: 10_000, interval: 100 });
      // Each connection reconnects on its own back-off (up to 2 s apart): the limits' one may come back after the other.
      await vi.waitFor(() => expect(limitsClient.isReady).toBe(true), { timeout: 10_000, interval: 50 });
      await expect(limits.limitRequest(request(), 'montage_create', 'owner-outage')).resolves.toBeUndefined();
      expect(await limitsClient.keys(`${env.REDIS_KEY_PREFIX}rl:*`)).not.toEqual([]);
    } finally {
      logged.mockRestore();
    }
  }, 60_000);
});
