/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at run time.
  serverExternalPackages: ['@electric-sql/pglite', 'pg', 'rate-limiter-flexible', 'ioredis'],
  poweredByHeader: false,
  // The service worker is checked for updates on every visit; it is never served from a cache.
  async headers() {
    return [
      { source: '/sw.js', headers: [{ key: 'Cache-Control', value: 'no-cache' }] },
      // Everything else security-related is set per request in proxy.ts (it reads the configured origins).
      { source: '/_next/static/:path*', headers: [{ key: 'X-Content-Type-Options', value: 'nosniff' }] },
    ];
  },
};

export default nextConfig;
