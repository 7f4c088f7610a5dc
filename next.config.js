import { fileURLToPath } from 'node:url';
import { exitUnlessSupportedNode } from './lib/server/supported-node.mjs';

// `next build`, `next dev` and `next start` all load this first: none runs on a Node.js Montage does not support.
exitUnlessSupportedNode();

// With Redis, every process shares Next's cache (pages, route handler responses) and its
// invalidation; without it, Next's own per-process file-system cache is used. Both go through
// cache-handler.mjs, which stores each cached page with the hashes of its inline scripts (its CSP).
const isCacheShared = Boolean(process.env.REDIS_URL);

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at run time.
  serverExternalPackages: ['@electric-sql/pglite', 'pg', '@redis/client', '@fortedigital/nextjs-cache-handler', 'pg-boss', 'rate-limiter-flexible'],
  poweredByHeader: false,
  cacheHandler: fileURLToPath(new URL('./cache-handler.mjs', import.meta.url)),
  ...(isCacheShared && { cacheMaxMemorySize: 0 }),
  // Next hashes every HTML response it sends for an ETag, in JavaScript, on every request: a fifth of
  // the CPU of serving a cached share page (profiled). The pages that are cached say so with
  // Cache-Control (s-maxage) and the others are private, no-store: nothing revalidates by ETag.
  generateEtags: false,
  // The service worker is checked for updates on every visit; it is never served from a cache.
  async headers() {
    return [
      { source: '/sw.js', headers: [{ key: 'Cache-Control', value: 'no-cache' }] },
      // Everything else security-related is set per request in proxy.ts (it reads the configured origins).
      { source: '/_next/static/:path*', headers: [{ key: 'X-Content-Type-Options', value: 'nosniff' }] },
      // Shared links are open to crawlers (robots.txt) so that link previews work; every response
      // under /s/ (page, preview image, card, watch file) tells search engines not to index it.
      { source: '/s/:path*', headers: [{ key: 'X-Robots-Tag', value: 'noindex, nofollow' }] },
    ];
  },
};

export default nextConfig;
