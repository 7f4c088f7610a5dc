// A copy in process memory of the pages this process read from the Redis page cache, served only
// after Redis has confirmed, on every read, that it is still the stored entry and that none of its
// tags was expired since. Plain JavaScript: cache-handler.mjs, which Next loads by itself, uses it.
import { REVALIDATED_TAGS, SHARED_TAGS } from './redis-handler-layout.mjs';

/** As many pages as a process keeps copies of (a shared page's entry is some 70 KB). */
const MAX_COPIES = 256;
const REPLY_TIMEOUT_MS = 5_000;

/**
 * Wraps the Redis handler (@fortedigital/nextjs-cache-handler/redis-strings, in its own key layout):
 * a read whose copy is current costs three small replies (the first bytes of the stored entry, its
 * place in the tag book, its tags' expiry times) instead of the whole entry, decoded and parsed
 * again: a shared page's entry is read once per batch of requests on every process.
 * The copy is current when the stored entry still begins with the copy's `lastModified` (the entry
 * is its JSON, `lastModified` first: another process's newer render differs, a deleted one is
 * empty), the tag book still lists it (expiring a tag removes it there), and no tag of it, its
 * path's included, was expired after it was stored — the checks the handler itself makes.
 * @template {{ name: string, get: Function, set: Function, revalidateTag: Function, delete?: Function }} H
 * @param {H} handler
 * @param {{ client: any, keyPrefix: string }} redis
 * @returns {H}
 */
export function withLocalPageCopies(handler, { client, keyPrefix }) {
  /** @type {Map<string, any>} key → entry, oldest read first */
  const copies = new Map();

  async function isCurrent(key, copy, implicitTags) {
    const tags = [...new Set([...copy.tags, ...implicitTags])];
    // As long as the handler waits for its own replies (5 s): a Redis that stops answering fails the read.
    const redis = client.withAbortSignal(AbortSignal.timeout(REPLY_TIMEOUT_MS));
    const [head, isListed, expiredAt] = await Promise.all([
      redis.getRange(keyPrefix + key, 0, 40),
      redis.hExists(keyPrefix + SHARED_TAGS, key),
      tags.length > 0 ? redis.hmGet(keyPrefix + REVALIDATED_TAGS, tags) : [],
    ]);
    return (
      head.startsWith(`{"lastModified":${copy.lastModified},`) &&
      Boolean(isListed) &&
      expiredAt.every((time) => !time || Number.parseInt(time, 10) <= copy.lastModified)
    );
  }

  return {
    ...handler,
    name: `${handler.name} with local copies`,
    async get(key, meta) {
      const copy = copies.get(key);
      copies.delete(key);
      // While Redis is away the handler refuses at once (the page is rendered); asking it here would wait.
      if (copy && client.isReady && (await isCurrent(key, copy, meta?.implicitTags ?? []))) {
        copies.set(key, copy);
        return copy;
      }
      const entry = await handler.get(key, meta);
      if (entry && typeof entry.lastModified === 'number') {
        copies.set(key, entry);
        if (copies.size > MAX_COPIES) copies.delete(copies.keys().next().value);
      }
      return entry;
    },
    async set(key, value, ctx) {
      copies.delete(key);
      return handler.set(key, value, ctx);
    },
    async delete(key) {
      copies.delete(key);
      return handler.delete?.(key);
    },
  };
}
