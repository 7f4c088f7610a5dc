import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import createRedisHandler from '@fortedigital/nextjs-cache-handler/redis-strings';
import { createClient } from '@redis/client';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { withLocalPageCopies } from '../../lib/server/cache/local-page-copies.mjs';
import { pageEntrySerializer } from '../../lib/server/cache/page-entry-serializer.mjs';
import { withRenderDates } from '../../lib/server/cache/redis-dated-renders.mjs';
import { expireTagsInRedisCache, type RedisClient } from '../../lib/server/cache/redis-tags';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A Redis connection and a key prefix of the calling describe's own; its keys are removed after it. */
function redisOfThisDescribe(): { client: RedisClient; keyPrefix: string } {
  const redis = { client: createClient({ url: REDIS_URL }) as RedisClient, keyPrefix: `montage-test-${randomBytes(6).toString('hex')}:` };
  beforeAll(async () => {
    await redis.client.connect();
  });
  afterAll(async () => {
    for await (const keys of redis.client.scanIterator({ MATCH: `${redis.keyPrefix}*`, COUNT: 500 })) if (keys.length > 0) await redis.client.unlink(keys);
    await redis.client.quit();
  });
  return redis;
}

/**
 * The shared page cache's entries are stored by the Redis handler Next is given (cache-handler.mjs);
 * the app expires many tags at once itself (lib/server/cache/redis-tags.ts). These tests store entries
 * with that handler and expire them with the app's code: the two agree on where everything is kept.
 */
describe('expiring tags in the Redis page cache', () => {
  const redis = redisOfThisDescribe();
  let handler: ReturnType<typeof createRedisHandler>;

  beforeAll(() => {
    handler = createRedisHandler({ client: redis.client as never, keyPrefix: redis.keyPrefix });
  });

  const store = (key: string, tags: string[]) =>
    handler.set(key, { lastModified: Date.now() - 1000, lifespan: null, tags, value: { kind: 'FETCH', data: { headers: {}, body: key, url: key }, revalidate: false } } as never);
  const read = async (key: string, implicitTags: string[] = []) => (await handler.get(key, { implicitTags })) !== null;

  it('stores a page with its full segment once (the RSC payload), and gives every segment back byte for byte', async () => {
    const compact = createRedisHandler({ client: redis.client as never, keyPrefix: redis.keyPrefix, valueSerializer: pageEntrySerializer });
    const rscData = Buffer.from(`0:${'["$","li",null,{"children":"Rest"}]'.repeat(400)}`);
    const segmentData = new Map([
      ['/_tree', Buffer.from('tree')],
      ['/_full', Buffer.from(rscData)],
      ['/_head', Buffer.from('head')],
    ]);
    const value = { kind: 'APP_PAGE', html: '<html></html>', rscData, headers: {}, status: 200, postponed: undefined, segmentData };
    await compact.set('/s/page', { lastModified: Date.now() - 1000, lifespan: null, tags: ['share:page'], value } as never);
    const stored = (await redis.client.get(`${redis.keyPrefix}/s/page`))!;
    expect(stored.length).toBeLessThan(rscData.toString('base64').length * 1.5);
    const read = (await compact.get('/s/page', { implicitTags: [] })) as { value: typeof value } | null;
    expect(read?.value.rscData.equals(rscData)).toBe(true);
    expect([...read!.value.segmentData].map(([key, bytes]) => [key, bytes.toString()]).sort()).toEqual([...segmentData].map(([key, bytes]) => [key, bytes.toString()]).sort());
  });

  it('drops exactly the entries that carry one of the tags, and the handler then misses them', async () => {
    await store('/s/a', ['share:a']);
    await store('/s/b', ['share:b', 'other']);
    await store('/s/c', ['share:c']);
    await expireTagsInRedisCache(redis.client, redis.keyPrefix, ['share:a', 'other']);
    expect([await read('/s/a'), await read('/s/b'), await read('/s/c')]).toEqual([false, false, true]);
  });

  it('leaves nothing of an expired entry in the handler’s books (its tags, its expiry), and records when each tag was expired', async () => {
    await handler.set('/s/timed', { lastModified: Date.now() - 1000, lifespan: { expireAt: Math.floor(Date.now() / 1000) + 3600 }, tags: ['share:timed'], value: { kind: 'FETCH', data: { headers: {}, body: 'x', url: 'x' }, revalidate: false } } as never);
    expect(await redis.client.hExists(`${redis.keyPrefix}__sharedTagsTtl__`, '/s/timed')).toBe(1);
    await expireTagsInRedisCache(redis.client, redis.keyPrefix, ['share:timed', '_N_T_/s/timed']);
    expect(await redis.client.exists(`${redis.keyPrefix}/s/timed`)).toBe(0);
    expect(await redis.client.hExists(`${redis.keyPrefix}__sharedTags__`, '/s/timed')).toBe(0);
    expect(await redis.client.hExists(`${redis.keyPrefix}__sharedTagsTtl__`, '/s/timed')).toBe(0);
    // Every tag's time, a link's too: a render stored after this expiry but begun before it is older.
    const expiredAt = await redis.client.hmGet(`${redis.keyPrefix}__revalidated_tags__`, ['_N_T_/s/timed', 'share:timed']);
    expect(expiredAt.map((time) => Number(time) > Date.now() - 5000)).toEqual([true, true]);
  });

  it('expires a path tag for the entries Next reads under it (implicit tags), as revalidatePath does', async () => {
    await store('/s/d', []);
    expect(await read('/s/d', ['_N_T_/s/d'])).toBe(true);
    await expireTagsInRedisCache(redis.client, redis.keyPrefix, ['_N_T_/s/d']);
    expect(await read('/s/d', ['_N_T_/s/d'])).toBe(false);
  });

  it('expires the tags of 4,000 links among 12,000 cached pages at once (more than one scan of the tag hash), and keeps the others', async () => {
    const tokens = Array.from({ length: 4000 }, (_, i) => `t${i}`);
    for (let i = 0; i < 12_000; i += 500) await Promise.all(Array.from({ length: 500 }, (_, j) => store(`/s/many${i + j}`, [`share:t${i + j}`])));
    await expireTagsInRedisCache(redis.client, redis.keyPrefix, tokens.map((t) => `share:${t}`));
    const kept = await Promise.all(Array.from({ length: 12_000 }, (_, i) => read(`/s/many${i}`)));
    expect(kept.filter((isKept, i) => isKept !== i >= 4000)).toEqual([]);
  });
});

/**
 * Each process keeps copies of the pages it read (lib/server/cache/local-page-copies.mjs) and serves
 * one only when Redis confirms it current. Two wrapped handlers here are two processes.
 */
describe('local copies of the Redis page cache’s entries', () => {
  const redis = redisOfThisDescribe();
  let shared: ReturnType<typeof createRedisHandler>;

  beforeEach(() => {
    shared = createRedisHandler({ client: redis.client as never, keyPrefix: redis.keyPrefix, valueSerializer: pageEntrySerializer });
  });

  const aProcess = () => withLocalPageCopies(shared, redis);
  const page = (body: string, lastModified = Date.now() - 1000) =>
    ({ lastModified, lifespan: null, tags: [`share:${body}`], value: { kind: 'FETCH', data: { headers: {}, body, url: body }, revalidate: false } }) as never;
  const bodyOf = (entry: unknown) => (entry as { value: { data: { body: string } } } | null)?.value.data.body ?? null;

  it('reads a page whole once, then from its copy while Redis confirms it current', async () => {
    const fullReads = vi.spyOn(shared, 'get');
    const reader = aProcess();
    await shared.set('/s/once', page('once'));
    for (let i = 0; i < 5; i += 1) expect(bodyOf(await reader.get('/s/once', { implicitTags: ['_N_T_/s/once'] }))).toBe('once');
    expect(fullReads).toHaveBeenCalledTimes(1);
  });

  it('serves another process’s newer render, never its older copy', async () => {
    const [a, b] = [aProcess(), aProcess()];
    await a.set('/s/renamed', page('Rocky'));
    expect(bodyOf(await b.get('/s/renamed', { implicitTags: [] }))).toBe('Rocky');
    await a.set('/s/renamed', page('Siberia', Date.now()));
    expect(bodyOf(await b.get('/s/renamed', { implicitTags: [] }))).toBe('Siberia');
  });

  it('never serves a copy of an entry expired since (by the app’s expiry, the handler’s, or its path) or no longer listed', async () => {
    const [a, b] = [aProcess(), aProcess()];
    for (const key of ['/s/revoked', '/s/deleted', '/s/path', '/s/unlisted']) {
      await a.set(key, page(key.slice(3)));
      expect(bodyOf(await b.get(key, { implicitTags: [`_N_T_${key}`] }))).toBe(key.slice(3));
    }
    await expireTagsInRedisCache(redis.client, redis.keyPrefix, ['share:revoked']);
    await a.revalidateTag('share:deleted');
    // A path expired without removing the entry (Next records the time only): the copy is older.
    await redis.client.hSet(`${redis.keyPrefix}__revalidated_tags__`, '_N_T_/s/path', String(Date.now()));
    // An entry its handler no longer lists (an expiry cut short) counts as expired, as the handler counts it.
    await redis.client.hDel(`${redis.keyPrefix}__sharedTags__`, '/s/unlisted');
    expect(await b.get('/s/revoked', { implicitTags: ['_N_T_/s/revoked'] })).toBeNull();
    expect(await b.get('/s/deleted', { implicitTags: ['_N_T_/s/deleted'] })).toBeNull();
    expect(await b.get('/s/path', { implicitTags: ['_N_T_/s/path'] })).toBeNull();
    expect(await b.get('/s/unlisted', { implicitTags: [] })).toBeNull();
  });

  it('keeps copies of the 256 pages read last', async () => {
    const fullReads = vi.spyOn(shared, 'get');
    const reader = aProcess();
    const keys = Array.from({ length: 257 }, (_, i) => `/s/many-${i}`);
    for (const key of keys) await shared.set(key, page(key));
    for (const key of keys) await reader.get(key, { implicitTags: [] });
    await reader.get(keys[256]!, { implicitTags: [] });
    await reader.get(keys[1]!, { implicitTags: [] });
    expect(fullReads).toHaveBeenCalledTimes(257);
    await reader.get(keys[0]!, { implicitTags: [] });
    expect(fullReads).toHaveBeenCalledTimes(258);
  });
});

/**
 * A revoke that races a render (issue 31, item 1): process A's render read the link while it was
 * active, the revoke (on B, or A) committed and expired the link's tags, then A stored the render.
 * The handler Next is given (cache-handler.mjs) dates each entry from the miss that began its render,
 * so an expiry between the two makes it stale on every process, for good.
 */
describe('a render racing a revoke, in the Redis page cache', () => {
  const redis = redisOfThisDescribe();
  let shared: ReturnType<typeof createRedisHandler>;

  beforeEach(() => {
    shared = createRedisHandler({ client: redis.client as never, keyPrefix: redis.keyPrefix, valueSerializer: pageEntrySerializer });
  });

  // As cache-handler.mjs composes it, and as fortedigital's CacheHandler stores an entry: dated when stored.
  const aProcess = () => withLocalPageCopies(withRenderDates(shared, redis), redis);
  const render = (token: string) =>
    ({ lastModified: Date.now(), lifespan: null, tags: [`share:${token}`], value: { kind: 'FETCH', data: { headers: {}, body: token, url: token }, revalidate: false } }) as never;
  const meta = (token: string) => ({ implicitTags: [`_N_T_/s/${token}`] });
  const pause = () => new Promise((r) => setTimeout(r, 3));

  for (const how of ['the app’s expiry (redis-tags.ts)', 'the handler’s revalidateTag (Next’s own)'] as const) {
    it(`by ${how}: a render begun before it and stored after it is served by no process; one begun after it is`, async () => {
      const [a, b] = [aProcess(), aProcess()];
      const token = `race-${how.length}`;
      const key = `/s/${token}`;
      expect(await a.get(key, meta(token))).toBeNull(); // the miss that starts A's render
      await pause();
      if (how === 'the app’s expiry (redis-tags.ts)') await expireTagsInRedisCache(redis.client, redis.keyPrefix, [`share:${token}`, `_N_T_${key}`]);
      else await b.revalidateTag(`share:${token}`);
      await pause();
      await a.set(key, render(token), {});
      expect(await b.get(key, meta(token))).toBeNull();
      expect(await a.get(key, meta(token))).toBeNull();

      await a.set(key, render(token), {}); // begun at the miss just above, after the expiry
      expect(await b.get(key, meta(token))).not.toBeNull();
      expect(await b.get(key, meta(token))).not.toBeNull(); // from B's copy
    });
  }
});

/**
 * The app's own connection to Redis (REDIS_URL), as a process configured with it uses it: expiring
 * tags in the shared cache, the readiness check, and a Redis that cannot be reached when the process
 * starts. The unreachable case comes first: the process keeps one connection once it has one.
 */
describe('the app’s Redis connection', () => {
  let env: typeof import('../../lib/server/env').env;
  let tags: typeof import('../../lib/server/cache/redis-tags');
  let ready: typeof import('../../app/api/ready/route');
  let limits: typeof import('../../lib/server/security/rate-limit');
  const keyPrefix = `montage-app-${randomBytes(6).toString('hex')}:`;
  const kept: Partial<Record<'REDIS_URL' | 'REDIS_KEY_PREFIX' | 'DATABASE_URL', string | undefined>> = {};

  beforeAll(async () => {
    env = (await import('../../lib/server/env')).env;
    tags = await import('../../lib/server/cache/redis-tags');
    ready = await import('../../app/api/ready/route');
    limits = await import('../../lib/server/security/rate-limit');
    Object.assign(kept, { REDIS_URL: env.REDIS_URL, REDIS_KEY_PREFIX: env.REDIS_KEY_PREFIX, DATABASE_URL: env.DATABASE_URL });
    env.REDIS_KEY_PREFIX = keyPrefix;
    // Readiness and kept expiries read the database: it is opened (migrations) before the bounds below count.
    await (await import('../../db/client')).getDb();
  }, 120_000);
  afterAll(async () => {
    const client = await tags.sharedRedisClient(REDIS_URL).catch(() => null);
    if (client) for await (const keys of client.scanIterator({ MATCH: `${keyPrefix}*`, COUNT: 500 })) if (keys.length > 0) await client.unlink(keys);
    await tags.closeSharedRedis();
    Object.assign(env, kept);
  });

  const readiness = async () => {
    const response = await ready.GET();
    return { status: response.status, body: (await response.json()) as { status: string; checks: Record<string, string> } };
  };

  it('a Redis that cannot be reached at start: readiness says so at once (503), and rate limits count in memory instead of waiting', async () => {
    env.REDIS_URL = 'redis://127.0.0.1:1';
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await tags.isRedisReachable()).toBe(false);
    expect(logged).toHaveBeenCalledWith('Redis: connect ECONNREFUSED 127.0.0.1:1');
    logged.mockRestore();
    const answer = await readiness();
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({ status: 'not ready', checks: { redis: 'unreachable', pageCache: 'shared in Redis' } });
    const request = new Request('http://127.0.0.1:3000/api/montages', { method: 'POST', headers: { 'x-forwarded-for': '203.0.113.9' } });
    await expect(limits.limitRequest(request, 'montage_create', 'owner-redis-down')).resolves.toBeUndefined();
    // An expiry is not lost and does not wait: it is kept in the database until Redis can be told.
    await expect(tags.expireTagsEverywhere(['share:any'])).resolves.toBeUndefined();
    const { getDb } = await import('../../db/client');
    const { listPendingCacheExpiries } = await import('../../db/queries/cache-expiries');
    expect((await listPendingCacheExpiries(await getDb(), 100)).map((row) => row.tags)).toContainEqual(['share:any']);
  });

  it('with Redis: readiness is ready, and an expiry acknowledged here is gone from the cache every process reads', async () => {
    env.REDIS_URL = REDIS_URL;
    expect(await tags.isRedisReachable()).toBe(true);
    const answer = await readiness();
    expect(answer).toMatchObject({ status: 200, body: { status: 'ready', checks: { redis: 'ok', pageCache: 'shared in Redis' } } });

    // The prefix cache-handler.mjs gives Next's handler: REDIS_KEY_PREFIX, then the build id ("dev" before a build).
    const buildId = existsSync('.next/BUILD_ID') ? readFileSync('.next/BUILD_ID', 'utf8').trim() : 'dev';
    const client = await tags.sharedRedisClient(REDIS_URL);
    const handler = createRedisHandler({ client: client as never, keyPrefix: `${keyPrefix}${buildId}:` });
    const store = (key: string, entryTags: string[]) =>
      handler.set(key, { lastModified: Date.now() - 1000, lifespan: null, tags: entryTags, value: { kind: 'FETCH', data: { headers: {}, body: key, url: key }, revalidate: false } } as never);
    await store('/s/revoked', ['share:revoked']);
    await store('/s/kept', ['share:kept']);
    await tags.expireTagsEverywhere([]);
    expect(await handler.get('/s/revoked', { implicitTags: [] })).not.toBeNull();
    await tags.expireTagsEverywhere(['share:revoked']);
    expect(await handler.get('/s/revoked', { implicitTags: [] })).toBeNull();
    expect(await handler.get('/s/kept', { implicitTags: [] })).not.toBeNull();
  });

  it('a connection Redis drops is made again by itself; a Redis that stops answering is not ready', async () => {
    env.REDIS_URL = REDIS_URL;
    expect(await tags.isRedisReachable()).toBe(true);
    const admin = createClient({ url: REDIS_URL });
    await admin.connect();
    try {
      const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      // The process's page-cache connection (it answers the readiness check), by the name it gives Redis.
      const clients = String(await admin.sendCommand(['CLIENT', 'LIST'])).split('\n');
      const ids = clients.filter((line) => / name=montage-page-cache /.test(line)).map((line) => /\bid=(\d+)/.exec(line)![1]!);
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) await admin.sendCommand(['CLIENT', 'KILL', 'ID', id]);
      // A command already on the dropped connection fails; the client reconnects and answers again.
      await vi.waitFor(async () => expect(await tags.isRedisReachable()).toBe(true), { timeout: 5_000, interval: 100 });
      logged.mockRestore();
      // Every client waits while Redis is paused: the ping does not answer within the check's 2 s.
      await admin.sendCommand(['CLIENT', 'PAUSE', '2500', 'ALL']);
      expect(await tags.isRedisReachable()).toBe(false);
    } finally {
      await admin.quit();
    }
  });

  it('names where the page cache is kept coherent, for the readiness check', () => {
    env.REDIS_URL = REDIS_URL;
    expect(tags.pageCacheState({ isListening: false })).toBe('shared in Redis');
    env.REDIS_URL = undefined;
    env.DATABASE_URL = undefined;
    expect(tags.pageCacheState({ isListening: true })).toBe('this process only');
    env.DATABASE_URL = 'postgres://127.0.0.1:5432/montage';
    expect(tags.pageCacheState(undefined)).toBe('no page cached yet');
    expect(tags.pageCacheState({ isListening: true })).toBe('listening for expiries');
    expect(tags.pageCacheState({ isListening: false })).toBe('not listening for expiries: every page is rendered until it listens again');
  });
});
