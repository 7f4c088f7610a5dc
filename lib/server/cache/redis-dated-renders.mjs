// The Redis page cache's entries dated from the start of their render (render-starts.mjs), and
// every expired tag's time recorded, explicit tags too: the handler removes the entries of an
// explicit tag when it is expired and records the time of path tags only, so a render that read a
// link before its revoke and was stored after it was kept, looking fresh, for the entry's lifetime.
// With both, the handler's own check (a tag expired after the entry's date makes it stale) refuses
// it on every process. Plain JavaScript: cache-handler.mjs, which Next loads by itself, uses it.
import { REVALIDATED_TAGS } from './redis-handler-layout.mjs';
import { createRenderStarts } from './render-starts.mjs';

/**
 * Wraps the Redis handler (@fortedigital/nextjs-cache-handler/redis-strings).
 * @template {{ name: string, get: Function, set: Function, revalidateTag: Function, delete?: Function }} H
 * @param {H} handler
 * @param {{ client: any, keyPrefix: string, renderStarts?: ReturnType<typeof createRenderStarts> }} redis
 * @returns {H}
 */
export function withRenderDates(handler, { client, keyPrefix, renderStarts = createRenderStarts() }) {
  return {
    ...handler,
    name: `${handler.name} dated from render starts`,
    async get(key, meta) {
      let entry;
      try {
        entry = await handler.get(key, meta);
      } catch (error) {
        renderStarts.missed(key);
        throw error;
      }
      if (entry) renderStarts.served(key);
      else renderStarts.missed(key);
      return entry;
    },
    async set(key, value, ctx) {
      const renderDate = renderStarts.takeRenderDate(key);
      // `lastModified` keeps its place, first: local-page-copies.mjs reads it from the stored JSON's start.
      return handler.set(key, { ...value, lastModified: Math.min(value.lastModified, renderDate) }, ctx);
    },
    async revalidateTag(tag) {
      await client.hSet(keyPrefix + REVALIDATED_TAGS, tag, String(Date.now()));
      return handler.revalidateTag(tag);
    },
  };
}
