// When the render behind a cache entry may have begun. A render reads the database after the cache
// missed, and is stored when it ends: a revoke (or any edit) committed and expired between the two
// is older than the entry's storing, so "stored after the expiry" does not mean "rendered after it".
// An entry is therefore dated from the cache miss that started its render, and an expiry at or
// after that time makes it stale: every set-up (Redis, the file-system cache per process, embedded)
// dates its entries this way (cache-handler.mjs). Plain JavaScript: Next loads cache-handler.mjs
// by itself, outside the app's bundle.

/** Keys remembered at most (probes of unknown links miss too): a key forgotten is dated 0, never served over any expiry. */
const MAX_KEYS = 20_000;

/**
 * Per cache key, the earliest miss since it was last served fresh. A render stored with no such
 * miss known (forgotten, or another process's hit in between) is dated 0: older than any expiry.
 * @param {{ now?: () => number, maxKeys?: number }} [options]
 */
export function createRenderStarts({ now = Date.now, maxKeys = MAX_KEYS } = {}) {
  /** @type {Map<string, number>} key → earliest miss (ms) since the key was last served, oldest first */
  const missedSince = new Map();
  return {
    /** A read of `key` found nothing servable: a render of it may begin now. */
    missed(/** @type {string} */ key) {
      if (missedSince.has(key)) return;
      missedSince.set(key, now());
      if (missedSince.size > maxKeys) missedSince.delete(missedSince.keys().next().value);
    },
    /** A read of `key` served a fresh entry: renders begun before were stored already or are redundant. */
    served(/** @type {string} */ key) {
      missedSince.delete(key);
    },
    /**
     * The date (ms) to give a render of `key` being stored now: one millisecond before the earliest
     * miss it may have begun at, since an expiry at or after that miss may not be in the render.
     * The miss is used up: another render stored after it, unless a new miss starts it, is dated 0.
     */
    takeRenderDate(/** @type {string} */ key) {
      const since = missedSince.get(key);
      missedSince.delete(key);
      return since === undefined ? 0 : since - 1;
    },
  };
}
