import { AppError } from '../errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses a state-changing request a browser sent from another site (the victim's cookie rides
 * along with a cross-site form or fetch). Browsers mark every request with `Sec-Fetch-Site`, and
 * every non-GET request with `Origin`; a request with neither comes from a program that holds no
 * one else's cookie. `same-site` (a sibling subdomain, another port) is refused too: SameSite=Lax
 * does not stop those.
 *
 * `allowedOrigins` are origins that are ours besides the request's own host (e.g. NEXTAUTH_URL
 * behind a proxy that rewrites Host).
 */
export function assertSameOrigin(request: Request, allowedOrigins: readonly string[] = []): void {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return;
  const fetchSite = request.headers.get('sec-fetch-site');
  if (fetchSite !== null) {
    if (fetchSite === 'same-origin' || fetchSite === 'none') return;
    throw crossSite();
  }
  const origin = request.headers.get('origin');
  if (origin === null) return;
  if (!isOwnOrigin(origin, request, allowedOrigins)) throw crossSite();
}

function isOwnOrigin(origin: string, request: Request, allowedOrigins: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false; // `null` (sandboxed frames, data: URLs) and garbage are never ours
  }
  if (allowedOrigins.includes(parsed.origin)) return true;
  const host = request.headers.get('host') ?? new URL(request.url).host;
  return parsed.host === host;
}

function crossSite(): AppError {
  return new AppError('forbidden', 'This request came from another site; nothing was changed.');
}

/** A JSON body must come as `application/json` (checked where a route reads one); anything else is 415. */
export function assertJsonBody(request: Request): void {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new AppError('unsupported_media_type', 'Send the request body as JSON (content-type: application/json).');
  }
}
