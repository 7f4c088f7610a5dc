// How @fortedigital/nextjs-cache-handler's redis-strings handler (the version package.json pins) keeps
// its entries: each page under `<prefix><cache key>`, the hash `<prefix>__sharedTags__` maps each cache
// key to its tags (JSON), `<prefix>__sharedTagsTtl__` its expiry, and `<prefix>__revalidated_tags__`
// when each implicit (path) tag was expired. The app reads and expires them itself (redis-tags.ts,
// local-page-copies.mjs); tests/integration/redis-page-cache.test.ts checks both against the handler.
// Plain JavaScript: cache-handler.mjs, which Next loads by itself, uses it.

export const SHARED_TAGS = '__sharedTags__';
export const SHARED_TAGS_TTL = '__sharedTagsTtl__';
export const REVALIDATED_TAGS = '__revalidated_tags__';
