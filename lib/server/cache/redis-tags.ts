import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createClient } from '@redis/client';
import { sql } from 'drizzle-orm';
import { getDb } from '../../../db/client';
import { env } from '../env';
import { EXPIRED_TAGS_CHANNEL, expiredTagPayloads } from './expired-tags-channel.mjs';
import { REVALIDATED_TAGS, SHARED_TAGS, SHARED_TAGS_TTL } from './redis-handler-layout.mjs';

/**
 * A client whose first connection fails at once when Redis cannot be reached, instead of retrying
 * forever while every caller waits (the readiness check, each rate-limited request): the next caller
 * then tries again with a new client. Once connected it reconnects by itself whenever Redis goes
 * away; meanwhile its commands wait for Redis to be back (an expiry is applied late, not lost), or,
 * with `failFast`, fail at once (a rate limit then counts in memory, see rate-limit.ts).
 */
function newClient(url: string, options: { name: string; failFast: boolean }) {
  let hasConnected = false;
  const client = createClient({
    url,
    // Named, so that an operator reading CLIENT LIST knows it.
    name: options.name,
    disableOfflineQueue: options.failFast,
    socket: {
      connectTimeout: 2000,
      reconnectStrategy: (retries: number, cause: Error) => (hasConnected ? Math.min(50 * 2 ** retries, 2000) : cause),
    },
  });
  client.on('ready', () => {
    hasConnected = true;
  });
  client.on('error', (error: Error) => console.error(`Redis: ${error.message}`));
  return client;
}
export type RedisClient = ReturnType<typeof newClient>;
interface SharedRedis {
  /** Expires page-cache tags and answers the readiness check. */
  client: RedisClient;
  /** Holds the rate-limit counters: fails at once while Redis is away. */
  limitsClient: RedisClient;
  /** The key prefix cache-handler.mjs gives the Redis handler: the build id keeps builds apart. */
  pageCacheKeyPrefix: string;
}

/** Told when the page cache's connection is lost (or cannot be made) and when it is ready again: pending-expiries.ts. */
interface ConnectionListener {
  lost: () => void;
  ready: () => void;
}
const globalForRedis = globalThis as unknown as { montageRedisTags?: Promise<SharedRedis>; montagePageCacheListeners?: Set<ConnectionListener> };
const connectionListeners = (globalForRedis.montagePageCacheListeners ??= new Set());

/** Tells `listener` when the page cache's connection (this one and any made after it) is lost and ready again. */
export function onPageCacheConnection(listener: ConnectionListener): void {
  connectionListeners.add(listener);
}

function buildId(): string {
  try {
    return readFileSync(path.join(process.cwd(), '.next', 'BUILD_ID'), 'utf8').trim();
  } catch {
    return 'dev';
  }
}

/**
 * The process's Redis clients (the app's one Redis library, @redis/client), connected: one expires
 * page-cache tags under the key prefix that cache-handler.mjs gives Next's handler and answers the
 * readiness check, the other holds the rate-limit counters.
 */
export function sharedRedis(url: string): Promise<SharedRedis> {
  globalForRedis.montageRedisTags ??= (async () => {
    const client = newClient(url, { name: 'montage-page-cache', failFast: false });
    for (const event of ['error', 'end'] as const) client.on(event, () => connectionListeners.forEach((listener) => listener.lost()));
    client.on('ready', () => connectionListeners.forEach((listener) => listener.ready()));
    const limitsClient = newClient(url, { name: 'montage-rate-limits', failFast: true });
    const connected = await Promise.allSettled([client.connect(), limitsClient.connect()]);
    const failed = connected.find((result) => result.status === 'rejected');
    if (failed) {
      await Promise.all([client, limitsClient].map((c) => (c.isOpen ? c.quit() : undefined)));
      throw failed.reason;
    }
    return { client, limitsClient, pageCacheKeyPrefix: `${env.REDIS_KEY_PREFIX}${buildId()}:` };
  })().catch((error: unknown) => {
    globalForRedis.montageRedisTags = undefined;
    connectionListeners.forEach((listener) => listener.lost());
    throw error;
  });
  return globalForRedis.montageRedisTags;
}

/** Closes the process's Redis clients (the next caller connects again). */
export async function closeSharedRedis(): Promise<void> {
  const shared = await globalForRedis.montageRedisTags?.catch(() => null);
  globalForRedis.montageRedisTags = undefined;
  if (shared) await Promise.all([shared.client.quit(), shared.limitsClient.quit()]);
}

// The handler's key layout: redis-handler-layout.mjs.
const SCAN_COUNT = 10_000;
const DELETE_BATCH = 1_000;

/**
 * Expires `tags` in the Redis page cache as the handler's own revalidateTag does for one tag, but
 * for all of them with one scan of the tag hash: the handler reads the whole hash once per tag,
 * which made expiring every active link (a looked-up tempo does) quadratic in the number of links.
 */
export async function expireTagsInRedisCache(client: RedisClient, keyPrefix: string, tags: readonly string[]): Promise<void> {
  const expired = new Set(tags);
  // Every tag's time, not only path tags' as the handler records: a render begun before this expiry
  // and stored after the scan below is dated from its start (redis-dated-renders.mjs), so the
  // handler finds it older than its tag's expiry and refuses it.
  const now = String(Date.now());
  await client.hSet(keyPrefix + REVALIDATED_TAGS, Object.fromEntries(tags.map((tag) => [tag, now])));
  const keys: string[] = [];
  let cursor = '0';
  do {
    const portion = await client.hScan(keyPrefix + SHARED_TAGS, cursor, { COUNT: SCAN_COUNT });
    for (const { field, value } of portion.entries) {
      const entryTags: unknown = JSON.parse(value);
      if (Array.isArray(entryTags) && entryTags.some((tag) => expired.has(tag))) keys.push(field);
    }
    cursor = portion.cursor;
  } while (cursor !== '0');
  for (let i = 0; i < keys.length; i += DELETE_BATCH) {
    const batch = keys.slice(i, i + DELETE_BATCH);
    await Promise.all([
      client.unlink(batch.map((key) => keyPrefix + key)),
      client.hDel(keyPrefix + SHARED_TAGS, batch),
      client.hDel(keyPrefix + SHARED_TAGS_TTL, batch),
    ]);
  }
}

/**
 * Expires cache tags on every process before the caller answers. Next's own revalidatePath/
 * revalidateTag reach this process's cache, but only after the response has gone out (waitUntil);
 * a revoke must be seen by every process from the moment it is acknowledged. With Redis the tags
 * are expired in the one shared cache, or, while Redis is away, kept in the database and applied
 * by every process before it serves from Redis again (pending-expiries.ts). On PostgreSQL without Redis each process has its own cache
 * and listens for expired tags (cache-handler.mjs): they are sent with NOTIFY, which PostgreSQL
 * delivers to every listening process as this statement commits. Without Redis this process's own
 * cache is expired here first (embedded: the only one).
 */
export async function expireTagsEverywhere(tags: string[]): Promise<void> {
  if (tags.length === 0) return;
  if (env.REDIS_URL) {
    // Kept in the database until Redis has it: a Redis away delays it, never the answer.
    const { keepExpiryUntilApplied } = await import('./pending-expiries');
    await (await keepExpiryUntilApplied(tags))?.();
    return;
  }
  // This process's own cache first (cache-handler.mjs): Next's expiry reaches it only after the answer.
  await (globalThis as { montageExpireTagsHere?: (tags: string[]) => Promise<void> }).montageExpireTagsHere?.(tags);
  if (env.DATABASE_URL) {
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

/** The connected client for the rate limits' counters (rejects while Redis cannot be reached; its commands fail at once while Redis is away). */
export async function sharedRedisClient(url: string): Promise<RedisClient> {
  return (await sharedRedis(url)).limitsClient;
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
