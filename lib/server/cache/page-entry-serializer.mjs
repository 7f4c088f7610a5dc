// How the Redis page cache writes an entry (cache-handler.mjs gives it to the Redis handler as its
// `valueSerializer`). Plain JavaScript: Next loads cache-handler.mjs by itself, outside the app's bundle.

/** The segment Next stores for a full navigation: byte for byte the page's RSC payload. */
const FULL_SEGMENT = '/_full';

/**
 * JSON, as the handler's own serializer writes, but a page's full segment is not written a second
 * time when it is its RSC payload (Next stores both for every page): a quarter of a shared page’s
 * entry, read back on every cache read of every process.
 * @param {any} entry the handler's entry, its buffers already base64 strings
 * @returns {string}
 */
export function serializePageEntry(entry) {
  const value = entry?.value;
  if (value?.kind !== 'APP_PAGE' || !value.segmentData || value.segmentData[FULL_SEGMENT] !== value.rscData) return JSON.stringify(entry);
  const { [FULL_SEGMENT]: _full, ...segmentData } = value.segmentData;
  return JSON.stringify({ ...entry, value: { ...value, segmentData }, isFullSegmentRscData: true });
}

/**
 * The entry as it was given to `serializePageEntry`.
 * @param {string} stored
 * @returns {any}
 */
export function deserializePageEntry(stored) {
  const entry = JSON.parse(String(stored));
  if (entry?.isFullSegmentRscData !== true) return entry;
  delete entry.isFullSegmentRscData;
  entry.value.segmentData[FULL_SEGMENT] = entry.value.rscData;
  return entry;
}

/** The Redis handler's `valueSerializer`. */
export const pageEntrySerializer = { serialize: serializePageEntry, deserialize: deserializePageEntry };
