import { revalidatePath, revalidateTag, unstable_cache } from 'next/cache';
import type { Database } from '../../db/client';
import type { MontageView } from '../../db/queries/montages';
import { getMontageByShareToken, listActiveShareTokens, type ShareScope } from '../../db/queries/shares';
import { keepExpiryUntilApplied } from './cache/pending-expiries';
import { expireTagsEverywhere } from './cache/redis-tags';

/**
 * Shared pages are cached by Next itself: `/s/:token` and `/s/:token/train` are rendered on their
 * first view and then served from Next's cache (in Redis when REDIS_URL is set, shared by every
 * process); `/api/share/:token` reads the montage from Next's data cache (tag `share:<token>`). Every change to a montage, its intervals, its tempos or its links
 * goes through `changingSharedPages`, which expires the pages of the links active before the
 * change, in Redis before the change is acknowledged, so no process serves the old page after.
 */
export async function getSharedMontage(db: Database, token: string): Promise<MontageView | null> {
  return getMontageByShareToken(db, token);
}

/** Next's data-cache tag of one link's montage. */
export function shareTag(token: string): string {
  return `share:${token}`;
}

/** Next says so when asked to cache or expire outside a request it serves (a script, a test calling a handler). */
function isOutsideNext(error: unknown): boolean {
  return error instanceof Error && /static generation store missing|incrementalCache missing/.test(error.message);
}

/** The montage behind an active link, read once per version from Next's data cache. */
export async function getCachedSharedMontage(db: Database, token: string): Promise<MontageView | null> {
  const read = () => getMontageByShareToken(db, token);
  try {
    return await unstable_cache(read, ['shared-montage', token], { tags: [shareTag(token)] })();
  } catch (error) {
    if (isOutsideNext(error)) return read();
    throw error;
  }
}

/** The cached paths of one share link. */
export function sharedPaths(token: string): string[] {
  return [`/s/${token}`, `/s/${token}/train`, `/api/share/${token}`];
}

/** Next's implicit tag for a path, the one revalidatePath expires. */
function pathTag(pathname: string): string {
  return `_N_T_${pathname}`;
}

function expireInNext(expire: () => void): void {
  try {
    expire();
  } catch (error) {
    if (!isOutsideNext(error)) throw error;
  }
}

/** The cache tags of `tokens`' pages: their paths' and their data's. */
function sharedPageTags(tokens: string[]): string[] {
  return [...tokens.flatMap(sharedPaths).map(pathTag), ...tokens.map(shareTag)];
}

/**
 * Expires the cached pages of `tokens`, everywhere, before returning; with Redis, `keptExpiry` (the
 * same tags kept in the database before the change) is applied instead of keeping them now.
 */
export async function expireSharedPages(tokens: string[], keptExpiry?: () => Promise<void>): Promise<void> {
  for (const pathname of tokens.flatMap(sharedPaths)) expireInNext(() => revalidatePath(pathname));
  for (const token of tokens) expireInNext(() => revalidateTag(shareTag(token), { expire: 0 }));
  if (keptExpiry) await keptExpiry();
  else await expireTagsEverywhere(sharedPageTags(tokens));
}

/**
 * Runs `change` (a write that alters what shared pages show), then expires the pages of every
 * link of `scope` that was active before it (a delete takes its links with it). With Redis the
 * expiry is kept in the database before the change: a crash, or Redis away, between the change and
 * Redis cannot leave the old pages served (pending-expiries.ts).
 */
export async function changingSharedPages<T>(db: Database, scope: ShareScope, change: () => Promise<T>): Promise<T> {
  const tokens = await listActiveShareTokens(db, scope);
  const keptExpiry = (await keepExpiryUntilApplied(sharedPageTags(tokens))) ?? undefined;
  try {
    return await change();
  } finally {
    await expireSharedPages(tokens, keptExpiry);
  }
}
