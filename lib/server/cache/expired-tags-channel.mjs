// PostgreSQL's LISTEN/NOTIFY as the carrier of expired cache tags between the processes of one
// database, when there is no Redis to share the page cache: each process keeps its own cache of
// rendered pages (Next's file-system cache) and expires in it the tags any process expires.
// Plain JavaScript: cache-handler.mjs, which Next loads by itself outside the app's bundle, listens;
// the app (lib/server/cache/redis-tags.ts) notifies.
import pg from 'pg';

/** The channel every process of one database listens on. */
export const EXPIRED_TAGS_CHANNEL = 'montage_expired_tags';

// PostgreSQL refuses a NOTIFY payload of 8000 bytes or more.
const MAX_PAYLOAD_BYTES = 7000;
const RECONNECT_MS = 1000;

/**
 * The NOTIFY payloads that carry `tags`: JSON arrays, each under PostgreSQL's payload limit.
 * @param {string[]} tags
 * @returns {string[]}
 */
export function expiredTagPayloads(tags) {
  const payloads = [];
  let batch = [];
  for (const tag of tags) {
    if (batch.length > 0 && Buffer.byteLength(JSON.stringify([...batch, tag])) > MAX_PAYLOAD_BYTES) {
      payloads.push(JSON.stringify(batch));
      batch = [];
    }
    batch.push(tag);
  }
  if (batch.length > 0) payloads.push(JSON.stringify(batch));
  return payloads;
}

/**
 * The tags of one payload, or none when it is not a JSON array of strings.
 * @param {string | undefined} payload
 * @returns {string[]}
 */
export function tagsOfPayload(payload) {
  try {
    const tags = JSON.parse(payload ?? '');
    return Array.isArray(tags) ? tags.filter((tag) => typeof tag === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Listens on the channel with a connection of its own and hands every expired tag list to
 * `onTags`. While it is not listening (before the first connection, after a lost one, until it is
 * back) an expiry may go unheard: `isListening` says so, and the cache serves nothing meanwhile;
 * `listeningSince` says from when on every expiry was heard (Infinity while not listening).
 * @param {{ url: string; onTags: (tags: string[]) => void; onError?: (message: string) => void }} options
 * @returns {{ readonly isListening: boolean; readonly listeningSince: number; close: () => Promise<void> }}
 */
export function listenForExpiredTags({ url, onTags, onError = (message) => console.error(message) }) {
  let isListening = false;
  /** When the current LISTEN began: an expiry sent before it may have gone unheard. */
  let listeningSince = Infinity;
  let isClosed = false;
  /** @type {pg.Client | null} */
  let client = null;
  /** @type {NodeJS.Timeout | null} */
  let retry = null;

  const lost = (/** @type {pg.Client} */ lostClient, /** @type {string} */ reason) => {
    if (client !== lostClient) return;
    isListening = false;
    listeningSince = Infinity;
    client = null;
    lostClient.removeAllListeners('notification');
    lostClient.end().catch(() => {});
    if (isClosed) return;
    onError(`PostgreSQL (expired cache tags): ${reason}; cached pages are not served until it listens again`);
    retry = setTimeout(connect, RECONNECT_MS);
    retry.unref();
  };

  async function connect() {
    retry = null;
    const next = new pg.Client({ connectionString: url });
    client = next;
    next.on('notification', (message) => {
      if (message.channel === EXPIRED_TAGS_CHANNEL) onTags(tagsOfPayload(message.payload));
    });
    next.on('error', (error) => lost(next, error.message));
    next.on('end', () => lost(next, 'connection ended'));
    try {
      await next.connect();
      await next.query(`LISTEN ${EXPIRED_TAGS_CHANNEL}`);
      if (client === next && !isClosed) {
        isListening = true;
        listeningSince = Date.now();
      }
    } catch (error) {
      lost(next, error instanceof Error ? error.message : String(error));
    }
  }

  void connect();
  return {
    get isListening() {
      return isListening;
    },
    get listeningSince() {
      return isListening ? listeningSince : Infinity;
    },
    async close() {
      isClosed = true;
      isListening = false;
      if (retry) clearTimeout(retry);
      const current = client;
      client = null;
      await current?.end().catch(() => {});
    },
  };
}
