import { setTimeout as sleepFor } from 'node:timers/promises';
import { RateLimiterDrizzle, RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { getDb } from '../../../db/client';
import { rateLimits } from '../../../db/schema';
import { sharedRedisClient } from '../cache/redis-tags';
import { env } from '../env';
import { AppError } from '../errors';

/**
 * What a request may start, and how often per 10 minutes: generous for a person (nobody builds
 * 30 montages in 10 minutes by hand), tight for a script. Every action is limited per owner and
 * per client address; both must have room.
 */
export const RATE_LIMITS = {
  montage_create: { perOwner: 30, perClient: 60 },
  share_create: { perOwner: 30, perClient: 60 },
  copy: { perOwner: 30, perClient: 60 },
  // Counted per track, not per request: the browser sends one request per file, and a person adding
  // a music folder of 10,000 songs (issue 16's library) must get through in one go.
  local_upload: { perOwner: 12_000, perClient: 24_000 },
  import_start: { perOwner: 10, perClient: 20 },
  lookup_start: { perOwner: 20, perClient: 40 },
  // An owner is made by the first write of a browser with no cookie: a person does that once per
  // browser, a script sending no cookie did it 80–190 times a second (issue 31).
  owner_create: { perOwner: 0, perClient: 30 },
  // Every write request of a client (route handlers other than GET; routes counted per item above opt
  // out): some 2 a second for 10 minutes, above any editing by hand, far below a script's pace.
  write: { perOwner: 0, perClient: 1_200 },
} as const;

export type RateLimitedAction = keyof typeof RATE_LIMITS;
const WINDOW_SEC = 600;

export class RateLimitedError extends AppError {
  readonly retryAfterSec: number;
  constructor(retryAfterSec: number) {
    super('rate_limited', `Too many requests of this kind; try again in ${retryAfterSec} s. Nothing was changed.`);
    this.retryAfterSec = retryAfterSec;
  }
}

type Store = (points: number, keyPrefix: string, durationSec?: number) => RateLimiterAbstract;

const globalForLimits = globalThis as unknown as { montageLimiters?: Map<string, RateLimiterAbstract>; montageFallbackLimiters?: Map<string, RateLimiterAbstract> };

/**
 * Where counters live: Redis when REDIS_URL is set, PostgreSQL (the app's database) when
 * DATABASE_URL is set, so every process counts the same requests; memory on the embedded default
 * (one process). A store that fails falls back to memory rather than refusing everyone.
 */
async function store(): Promise<Store> {
  if (env.REDIS_URL) {
    // A client of its own (@redis/client, lib/server/cache/redis-tags.ts): while Redis is away its commands fail at once (no offline queue) and the memory limiter counts.
    const client = await sharedRedisClient(env.REDIS_URL);
    return (points, keyPrefix, duration = WINDOW_SEC) =>
      new RateLimiterRedis({
        storeClient: client,
        useRedisPackage: true,
        points,
        duration,
        keyPrefix: `${env.REDIS_KEY_PREFIX}rl:${keyPrefix}`,
        insuranceLimiter: new RateLimiterMemory({ points, duration }),
      });
  }
  if (env.DATABASE_URL) {
    const db = await getDb();
    return (points, keyPrefix, duration = WINDOW_SEC) =>
      new RateLimiterDrizzle({ storeClient: db, schema: rateLimits, points, duration, keyPrefix, insuranceLimiter: new RateLimiterMemory({ points, duration }) });
  }
  return (points, keyPrefix, duration = WINDOW_SEC) => new RateLimiterMemory({ points, duration, keyPrefix });
}

/**
 * The limiter called `name`, made once per process in the store; while the store cannot be reached
 * (Redis down at the first request), one in memory counts, and the store is tried again next time.
 */
async function storedLimiter(name: string, points: number, duration: number): Promise<RateLimiterAbstract> {
  const limiters = (globalForLimits.montageLimiters ??= new Map());
  const found = limiters.get(name);
  if (found) return found;
  const made = await store().then(
    (make) => make(points, name, duration),
    () => null,
  );
  if (made) {
    limiters.set(name, made);
    return made;
  }
  const fallbacks = (globalForLimits.montageFallbackLimiters ??= new Map());
  if (!fallbacks.has(name)) fallbacks.set(name, new RateLimiterMemory({ points, duration, keyPrefix: name }));
  return fallbacks.get(name)!;
}

function limiter(action: RateLimitedAction, scope: 'owner' | 'client'): Promise<RateLimiterAbstract> {
  const limits = RATE_LIMITS[action];
  const points = Math.max(1, Math.round((scope === 'owner' ? limits.perOwner : limits.perClient) * env.MONTAGE_RATE_LIMIT_FACTOR));
  return storedLimiter(`${action}:${scope}`, points, WINDOW_SEC);
}

/**
 * The client's address: X-Forwarded-For, which holds that one address by the time the app reads it
 * (lib/server/security/forwarded-for.ts sets it from the socket, or from the entries the trusted
 * proxies appended). Null when no address is known: then only the owner limit holds.
 */
export function clientAddress(request: Request): string | null {
  const forwarded = request.headers.get('x-forwarded-for');
  const last = forwarded?.split(',').map((s) => s.trim()).filter(Boolean).at(-1);
  return last ? last.slice(0, 64) : null;
}

/**
 * Counts `cost` (default 1) of `action` for `owner` (the request's, resolved once by the caller;
 * null for a first-time visitor) and the request's client; throws a 429 (with Retry-After) when
 * either is over.
 */
export async function limitRequest(request: Request, action: RateLimitedAction, owner: string | null, cost = 1): Promise<void> {
  const client = clientAddress(request);
  const checks: Promise<RateLimiterRes>[] = [];
  if (owner) checks.push((await limiter(action, 'owner')).consume(owner, cost));
  if (client) checks.push((await limiter(action, 'client')).consume(client, cost));
  const results = await Promise.allSettled(checks);
  const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  if (refused.length === 0) return;
  // A limiter that failed (not a count over its limit) is an error of ours, not the client's.
  const failure = refused.find((reason) => !(reason instanceof RateLimiterRes));
  if (failure !== undefined) throw failure;
  const waits = (refused as RateLimiterRes[]).map((reason) => reason.msBeforeNext);
  throw new RateLimitedError(Math.max(1, Math.ceil(Math.max(...waits) / 1000)));
}

/**
 * Deezer counts the requests of the server's address: 50 in any 5 seconds, then it answers "quota
 * exceeded". Every process of the app (and every user's lookup in it) draws from one budget kept in
 * the same store as the limits above: 8 per second. Counted in fixed one-second windows, any 5
 * seconds hold at most 6 of them (48 requests), under Deezer's 50 however the windows fall.
 */
export const DEEZER_PACE = { requests: 8, windowSec: 1 } as const;

/** Waits until the app's shared Deezer budget has room for one more request, and takes it. */
export async function waitForDeezerTurn(sleep: (ms: number) => Promise<unknown> = sleepFor): Promise<void> {
  const limiter = await storedLimiter('deezer', DEEZER_PACE.requests, DEEZER_PACE.windowSec);
  for (;;) {
    try {
      await limiter.consume('requests');
      return;
    } catch (reason) {
      if (!(reason instanceof RateLimiterRes)) throw reason;
      await sleep(Math.max(1, reason.msBeforeNext));
    }
  }
}
