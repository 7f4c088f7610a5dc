import type { Database } from '../../db/client';
import type { MontageView } from '../../db/queries/montages';
import { getMontageByShareToken } from '../../db/queries/shares';

const MAX_ENTRIES = 500;

/**
 * Shared montages by token, kept in this process after the first view (least recently used
 * dropped past MAX_ENTRIES). Every change to a montage or its links drops its entries, so a
 * revoked link or an edit is seen on the very next request.
 */
export interface SharedCacheStats {
  hits: number;
  misses: number;
}

// On globalThis: Next bundles route handlers and pages apart, and both must see one cache.
const globalForCache = globalThis as unknown as { montageSharedCache?: { cache: Map<string, MontageView>; stats: SharedCacheStats } };
globalForCache.montageSharedCache ??= { cache: new Map(), stats: { hits: 0, misses: 0 } };
const { cache, stats } = globalForCache.montageSharedCache;

export async function getSharedMontage(db: Database, token: string): Promise<MontageView | null> {
  const cached = cache.get(token);
  if (cached) {
    stats.hits += 1;
    cache.delete(token);
    cache.set(token, cached);
    return cached;
  }
  stats.misses += 1;
  const montage = await getMontageByShareToken(db, token);
  if (montage) {
    cache.set(token, montage);
    if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  }
  return montage;
}

/** Drops the cached views of one montage (after an edit, a revoke or a delete). */
export function revalidateShared(montageId: string): void {
  for (const [token, montage] of cache) {
    if (montage.id === montageId) cache.delete(token);
  }
}

/** Drops every cached view: a tempo everyone shares (a lookup by ISRC) changed. */
export function revalidateAllShared(): void {
  cache.clear();
}

/** Drops every cached view of `ownerId`'s montages (their tempos changed). */
export function revalidateSharedOfOwner(ownerId: string): void {
  for (const [token, montage] of cache) {
    if (montage.ownerId === ownerId) cache.delete(token);
  }
}

export function sharedCacheStats(): Readonly<SharedCacheStats> {
  return stats;
}
