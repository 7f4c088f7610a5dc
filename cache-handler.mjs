// Next's cache of rendered pages and route handler responses (next.config.js sets this file as
// `cacheHandler`). With REDIS_URL it lives in Redis, shared by every process of the app; without,
// it is Next's own file-system cache (one process). Either way each rendered page is stored with
// the hashes of its inline scripts as a Content-Security-Policy header, which Next sends with the
// page (lib/server/security/headers.ts explains the policies). On PostgreSQL without Redis each
// process keeps its own cache and expires in it the tags any process of the database expires,
// heard through LISTEN (lib/server/cache/expired-tags-channel.mjs). Next loads this file by itself,
// outside the app's bundle, so it reads its variables here (they are validated with the others in
// lib/server/env.ts). Redis keys carry the build id: a new build never serves an old page.
import { CacheHandler } from '@fortedigital/nextjs-cache-handler';
import createRedisHandler from '@fortedigital/nextjs-cache-handler/redis-strings';
import { createClient } from '@redis/client';
import fileSystemCache from 'next/dist/server/lib/incremental-cache/file-system-cache.js';
import { listenForExpiredTags } from './lib/server/cache/expired-tags-channel.mjs';
import { withLocalPageCopies } from './lib/server/cache/local-page-copies.mjs';
import { withRenderDates } from './lib/server/cache/redis-dated-renders.mjs';
import { createRenderStarts } from './lib/server/cache/render-starts.mjs';
import { pageEntrySerializer } from './lib/server/cache/page-entry-serializer.mjs';
import { addCachedPagePolicy } from './lib/server/security/inline-script-hashes.mjs';

const embedOrigin = new URL(process.env.SPOTIFY_EMBED_BASE_URL || 'https://open.spotify.com').origin;

CacheHandler.onCreation(async ({ buildId }) => {
  const client = createClient({ url: process.env.REDIS_URL });
  client.on('error', (error) => console.error(`Redis (page cache): ${error.message}`));
  await client.connect();
  const keyPrefix = `${process.env.REDIS_KEY_PREFIX ?? 'montage:'}${buildId ?? 'dev'}:`;
  const shared = createRedisHandler({ client, keyPrefix, valueSerializer: pageEntrySerializer });
  return { handlers: [withLocalPageCopies(withRenderDates(shared, { client, keyPrefix }), { client, keyPrefix })] };
});

// Node's import of this CommonJS module gives its exports object; the bundled copy Next also makes of
// this file gives the class itself.
const FileSystemCache = fileSystemCache.default ?? fileSystemCache;
const Store = process.env.REDIS_URL ? CacheHandler : FileSystemCache;
const isCachePerProcessOnPostgres = Boolean(process.env.DATABASE_URL && !process.env.REDIS_URL);

// One listener per process (Next may load this file twice: its own copy and the bundled one), set
// going by the first handler Next creates: expiring a tag touches only state shared by all handlers.
// So are the process's render dates and expiry times, and `montageExpireTagsHere`, through which the
// app expires tags in this process's cache before it answers (Next's own expiry runs after).
const globalForTags =
  /** @type {{ montageExpiredTags?: ReturnType<typeof listenForExpiredTags>, montageFileCacheDates?: FileCacheDates, montageExpireTagsHere?: (tags: string[]) => Promise<void>, montageRedisPagesCoherent?: boolean }} */ (
    globalThis
  );

/**
 * The file-system cache's dates (one process): when each stored entry's render began at the
 * earliest (render-starts.mjs), and when each tag was last expired here. Next dates an entry from
 * its storing, so a render that read a link before its revoke and was stored after looked fresh.
 * @typedef {{ renderStarts: ReturnType<typeof createRenderStarts>, renderDateOf: Map<string, number>, expiredAt: Map<string, number> }} FileCacheDates
 */
const dates = (globalForTags.montageFileCacheDates ??= { renderStarts: createRenderStarts(), renderDateOf: new Map(), expiredAt: new Map() });
const MAX_DATED_ENTRIES = 50_000;

/** The tags an entry is expired by: its own (a page's header, a data entry's) and those Next reads it under. */
function tagsOf(entry, ctx) {
  const header = entry?.value?.headers?.['x-next-cache-tags'];
  return [...(typeof header === 'string' ? header.split(',') : []), ...(ctx?.tags ?? []), ...(ctx?.softTags ?? [])];
}

// Next keeps expired tags in memory only, while the file-system cache keeps pages on disk: a page whose
// link was revoked before a restart, or while another process's expiry went unheard (not listening
// yet, or the connection was lost), is still on disk, looking fresh. So this process serves only what
// was stored since it heard every expiry: since it started, or on PostgreSQL since it (re)began to
// listen. Redis keeps its tags with its pages and needs none of this.
const startedAt = Date.now();
const heardEveryExpirySince = () => (isCachePerProcessOnPostgres ? (globalForTags.montageExpiredTags?.listeningSince ?? Infinity) : startedAt);

export default class HashedScriptsCache extends Store {
  constructor(options) {
    super(options);
    if (process.env.REDIS_URL) return;
    if (isCachePerProcessOnPostgres) {
      globalForTags.montageExpiredTags ??= listenForExpiredTags({ url: process.env.DATABASE_URL, onTags: (tags) => void this.revalidateTag(tags) });
    }
    globalForTags.montageExpireTagsHere ??= (tags) => this.revalidateTag(tags);
  }

  /** A page gets its policy as it is stored; on its first render Next sends the same headers object. */
  async set(key, data, ctx) {
    addCachedPagePolicy(data, embedOrigin);
    if (!process.env.REDIS_URL) {
      dates.renderDateOf.delete(key);
      dates.renderDateOf.set(key, dates.renderStarts.takeRenderDate(key));
      if (dates.renderDateOf.size > MAX_DATED_ENTRIES) dates.renderDateOf.delete(dates.renderDateOf.keys().next().value);
    }
    return super.set(key, data, ctx);
  }

  /** Pages prerendered by `next build` (the not-found page) are read from disk without one. */
  async get(key, ctx) {
    // With Redis, nothing is served from it until this process has applied every expiry kept in the
    // database while Redis was away (lib/server/cache/pending-expiries.ts): the page is rendered.
    if (process.env.REDIS_URL && globalForTags.montageRedisPagesCoherent !== true) return null;
    const entry = await super.get(key, ctx);
    if (!process.env.REDIS_URL) {
      // An entry stored before this cache heard every expiry is not served: it may have been expired unheard.
      // Nor one whose render may have begun before one of its tags was expired here (undated: 0).
      const renderDate = dates.renderDateOf.get(key) ?? 0;
      const isCurrent =
        entry && entry.lastModified >= heardEveryExpirySince() && tagsOf(entry, ctx).every((tag) => !((dates.expiredAt.get(tag) ?? -1) > renderDate));
      if (!isCurrent) {
        dates.renderStarts.missed(key);
        return null;
      }
      dates.renderStarts.served(key);
    }
    addCachedPagePolicy(entry?.value, embedOrigin);
    return entry;
  }

  /** Records when each tag was expired here, for the render dates above; Next records its own. */
  async revalidateTag(tags, durations) {
    if (!process.env.REDIS_URL) {
      const now = Date.now();
      for (const tag of typeof tags === 'string' ? [tags] : tags) dates.expiredAt.set(tag, now);
    }
    return super.revalidateTag(tags, durations);
  }
}
