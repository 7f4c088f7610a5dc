import { readFileSync } from 'node:fs';
import path from 'node:path';
import createRedisHandler from '@fortedigital/nextjs-cache-handler/redis-strings';
import { createClient } from '@redis/client';
import { env } from '../env';

type RedisHandler = ReturnType<typeof createRedisHandler>;
function newClient(url: string) {
  return createClient({ url });
}
export type RedisClient = ReturnType<typeof newClient>;
interface SharedRedis {
  client: RedisClient;
  handler: RedisHandler;
}

const globalForRedis = globalThis as unknown as { montageRedisTags?: Promise<SharedRedis> };

function buildId(): string {
  try {
    return readFileSync(path.join(process.cwd(), '.next', 'BUILD_ID'), 'utf8').trim();
  } catch {
    return 'dev';
  }
}

/**
 * The process's Redis client (the app's one Redis library, @redis/client), connected: it expires
 * page-cache tags with the same handler and key prefix that cache-handler.mjs gives Next, answers
 * the readiness check and holds the rate-limit counters.
 */
function sharedRedis(url: string): Promise<SharedRedis> {
  globalForRedis.montageRedisTags ??= (async () => {
    const client = newClient(url);
    client.on('error', (error: Error) => console.error(`Redis: ${error.message}`));
    await client.connect();
    return { client, handler: createRedisHandler({ client: client as never, keyPrefix: `${env.REDIS_KEY_PREFIX}${buildId()}:` }) };
  })().catch((error: unknown) => {
    globalForRedis.montageRedisTags = undefined;
    throw error;
  });
  return globalForRedis.montageRedisTags;
}

/**
 * Expires cache tags in Redis before the caller answers. Next's own revalidatePath/revalidateTag
 * reach the same handler, but only after the response has gone out (waitUntil); a revoke must be
 * seen by every process from the moment it is acknowledged. Without REDIS_URL there is nothing
 * shared to expire (one process, whose own cache Next expires).
 */
export async function expireTagsEverywhere(tags: string[]): Promise<void> {
  if (!env.REDIS_URL || tags.length === 0) return;
  const { handler } = await sharedRedis(env.REDIS_URL);
  for (const tag of tags) await handler.revalidateTag(tag);
}

/** Whether Redis answers (readiness), when it is configured. */
export async function isRedisReachable(): Promise<boolean | null> {
  if (!env.REDIS_URL) return null;
  try {
    const { client } = await sharedRedis(env.REDIS_URL);
    return (await Promise.race([client.ping(), new Promise((r) => setTimeout(r, 2000, 'timeout'))])) === 'PONG';
  } catch {
    return false;
  }
}

/** The connected client, for the rate limits' counters (rejects while Redis cannot be reached). */
export async function sharedRedisClient(url: string): Promise<RedisClient> {
  return (await sharedRedis(url)).client;
}
