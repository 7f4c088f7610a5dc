/**
 * The security headers of every response. Pure: the origins come from configuration.
 *
 * The CSP holds without nonces, so a page served from cache keeps its headers and stays static:
 * scripts come from this origin (Next's chunks) and Spotify's embed only; nothing may be framed
 * by another site, no plugin, no <base> hijack, forms post only here (and to Spotify's sign-in).
 * `'unsafe-inline'` stays in script-src for one reason: the App Router inlines each page's RSC
 * payload (`self.__next_f.push(…)`), which differs per page and per version, so no static header
 * can list its hashes; we add no inline script of our own, and React escapes what we render.
 */
export interface SecurityHeaderOptions {
  /** The request's path: share pages (`/s/…`) never send a Referer (their URL is their secret). */
  pathname: string;
  /** Spotify's embedded player (SPOTIFY_EMBED_BASE_URL): its script and the iframes it makes. */
  embedBaseUrl: string;
  /** Spotify's accounts service: where sign-in sends the browser. */
  accountsBaseUrl: string;
  /** `next dev` needs eval for React's debugging and a websocket for hot reload. */
  development: boolean;
}

export function contentSecurityPolicy(options: SecurityHeaderOptions): string {
  const embed = new URL(options.embedBaseUrl).origin;
  const accounts = new URL(options.accountsBaseUrl).origin;
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'", "'unsafe-inline'", embed, ...(options.development ? ["'unsafe-eval'"] : [])],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'"],
    // Local audio files play from blob: URLs made in the browser; nothing else is media.
    'media-src': ["'self'", 'blob:'],
    'connect-src': ["'self'", ...(options.development ? ['ws:'] : [])],
    'frame-src': [embed],
    // The service worker, and the tempo detector's worker, which web-audio-beat-detector starts from a blob: URL.
    'worker-src': ["'self'", 'blob:'],
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
