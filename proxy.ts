import { NextResponse, type NextRequest } from 'next/server';
import { env } from './lib/server/env';
import { requestIdOf } from './lib/server/log';
import { isSharePath, scriptPolicyKindFor, securityHeaders, type ScriptPolicy } from './lib/server/security/headers';

/** 128 random bits, base64: a fresh one for every page rendered per request. */
function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}

function headersFor(pathname: string, scripts: ScriptPolicy): Record<string, string> {
  return securityHeaders({
    pathname,
    embedBaseUrl: env.SPOTIFY_EMBED_BASE_URL,
    accountsBaseUrl: env.SPOTIFY_ACCOUNTS_BASE_URL,
    development: env.NODE_ENV === 'development',
    scripts,
  });
}

/** Without a nonce the headers depend only on the policy's kind and on whether the path is a share link's: built once each. */
const fixedHeaders = new Map<string, Record<string, string>>();
function fixedHeadersFor(pathname: string, scripts: ScriptPolicy): Record<string, string> {
  const key = `${scripts.kind}:${isSharePath(pathname)}`;
  let headers = fixedHeaders.get(key);
  if (!headers) fixedHeaders.set(key, (headers = headersFor(pathname, scripts)));
  return headers;
}

/**
 * Adds the security headers to every response (pages, route handlers, cached share pages alike)
 * and gives every request an id (the balancer's `x-request-id`, or a new one) that the logs and
 * the response carry. Pages rendered per request get a nonce; cached pages none (it would make
 * them per-request): their inline scripts are allowed by hash (lib/server/security/headers.ts).
 */
export function proxy(request: NextRequest): NextResponse {
  const { pathname } = request.nextUrl;
  const requestId = requestIdOf(request);
  const kind = scriptPolicyKindFor(pathname);
  const scripts: ScriptPolicy = kind === 'nonce' ? { kind, nonce: newNonce() } : { kind };
  const headers = kind === 'nonce' ? headersFor(pathname, scripts) : fixedHeadersFor(pathname, scripts);
  const forwarded = new Headers(request.headers);
  forwarded.set('x-request-id', requestId);
  // Next reads the nonce from the request's policy and puts it on every script it renders. Any
  // policy a client sent is dropped: it must not plant its own nonce in a page that gets cached.
  forwarded.delete('content-security-policy');
  forwarded.delete('content-security-policy-report-only');
  if (scripts.kind === 'nonce') forwarded.set('content-security-policy', headers['Content-Security-Policy']!);
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  response.headers.set('x-request-id', requestId);
  return response;
}

export const config = {
  // Build assets are immutable files named by their hash: next.config.js gives them nosniff.
  matcher: ['/((?!_next/static|_next/image).*)'],
};
