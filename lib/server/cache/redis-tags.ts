import { readFileSync } from 'node:fs';
import path from 'node:path';
import createRedisHandler from '@fortedigital/nextjs-cache-handler/redis-strings';
import { createClient } from '@redis/client';
import { sql } from 'drizzle-orm';
import { getDb } from '../../../db/client';
import { env } from '../env';
import { EXPIRED_TAGS_CHANNEL, expiredTagPayloads } from './expired-tags-channel.mjs';

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
 * Expires cache tags on every process before the caller answers. Next's own revalidatePath/
 * revalidateTag reach this process's cache, but only after the response has gone out (waitUntil);
 * a revoke must be seen by every process from the moment it is acknowledged. With Redis the tags
 * are expired in the one shared cache. On PostgreSQL without Redis each process has its own cache
 * and listens for expired tags (cache-handler.mjs): they are sent with NOTIFY, which PostgreSQL
 * delivers to every listening process as this statement commits. Embedded: one process, whose own
 * cache Next expires.
 */
export async function expireTagsEverywhere(tags: string[]): Promise<void> {
  if (tags.length === 0) return;
  if (env.REDIS_URL) {
    const { handler } = await sharedRedis(env.REDIS_URL);
    for (const tag of tags) await handler.revalidateTag(tag);
  } else if (env.DATABASE_URL) {
    const db = await getDb();
    for (const payload of expiredTagPayloads(tags)) await db.execute(sql`select pg_notify(${EXPIRED_TAGS_CHANNEL}, ${payload})`);
  }
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

/** What the listener cache-handler.mjs starts (expired-tags-channel.mjs) tells, as far as readiness needs. */
interface ExpiryListener {
  readonly isListening: boolean;
}

/**
 * Where this process's cache of shared pages is kept coherent, for the readiness check: in Redis, in
 * this one process (embedded), or on PostgreSQL without Redis by listening for the expiries of every
 * process — and whether it listens now (while it does not, it serves no cached page: each is rendered).
 */
export function pageCacheState(listener = (globalThis as { montageExpiredTags?: ExpiryListener }).montageExpiredTags): string {
  if (env.REDIS_URL) return 'shared in Redis';
  if (!env.DATABASE_URL) return 'this process only';
  if (!listener) return 'no page cached yet';
  return listener.isListening ? 'listening for expiries' : 'not listening for expiries: every page is rendered until it listens again';
}
