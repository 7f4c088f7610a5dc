// The script policy of a page served from Next's cache: every inline script of that very HTML,
// allowed by its sha256. Plain JavaScript: cache-handler.mjs, which Next loads by itself outside
// the app's bundle, uses it. Pure (node:crypto only).
import { createHash } from 'node:crypto';

/** The response header Next stores with a cached page and sends with it. */
export const CACHED_POLICY_HEADER = 'content-security-policy';

// React escapes `<` inside the scripts it writes (`\u003c`), so a script's text never holds `</script`.
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/giu;
const SRC = /(?:^|\s)src\s*=/iu;

/**
 * The CSP source of every inline script in `html` (`'sha256-…'`), in order of appearance, without
 * repeats. Scripts with a `src` are left out: they are allowed by origin.
 * @param {string} html
 * @returns {string[]}
 */
export function inlineScriptHashes(html) {
  const hashes = new Set();
  for (const [, attributes = '', text = ''] of html.matchAll(SCRIPT)) {
    if (SRC.test(attributes)) continue;
    hashes.add(`'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`);
  }
  return [...hashes];
}

/**
 * The policy sent, beside the proxy's, with a cached page: scripts from this origin and Spotify's
 * embed, and of the inline ones only those of this HTML. A hash list makes browsers ignore the
 * `'unsafe-inline'` of the proxy's policy, and both policies must allow a script for it to run.
 * @param {string} html
 * @param {string} embedOrigin
 * @returns {string}
 */
export function cachedPagePolicy(html, embedOrigin) {
  return ['script-src', "'self'", embedOrigin, ...inlineScriptHashes(html)].join(' ');
}

/**
 * Adds the cached-page policy to an App Router page entry of Next's cache (in place: on the first
 * render Next sends the very headers object it stores). Entries of other kinds, and entries that
 * already hold a policy, are left as they are.
 * @param {{ kind?: string; html?: unknown; headers?: Record<string, unknown> } | null | undefined} value
 * @param {string} embedOrigin
 */
export function addCachedPagePolicy(value, embedOrigin) {
  if (!value || value.kind !== 'APP_PAGE' || typeof value.html !== 'string') return;
  value.headers ??= {};
  if (value.headers[CACHED_POLICY_HEADER] === undefined) value.headers[CACHED_POLICY_HEADER] = cachedPagePolicy(value.html, embedOrigin);
}
