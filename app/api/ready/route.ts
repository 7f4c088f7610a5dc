import { getDb } from '@/db/client';
import { checkDatabase } from '@/db/health';
import { isRedisReachable, pageCacheState } from '@/lib/server/cache/redis-tags';
import { handler, json } from '@/lib/server/http';

export const dynamic = 'force-dynamic';

/**
 * Readiness for a load balancer: 200 when the database answers with every migration applied and
 * Redis (when configured) answers; otherwise 503 naming what is not ready. It also says how its
 * cache of shared pages is kept coherent with other processes, and on PostgreSQL without Redis
 * whether it hears their expiries now.
 */
export const GET = handler(async () => {
  const database = await getDb()
    .then(checkDatabase)
    .catch(() => ({ isReachable: false, areMigrationsCurrent: false }));
  const redis = await isRedisReachable();
  const checks = {
    database: database.isReachable ? 'ok' : 'unreachable',
    migrations: database.areMigrationsCurrent ? 'ok' : 'behind',
    redis: redis === null ? 'not configured' : redis ? 'ok' : 'unreachable',
    // Informative: a process not listening still answers correctly (it renders each shared page).
    pageCache: pageCacheState(),
  };
  const isReady = database.isReachable && database.areMigrationsCurrent && redis !== false;
  return json({ status: isReady ? 'ready' : 'not ready', checks }, { status: isReady ? 200 : 503 });
});
