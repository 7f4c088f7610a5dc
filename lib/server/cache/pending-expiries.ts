import { getDb } from '../../../db/client';
import { deletePendingCacheExpiries, listPendingCacheExpiries, recordPendingCacheExpiry } from '../../../db/queries/cache-expiries';
import { env } from '../env';
import { expireTagsInRedisCache, onPageCacheConnection, sharedRedis, type RedisClient } from './redis-tags';

/**
 * Expiries of the Redis page cache that survive Redis being away and the process restarting. A
 * change writes its expiry to the database before it commits (pending_cache_expiries); once it has
 * committed, Redis is told within a bound and the row removed, or, while Redis is away, the write is
 * answered and the row stays. Every process applies what is pending when its connection is (re)made,
 * at its start, and every few seconds, and serves no page from Redis (cache-handler.mjs renders it
 * from the database) until it has applied all of them with no loss of its connection since:
 * `globalThis.montageRedisPagesCoherent` says so.
 */
const APPLY_TIMEOUT_MS = 2_000;
const SWEEP_EVERY_MS = 2_000;
const BATCH = 100;

const state = globalThis as unknown as {
  /** Read by cache-handler.mjs: Redis's pages may be served (every expiry kept in the database is applied). */
  montageRedisPagesCoherent?: boolean;
  montagePendingExpiries?: { connectionLosses: number; sweep: Promise<boolean> | null; timer: NodeJS.Timeout | null };
};
const process_ = (state.montagePendingExpiries ??= { connectionLosses: 0, sweep: null, timer: null });

/** The page cache's connection was lost (or is not made yet): Redis may be missing expiries. */
function connectionLost(): void {
  process_.connectionLosses += 1;
  state.montageRedisPagesCoherent = false;
}

/** Whether this process serves pages from Redis now (every expiry kept in the database is applied there). */
export function isRedisPageCacheCoherent(): boolean {
  return state.montageRedisPagesCoherent === true;
}

/** Expires `tags` in Redis, giving up after a bound (a Redis away or slow leaves them pending). */
async function applyBounded(client: RedisClient, keyPrefix: string, tags: string[]): Promise<boolean> {
  if (!client.isReady) return false;
  try {
    await expireTagsInRedisCache(client.withAbortSignal(AbortSignal.timeout(APPLY_TIMEOUT_MS)) as RedisClient, keyPrefix, tags);
    return true;
  } catch {
    return false;
  }
}

/**
 * Keeps the expiry of `tags` in the database before a change (a crash between the change and Redis
 * loses nothing): the returned function, called once the change has committed, tells Redis within a
 * bound and never waits for a Redis that is away. Without Redis there is nothing to keep.
 */
export async function keepExpiryUntilApplied(tags: string[]): Promise<(() => Promise<void>) | null> {
  if (!env.REDIS_URL || tags.length === 0) return null;
  const db = await getDb();
  const id = await recordPendingCacheExpiry(db, tags);
  return async () => {
    const shared = await sharedRedis(env.REDIS_URL!).catch(() => null);
    if (shared && (await applyBounded(shared.client, shared.pageCacheKeyPrefix, tags))) await deletePendingCacheExpiries(db, [id]);
  };
}

/**
 * Applies every expiry kept in the database to Redis; true once none is left and the connection
 * held throughout (the process may then serve pages from Redis again). One sweep at a time.
 */
export function applyPendingExpiries(): Promise<boolean> {
  process_.sweep ??= (async () => {
    if (!env.REDIS_URL) return true;
    const losses = process_.connectionLosses;
    const shared = await sharedRedis(env.REDIS_URL).catch(() => null);
    if (!shared?.client.isReady) return false;
    const db = await getDb();
    for (;;) {
      const pending = await listPendingCacheExpiries(db, BATCH);
      if (pending.length === 0) break;
      const tags = [...new Set(pending.flatMap((row) => row.tags))];
      if (!(await applyBounded(shared.client, shared.pageCacheKeyPrefix, tags))) return false;
      await deletePendingCacheExpiries(
        db,
        pending.map((row) => row.id),
      );
    }
    const isCoherent = losses === process_.connectionLosses && shared.client.isReady;
    if (isCoherent) state.montageRedisPagesCoherent = true;
    return isCoherent;
  })()
    .catch(() => false)
    .finally(() => {
      process_.sweep = null;
    });
  return process_.sweep;
}

/** At start: applies what is pending now, whenever the page cache's connection is made again, and every few seconds. */
export function startApplyingPendingExpiries(): void {
  if (!env.REDIS_URL || process_.timer) return;
  if (state.montageRedisPagesCoherent === undefined) connectionLost();
  onPageCacheConnection({ lost: connectionLost, ready: () => void applyPendingExpiries() });
  void applyPendingExpiries();
  process_.timer = setInterval(() => void applyPendingExpiries(), SWEEP_EVERY_MS);
  process_.timer.unref();
}
