/**
 * The security headers of every response. Pure: the origins and the nonce come from the caller.
 *
 * Scripts run under one of three policies, chosen by path (`scriptPolicyFor`):
 * - **nonce** — the owner's pages, rendered per request (they read the owner cookie anyway): a fresh
 *   nonce per request, which Next puts on every script it emits (it reads it from the request's
 *   Content-Security-Policy header), and `'strict-dynamic'` so the scripts those load (Next's chunks,
 *   Spotify's iFrame API) run too. No `'unsafe-inline'`.
 * - **cached** — pages served from Next's cache, identical for every visitor (share pages, the
 *   prerendered not-found and Spotify help pages): a nonce would make them per-request, so instead
 *   the cache handler (`cache-handler.mjs`, `inline-script-hashes.mjs`) stores with each rendered page
 *   a second policy listing the sha256 of every inline script in it, which Next sends with the page.
 *   A browser enforces both policies, and a hash list makes it ignore `'unsafe-inline'`: only this
 *   version's own inline scripts run. The `'unsafe-inline'` below is what is left if a page ever went
 *   out without its stored hashes.
 * - **none** — API responses: no inline script at all.
 */
export type ScriptPolicy = { kind: 'nonce'; nonce: string } | { kind: 'cached' } | { kind: 'none' };

export interface SecurityHeaderOptions {
  /** The request's path: share pages (`/s/…`) never send a Referer (their URL is their secret). */
  pathname: string;
  /** Spotify's embedded player (SPOTIFY_EMBED_BASE_URL): its script and the iframes it makes. */
  embedBaseUrl: string;
  /** Spotify's accounts service: where sign-in sends the browser. */
  accountsBaseUrl: string;
  /** `next dev` needs eval for React's debugging and a websocket for hot reload. */
  development: boolean;
  /** Which inline scripts may run (default: none). */
  scripts?: ScriptPolicy;
}

/**
 * Pages Next renders per request (they read the owner cookie or are `force-dynamic`); a page added
 * under app/ must be listed here or it runs under the cached-page policy (`headers.test.ts` checks
 * every page file against this list).
 */
const DYNAMIC_PAGES: RegExp[] = [
  /^\/$/u,
  /^\/library\/?$/u,
  /^\/progress\/?$/u,
  /^\/m\/[^/]+\/?$/u,
  /^\/m\/[^/]+\/(train|card)\/?$/u,
  /^\/s\/[^/]+\/card\/?$/u,
];

/** The script policy of a path: nonce for pages rendered per request, hashes for cached pages, none for the API. */
export function scriptPolicyKindFor(pathname: string): ScriptPolicy['kind'] {
  if (pathname === '/api' || pathname.startsWith('/api/')) return 'none';
  return DYNAMIC_PAGES.some((page) => page.test(pathname)) ? 'nonce' : 'cached';
}

function scriptSources(scripts: ScriptPolicy, embed: string): string[] {
  switch (scripts.kind) {
    // 'self' and the embed origin are ignored by browsers that know 'strict-dynamic' (CSP 3); they are
    // what older ones fall back to.
    case 'nonce':
      return [`'nonce-${scripts.nonce}'`, "'strict-dynamic'", "'self'", embed];
    case 'cached':
      return ["'self'", embed, "'unsafe-inline'"];
    case 'none':
      return ["'self'", embed];
  }
}

export function contentSecurityPolicy(options: SecurityHeaderOptions): string {
  const embed = new URL(options.embedBaseUrl).origin;
  const accounts = new URL(options.accountsBaseUrl).origin;
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': [...scriptSources(options.scripts ?? { kind: 'none' }, embed), ...(options.development ? ["'unsafe-eval'"] : [])],
    // React writes style attributes (chart bars, progress widths); no script can come of it.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'"],
    // Local audio files play from blob: URLs made in the browser; nothing else is media.
    'media-src': ["'self'", 'blob:'],
    'connect-src': ["'self'", ...(options.development ? ['ws:'] : [])],
    'frame-src': [embed],
    // The service worker only: the tempo detector (lib/audio) runs on the page, no worker from a blob: URL.
    'worker-src': ["'self'"],
    'manifest-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'", accounts],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${[...new Set(values)].join(' ')}`)
    .join('; ');
}

/** What a page may use: the workout keeps the screen on and plays audio; Spotify's player may autoplay. */
export function permissionsPolicy(embedBaseUrl: string): string {
  const embed = `"${new URL(embedBaseUrl).origin}"`;
  return [
    'camera=()',
    'microphone=()',
    'geolocation=()',
    'payment=()',
    'usb=()',
    'screen-wake-lock=(self)',
    `autoplay=(self ${embed})`,
    `encrypted-media=(self ${embed})`,
    `fullscreen=(self ${embed})`,
    `picture-in-picture=(self ${embed})`,
  ].join(', ');
}

export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(options),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    // A share link's URL is its secret: share pages send no Referer at all; others only to this origin.
    'Referrer-Policy': isSharePath(options.pathname) ? 'no-referrer' : 'same-origin',
    'Permissions-Policy': permissionsPolicy(options.embedBaseUrl),
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

export function isSharePath(pathname: string): boolean {
  return pathname === '/s' || pathname.startsWith('/s/') || pathname.startsWith('/api/share/');
}
