import { NextResponse, type NextRequest } from 'next/server';
import { env } from './lib/server/env';
import { securityHeaders } from './lib/server/security/headers';

/**
 * Adds the security headers to every response (pages, route handlers, cached share pages alike).
 * The headers hold no per-request nonce, so no page is made dynamic by them.
 */
export function proxy(request: NextRequest): NextResponse {
  const response = NextResponse.next();
  const headers = securityHeaders({
    pathname: request.nextUrl.pathname,
    embedBaseUrl: env.SPOTIFY_EMBED_BASE_URL,
    accountsBaseUrl: env.SPOTIFY_ACCOUNTS_BASE_URL,
    development: env.NODE_ENV === 'development',
  });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Build assets are immutable files named by their hash: next.config.js gives them nosniff.
  matcher: ['/((?!_next/static|_next/image).*)'],
};
