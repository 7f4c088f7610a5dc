// Next's cache (rendered pages, route handler responses) in Redis, shared by every process of the
// app: next.config.js sets this file as `cacheHandler` when REDIS_URL is set. Next loads it by
// itself, outside the app's bundle, so it reads its two variables here (they are validated with
// the others in lib/server/env.ts). Keys carry the build id: a new build never serves an old page.
import { CacheHandler } from '@fortedigital/nextjs-cache-handler';
import createRedisHandler from '@fortedigital/nextjs-cache-handler/redis-strings';
import { createClient } from '@redis/client';

CacheHandler.onCreation(async ({ buildId }) => {
  const client = createClient({ url: process.env.REDIS_URL });
  client.on('error', (error) => console.error(`Redis (page cache): ${error.message}`));
  await client.connect();
  return { handlers: [createRedisHandler({ client, keyPrefix: `${process.env.REDIS_KEY_PREFIX ?? 'montage:'}${buildId ?? 'dev'}:` })] };
});

export default CacheHandler;
