import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import createRedisHandler from '@fortedigital/nextjs-cache-handler/redis-strings';
import { createClient } from '@redis/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Visitor } from './api-client';

/**
 * Revoke, delete and rename while Redis (the shared page cache) is away, and a restart of the
 * process during the outage (issue 31, items 2 and 3). This test runs a Redis of its own that keeps
 * its data on disk (append-only file, written at every command), so it can be stopped by PID and
 * started again with the pages it held, as a Redis restarted or cut off by the network would.
 * A write must be answered once it is committed; the expiry it could not give Redis is kept in the
 * database and applied when Redis is back, before the process serves a page from Redis again, even
 * when the process that made the change was restarted meanwhile (its memory lost).
 */
let redis: ChildProcess | null = null;
let port = 0;
const dataDir = mkdtempSync(path.join(tmpdir(), 'montage-redis-outage-'));

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
  redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dataDir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always'], {
    stdio: 'ignore',
  });
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

/** Ends this test's Redis by its PID, at once (kill -9): what it wrote is on disk. */
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
let pending: typeof import('../../lib/server/cache/pending-expiries');
let getDb: typeof import('../../db/client').getDb;
let listPending: typeof import('../../db/queries/cache-expiries').listPendingCacheExpiries;
let routes: {
  montages: typeof import('../../app/api/montages/route');
  montage: typeof import('../../app/api/montages/[id]/route');
  share: typeof import('../../app/api/montages/[id]/share/route');
  shared: typeof import('../../app/api/share/[token]/route');
};
const kept: { REDIS_URL?: string; REDIS_KEY_PREFIX: string } = { REDIS_KEY_PREFIX: '' };

beforeAll(async () => {
  port = await freePort();
  await startRedis();
  env = (await import('../../lib/server/env')).env;
  Object.assign(kept, { REDIS_URL: env.REDIS_URL, REDIS_KEY_PREFIX: env.REDIS_KEY_PREFIX });
  env.REDIS_URL = `redis://127.0.0.1:${port}`;
  env.REDIS_KEY_PREFIX = `montage-outage-${randomBytes(4).toString('hex')}:`;
  tags = await import('../../lib/server/cache/redis-tags');
  pending = await import('../../lib/server/cache/pending-expiries');
  ({ getDb } = await import('../../db/client'));
  ({ listPendingCacheExpiries: listPending } = await import('../../db/queries/cache-expiries'));
  routes = {
    montages: await import('../../app/api/montages/route'),
    montage: await import('../../app/api/montages/[id]/route'),
    share: await import('../../app/api/montages/[id]/share/route'),
    shared: await import('../../app/api/share/[token]/route'),
  };
  await getDb();
}, 120_000);

afterAll(async () => {
  await tags.closeSharedRedis().catch(() => undefined);
  await stopRedis();
  rmSync(dataDir, { recursive: true, force: true });
  Object.assign(env, kept);
});

/** The page cache as cache-handler.mjs keeps it (the build id follows the prefix: "dev" before a build). */
function pageCache() {
  const buildId = existsSync('.next/BUILD_ID') ? readFileSync('.next/BUILD_ID', 'utf8').trim() : 'dev';
  const client = createClient({ url: env.REDIS_URL });
  client.on('error', () => undefined); // it reconnects by itself once Redis is back
  const handler = createRedisHandler({ client: client as never, keyPrefix: `${env.REDIS_KEY_PREFIX}${buildId}:` });
  const entry = (token: string) =>
    ({ lastModified: Date.now() - 1000, lifespan: null, tags: [`share:${token}`], value: { kind: 'FETCH', data: { headers: {}, body: token, url: token }, revalidate: false } }) as never;
  return {
    connect: () => client.connect(),
    get isReady() {
      return client.isReady;
    },
    quit: () => client.quit(),
    /** A page rendered and stored while the link was active. */
    store: (token: string) => handler.set(`/s/${token}`, entry(token)),
    isServed: async (token: string) => (await handler.get(`/s/${token}`, { implicitTags: [`_N_T_/s/${token}`] })) !== null,
  };
}

async function sharedMontage(owner: Visitor) {
  const created = await owner.call(routes.montages.POST, 'POST', { body: { mode: 'circuit', lengthMin: 20 } });
  const montage = (await owner.call(routes.montage.GET, 'GET', { params: { id: created.body.id } })).body.montage;
  const shared = await owner.call(routes.share.POST, 'POST', { params: { id: montage.id } });
  return { montage, token: shared.body.token as string };
}

/** The write's answer, or 'no answer' after `boundMs`. */
async function answerWithin<T>(write: Promise<T>, boundMs: number): Promise<T | 'no answer'> {
  return Promise.race([write, new Promise<'no answer'>((resolve) => setTimeout(resolve, boundMs, 'no answer'))]);
}

describe('writes while Redis is away, and a restart during the outage', () => {
  it('revoke, delete and rename are answered once committed; their expiries are kept and applied when Redis is back, before any page is served from it', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const cache = pageCache();
    await cache.connect();
    try {
      const owner = new Visitor();
      const [revoked, deleted, renamed] = [await sharedMontage(owner), await sharedMontage(owner), await sharedMontage(owner)];
      for (const { token } of [revoked, deleted, renamed]) await cache.store(token);
      pending.startApplyingPendingExpiries();
      await vi.waitFor(() => expect(pending.isRedisPageCacheCoherent()).toBe(true), { timeout: 10_000, interval: 50 });
      expect(await cache.isServed(revoked.token)).toBe(true);

      await stopRedis();
      await vi.waitFor(() => expect(pending.isRedisPageCacheCoherent()).toBe(false), { timeout: 5_000, interval: 20 });
      const bound = 5_000;
      const revoke = await answerWithin(owner.call(routes.share.DELETE, 'DELETE', { params: { id: revoked.montage.id } }), bound);
      const remove = await answerWithin(owner.call(routes.montage.DELETE, 'DELETE', { params: { id: deleted.montage.id } }), bound);
      const rename = await answerWithin(
        owner.call(routes.montage.PATCH, 'PATCH', { params: { id: renamed.montage.id }, body: { version: renamed.montage.version, name: 'Siberia' } }),
        bound,
      );
      expect([revoke, remove, rename].map((answer) => (answer === 'no answer' ? answer : answer.status))).toEqual([200, 200, 200]);
      // Served meanwhile from the database: the revoked and deleted links are gone, the renamed one is new.
      expect((await new Visitor().call(routes.shared.GET, 'GET', { params: { token: revoked.token } })).status).toBe(404);
      expect((await new Visitor().call(routes.shared.GET, 'GET', { params: { token: renamed.token } })).body.montage.name).toBe('Siberia');
      const kept = (await listPending(await getDb(), 100)).flatMap((row) => row.tags);
      expect(kept).toEqual(expect.arrayContaining([revoked, deleted, renamed].map(({ token }) => `share:${token}`)));

      // The process restarts during the outage: its connections and memory are gone, the database keeps the expiries.
      await answerWithin(tags.closeSharedRedis().catch(() => undefined), 3_000);
      await startRedis();
      await vi.waitFor(() => expect(cache.isReady).toBe(true), { timeout: 10_000, interval: 50 });
      // Redis came back with the pages it held: none is served once the process serves from Redis again.
      await vi.waitFor(async () => expect(await pending.applyPendingExpiries()).toBe(true), { timeout: 15_000, interval: 200 });
      expect(pending.isRedisPageCacheCoherent()).toBe(true);
      expect([await cache.isServed(revoked.token), await cache.isServed(deleted.token), await cache.isServed(renamed.token)]).toEqual([false, false, false]);
      expect(await listPending(await getDb(), 100)).toEqual([]);
    } finally {
      await cache.quit().catch(() => undefined);
      logged.mockRestore();
    }
  }, 60_000);
});
