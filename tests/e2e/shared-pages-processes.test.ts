import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from '@redis/client';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedPagePolicy, inlineScriptHashes } from '../../lib/server/security/inline-script-hashes.mjs';
import { startAppServer, type AppServer } from '../support/app-server';
import { HttpVisitor } from '../support/http-visitor';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../support/postgres-db';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function shareNewMontage(owner: HttpVisitor, name: string): Promise<{ id: string; token: string }> {
  const created = await owner.json<{ id: string }>('POST', '/api/montages', { mode: 'circuit', lengthMin: 20, name });
  expect(created.status).toBe(201);
  const shared = await owner.json<{ token: string }>('POST', `/api/montages/${created.body.id}/share`);
  expect(shared.status).toBe(201);
  return { id: created.body.id, token: shared.body.token };
}

async function view(baseUrl: string, pathname: string): Promise<{ status: number; cache: string | null; text: string; policies: string[] }> {
  const response = await fetch(`${baseUrl}${pathname}`);
  const policies = (response.headers.get('content-security-policy') ?? '').split(/, (?=[a-z-]+ )/u);
  return { status: response.status, cache: response.headers.get('x-nextjs-cache'), text: await response.text(), policies };
}

/** A cached page goes out with the hashes of exactly its own inline scripts (cache-handler.mjs), whichever process rendered it. */
function expectHashedScripts(seen: { text: string; policies: string[] }): void {
  expect(inlineScriptHashes(seen.text).length).toBeGreaterThan(0);
  expect(seen.policies).toContain(cachedPagePolicy(seen.text, 'https://open.spotify.com'));
}

function sharedPaths(token: string): string[] {
  return [`/s/${token}`, `/s/${token}/train`, `/api/share/${token}`];
}

/** The pages Next serves whole from its cache (the JSON route reads its montage from the data cache). */
function sharedPages(token: string): string[] {
  return [`/s/${token}`, `/s/${token}/train`];
}

const SET_UPS = [
  { name: 'one Redis (a shared cache)', isRedisShared: true },
  { name: 'no Redis (a cache per process, expired through LISTEN/NOTIFY)', isRedisShared: false },
];

describe.each(SET_UPS)('shared pages on two processes, one PostgreSQL, $name', ({ isRedisShared }) => {
  let database: ThrowawayDatabase;
  let a: AppServer;
  let b: AppServer;
  let env: Record<string, string>;
  const keyPrefix = `montage-test-${randomBytes(6).toString('hex')}:`;

  beforeAll(async () => {
    database = await createThrowawayDatabase();
    env = { DATABASE_URL: database.url, ...(isRedisShared && { REDIS_URL, REDIS_KEY_PREFIX: keyPrefix }) };
    // Each one is kept as it starts, so that afterAll stops it even if the other fails to start.
    await Promise.all([startAppServer(env).then((app) => (a = app)), startAppServer(env).then((app) => (b = app))]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.drop();
    if (!isRedisShared) return;
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    for await (const keys of redis.scanIterator({ MATCH: `${keyPrefix}*`, COUNT: 500 })) if (keys.length > 0) await redis.unlink(keys);
    await redis.quit();
  });

  it('starts with no warning about the cache, and one about link previews (no NEXTAUTH_URL here)', () => {
    for (const app of [a, b]) {
      const warnings = app.output().split('\n').filter((line) => line.includes('"level":"warn"'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('NEXTAUTH_URL is not set: shared links preview');
    }
  });

  it('is ready on both processes: database reachable, migrations current, Redis reachable when configured, and says how its page cache stays coherent', async () => {
    for (const app of [a, b]) {
      const ready = await fetch(`${app.baseUrl}/api/ready`);
      expect(ready.status).toBe(200);
      // Each process served its home page when it started, so its page cache exists (and listens, without Redis).
      const pageCache = isRedisShared ? 'shared in Redis' : 'listening for expiries';
      const checks = { database: 'ok', migrations: 'ok', redis: isRedisShared ? 'ok' : 'not configured', pageCache };
      expect(await ready.json()).toEqual({ status: 'ready', checks });
    }
  });

  // Only a cache per process listens (with Redis there is nothing to hear).
  if (!isRedisShared) it('tells on readiness while it does not hear the other process’s expiries, and stays ready (it renders each page meanwhile)', async () => {
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and query like 'LISTEN%'`);
    } finally {
      await admin.end();
    }
    // It listens again a second after the connection is lost (expired-tags-channel.mjs): that second is seen, then the return.
    const notListening = 'not listening for expiries: every page is rendered until it listens again';
    const seen: string[] = [];
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && !(seen.includes(notListening) && seen.at(-1) === 'listening for expiries')) {
      const ready = await fetch(`${b.baseUrl}/api/ready`);
      expect(ready.status).toBe(200);
      const { checks } = (await ready.json()) as { checks: { pageCache: string } };
      if (seen.at(-1) !== checks.pageCache) seen.push(checks.pageCache);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    // (The first answer may still be "listening": the loss reaches the process a moment after the session ends.)
    expect(seen.slice(seen.indexOf(notListening))).toEqual([notListening, 'listening for expiries']);
    expect(b.output()).toContain('PostgreSQL (expired cache tags)');
  });

  it('renders a shared page once per cache and serves it from there again', async () => {
    const owner = new HttpVisitor(a.baseUrl);
    const { token } = await shareNewMontage(owner, 'Siberian cabin');
    for (const pathname of sharedPages(token)) {
      const first = await view(b.baseUrl, pathname);
      expect(first.status).toBe(200);
      expect(first.text).toContain('Siberian cabin');
      expectHashedScripts(first);
      // With Redis, A serves B's render; without, A renders its own once. Both serve it again from the cache, with its scripts' hashes.
      const fromA = await view(a.baseUrl, pathname);
      if (isRedisShared) expect(fromA.cache).toBe('HIT');
      expectHashedScripts(fromA);
      for (const app of [a, b]) {
        const again = await view(app.baseUrl, pathname);
        expect(again.cache).toBe('HIT');
        expectHashedScripts(again);
      }
    }
  });

  /**
   * B's answer after a change A acknowledged. With Redis, its next answer. Without, B hears of the change
   * through LISTEN, which PostgreSQL delivers as the change commits, just before A answers: on a loaded
   * machine B may still answer a request it had in hand before reading the notification (README, "Running
   * more than one process"), so it is B's answer within 2 s.
   */
  async function viewAfterChange(pathname: string, isNewState: (seen: Awaited<ReturnType<typeof view>>) => boolean) {
    const deadline = Date.now() + (isRedisShared ? 0 : 2_000);
    for (;;) {
      const seen = await view(b.baseUrl, pathname);
      if (isNewState(seen) || Date.now() >= deadline) return seen;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it(`after a rename, a revoke, a delete acknowledged by A, B answers with the new state ${isRedisShared ? 'at once' : 'as soon as the notification reaches it'}`, async () => {
    const owner = new HttpVisitor(a.baseUrl);
    const { id, token } = await shareNewMontage(owner, 'Before');
    // Both processes hold the pages in their cache (the same one, with Redis).
    for (const app of [a, b]) {
      for (const pathname of sharedPaths(token)) expect((await view(app.baseUrl, pathname)).text).toContain('Before');
      for (const pathname of sharedPages(token)) expect((await view(app.baseUrl, pathname)).cache).toBe('HIT');
    }

    const montage = await owner.json<{ montage: { version: number } }>('GET', `/api/montages/${id}`);
    expect((await owner.json('PATCH', `/api/montages/${id}`, { version: montage.body.montage.version, name: 'After the rename' })).status).toBe(200);
    for (const pathname of sharedPaths(token)) {
      const seen = await viewAfterChange(pathname, (answer) => answer.text.includes('After the rename'));
      expect(seen.status).toBe(200);
      expect(seen.text).toContain('After the rename');
      expect(seen.text).not.toContain('Before');
    }
    // B caches the new version again before the revoke.
    for (const pathname of sharedPages(token)) expect((await view(b.baseUrl, pathname)).cache).toBe('HIT');

    expect((await owner.json('DELETE', `/api/montages/${id}/share`)).body).toEqual({ revoked: 1 });
    for (const pathname of sharedPaths(token)) expect((await viewAfterChange(pathname, (answer) => answer.status === 404)).status).toBe(404);

    const other = await shareNewMontage(owner, 'Doomed');
    for (const pathname of sharedPaths(other.token)) expect((await view(b.baseUrl, pathname)).status).toBe(200);
    for (const pathname of sharedPages(other.token)) expect((await view(b.baseUrl, pathname)).cache).toBe('HIT');
    expect((await owner.json('DELETE', `/api/montages/${other.id}`)).status).toBe(200);
    for (const pathname of sharedPaths(other.token)) expect((await viewAfterChange(pathname, (answer) => answer.status === 404)).status).toBe(404);
  });
  it('a process that was down while a link was revoked and a montage renamed serves neither old page when it is back', async () => {
    const owner = new HttpVisitor(a.baseUrl);
    const revoked = await shareNewMontage(owner, 'Revoked while B slept');
    const renamed = await shareNewMontage(owner, 'Old name while B slept');
    for (const { token } of [revoked, renamed]) {
      for (const pathname of sharedPages(token)) {
        expect((await view(b.baseUrl, pathname)).status).toBe(200);
        expect((await view(b.baseUrl, pathname)).cache).toBe('HIT');
      }
    }
    await b.stop();
    expect((await owner.json('DELETE', `/api/montages/${revoked.id}/share`)).body).toEqual({ revoked: 1 });
    const montage = await owner.json<{ montage: { version: number } }>('GET', `/api/montages/${renamed.id}`);
    expect((await owner.json('PATCH', `/api/montages/${renamed.id}`, { version: montage.body.montage.version, name: 'New name' })).status).toBe(200);
    b = await startAppServer(env);
    for (const pathname of sharedPages(revoked.token)) expect((await view(b.baseUrl, pathname)).status).toBe(404);
    for (const pathname of sharedPages(renamed.token)) {
      const seen = await view(b.baseUrl, pathname);
      expect(seen.text).toContain('New name');
      expect(seen.text).not.toContain('Old name while B slept');
    }
  });
});

describe('shared pages with no environment (embedded database, one process)', () => {
  it('serves a shared page from cache and 404s at once after a revoke', async () => {
    const app = await startAppServer();
    try {
      const owner = new HttpVisitor(app.baseUrl);
      const { id, token } = await shareNewMontage(owner, 'Embedded');
      for (const pathname of sharedPages(token)) {
        expect((await view(app.baseUrl, pathname)).status).toBe(200);
        const again = await view(app.baseUrl, pathname);
        expect(again.cache).toBe('HIT');
        expect(again.text).toContain('Embedded');
        expectHashedScripts(again);
      }
      expect((await view(app.baseUrl, `/api/share/${token}`)).text).toContain('Embedded');
      expect((await owner.json('DELETE', `/api/montages/${id}/share`)).body).toEqual({ revoked: 1 });
      for (const pathname of sharedPaths(token)) expect((await view(app.baseUrl, pathname)).status).toBe(404);
    } finally {
      await app.stop();
    }
  });

  it('does not serve a page revoked before a restart from the cache it left on disk', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'montage-restart-'));
    const dataDir = { MONTAGE_DATA_DIR: path.join(folder, 'pglite') };
    let app = await startAppServer(dataDir);
    try {
      const owner = new HttpVisitor(app.baseUrl);
      const { id, token } = await shareNewMontage(owner, 'Before the restart');
      for (const pathname of sharedPages(token)) {
        expect((await view(app.baseUrl, pathname)).status).toBe(200);
        expect((await view(app.baseUrl, pathname)).cache).toBe('HIT');
      }
      expect((await owner.json('DELETE', `/api/montages/${id}/share`)).body).toEqual({ revoked: 1 });
      await app.stop();
      app = await startAppServer(dataDir);
      for (const pathname of sharedPaths(token)) expect((await view(app.baseUrl, pathname)).status).toBe(404);
    } finally {
      await app.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
