import { randomBytes } from 'node:crypto';
import createRedisHandler from '@fortedigital/nextjs-cache-handler/redis-strings';
import { createClient } from '@redis/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireTagsInRedisCache, type RedisClient } from '../../lib/server/cache/redis-tags';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * The shared page cache's entries are stored by the Redis handler Next is given (cache-handler.mjs);
 * the app expires many tags at once itself (lib/server/cache/redis-tags.ts). These tests store entries
 * with that handler and expire them with the app's code: the two agree on where everything is kept.
 */
describe('expiring tags in the Redis page cache', () => {
  let client: RedisClient;
  const keyPrefix = `montage-test-${randomBytes(6).toString('hex')}:`;
  let handler: ReturnType<typeof createRedisHandler>;

  beforeAll(async () => {
    client = createClient({ url: REDIS_URL });
    await client.connect();
    handler = createRedisHandler({ client: client as never, keyPrefix });
  });
  afterAll(async () => {
    for await (const keys of client.scanIterator({ MATCH: `${keyPrefix}*`, COUNT: 500 })) if (keys.length > 0) await client.unlink(keys);
    await client.quit();
  });

  const store = (key: string, tags: string[]) =>
    handler.set(key, { lastModified: Date.now() - 1000, lifespan: null, tags, value: { kind: 'FETCH', data: { headers: {}, body: key, url: key }, revalidate: false } } as never);
  const read = async (key: string, implicitTags: string[] = []) => (await handler.get(key, { implicitTags })) !== null;

  it('drops exactly the entries that carry one of the tags, and the handler then misses them', async () => {
    await store('/s/a', ['share:a']);
    await store('/s/b', ['share:b', 'other']);
    await store('/s/c', ['share:c']);
    await expireTagsInRedisCache(client, keyPrefix, ['share:a', 'other']);
    expect([await read('/s/a'), await read('/s/b'), await read('/s/c')]).toEqual([false, false, true]);
  });

  it('expires a path tag for the entries Next reads under it (implicit tags), as revalidatePath does', async () => {
    await store('/s/d', []);
    expect(await read('/s/d', ['_N_T_/s/d'])).toBe(true);
    await expireTagsInRedisCache(client, keyPrefix, ['_N_T_/s/d']);
    expect(await read('/s/d', ['_N_T_/s/d'])).toBe(false);
  });

  it('expires the tags of 2,000 links among 6,000 cached pages at once, and keeps the others', async () => {
    const tokens = Array.from({ length: 2000 }, (_, i) => `t${i}`);
    for (let i = 0; i < 6000; i += 500) await Promise.all(Array.from({ length: 500 }, (_, j) => store(`/s/many${i + j}`, [`share:t${i + j}`])));
    await expireTagsInRedisCache(client, keyPrefix, tokens.map((t) => `share:${t}`));
    const kept = await Promise.all(Array.from({ length: 6000 }, (_, i) => read(`/s/many${i}`)));
    expect(kept.filter((isKept, i) => isKept !== i >= 2000)).toEqual([]);
  });
});
