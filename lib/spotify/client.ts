import authenticationRequest from 'spotify-web-api-node/src/authentication-request.js';
import type { QueryValue, SpotifyLibraryRequest } from 'spotify-web-api-node/src/base-request.js';
import webApiRequest from 'spotify-web-api-node/src/webapi-request.js';
import { SPOTIFY_MESSAGES, SpotifyError } from './errors';
import type { RawApiErrorBody, RawAuthErrorBody } from './raw-types';

/**
 * The adapter's HTTP client: it only speaks HTTP to the two Spotify services and applies the
 * retry policy. It knows nothing of sessions, databases or Montage's types.
 *
 * How spotify-web-api-node is used: its request model (`WebApiRequest.builder(token)` and
 * `AuthenticationRequest.builder()`, i.e. src/base-request.js) describes every request — path,
 * query, headers, bearer auth, body — and we point it at the configured base URLs with
 * `withScheme/withHost/withPort/withPath`. Not used, and why:
 * - its endpoint methods (`getMe`, `searchTracks`, `getMySavedTracks`, `createPlaylist`...) build
 *   their requests inside with the hosts hard-coded, so they cannot reach a configured host; and
 *   several know only removed forms (`addTracksToPlaylist`/`replaceTracksInPlaylist` use
 *   /playlists/{id}/tracks, `searchTracks` uses `/v1/search/`, `authorizationCodeGrant` cannot
 *   send a PKCE `code_verifier`);
 * - its transport (`HttpManager`, superagent 6) takes no timeout or abort signal, so a hung
 *   request could never end; requests are sent with fetch and `AbortSignal.timeout` instead.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT';

export interface BearerTokens {
  getAccessToken(): Promise<string>;
  /** Called at most once per request, after a 401, with the token Spotify refused; returns a fresh one. */
  refreshAccessToken?(rejectedToken: string): Promise<string>;
}

export type RequestAuth =
  /** `Authorization: Bearer <token>` (user or app token). */
  | { kind: 'bearer'; tokens: BearerTokens }
  /** `Authorization: Basic base64(client_id:client_secret)`, for the accounts service. */
  | { kind: 'client' }
  /** Public-client (PKCE) token requests carry `client_id` in the body instead. */
  | { kind: 'none' };

export interface SpotifyRequest {
  service: 'api' | 'accounts';
  method: HttpMethod;
  /** Path below the service's base URL, e.g. `/v1/me` or `/api/token`. */
  path: string;
  query?: Record<string, QueryValue>;
  json?: object;
  form?: Record<string, string>;
  auth: RequestAuth;
  /**
   * May the request be sent again after a 5xx, timeout or network failure? Defaults to true for
   * GET and PUT, false for POST: a POST that may have been applied is reported with
   * `mayHaveApplied` for the caller to reconcile, never blindly repeated.
   */
  idempotent?: boolean;
}

export interface SpotifyResponse<T> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RetryPolicy {
  /** 429 answers retried after waiting Retry-After. */
  maxRateLimitRetries: number;
  /** A Retry-After longer than this is not waited for: the request fails with `rate_limited`. */
  maxRetryAfterSec: number;
  /** Used when a 429 carries no Retry-After. */
  defaultRetryAfterSec: number;
  /** 5xx, timeouts and network failures retried (idempotent requests only). */
  maxServerRetries: number;
  /** Backoff before server retry n (0-based): min(base × 2ⁿ, max). */
  baseBackoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRateLimitRetries: 3,
  maxRetryAfterSec: 30,
  defaultRetryAfterSec: 1,
  maxServerRetries: 3,
  baseBackoffMs: 500,
  maxBackoffMs: 8_000,
};

export const DEFAULT_TIMEOUT_MS = 10_000;

/** One HTTP exchange, reported to `onAttempt` (logging, metrics). Status null: timeout or network failure. */
export interface AttemptRecord {
  method: HttpMethod;
  service: 'api' | 'accounts';
  path: string;
  status: number | null;
  durationMs: number;
}

export interface SpotifyClientConfig {
  /** Web API origin, e.g. `https://api.spotify.com` (paths start with `/v1`). */
  apiBaseUrl: string;
  /** Accounts service origin, e.g. `https://accounts.spotify.com`. */
  accountsBaseUrl: string;
  clientId: string;
  clientSecret?: string;
  fetchImpl?: typeof fetch;
  /** Waits between retries; injectable so tests need not wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Per attempt, from sending the request to the end of the body. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  onAttempt?: (record: AttemptRecord) => void;
}

export interface SpotifyClient {
  readonly clientId: string;
  readonly hasClientSecret: boolean;
  readonly policy: RetryPolicy;
  send<T>(request: SpotifyRequest): Promise<SpotifyResponse<T>>;
  /** Waits as configured (tests inject a recorder). */
  sleep(ms: number): Promise<void>;
  /** Backoff before server retry n (0-based). */
  backoffMs(n: number): number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createSpotifyClient(config: SpotifyClientConfig): SpotifyClient {
  const bases = { api: parseBaseUrl(config.apiBaseUrl, 'apiBaseUrl'), accounts: parseBaseUrl(config.accountsBaseUrl, 'accountsBaseUrl') };
  const fetchImpl = config.fetchImpl ?? fetch;
  const sleep = config.sleep ?? realSleep;
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...config.retry };
  const basicAuth = config.clientSecret
    ? `Basic ${Buffer.from(`${config.clientId}:${config.clientSecret}`).toString('base64')}`
    : null;

  const backoffMs = (n: number) => Math.min(policy.baseBackoffMs * 2 ** n, policy.maxBackoffMs);

  async function attempt(request: SpotifyRequest, token: string | null): Promise<Outcome> {
    const libraryRequest = buildLibraryRequest(bases[request.service], request, token, basicAuth);
    const { url, init } = toFetch(libraryRequest, request.method);
    const started = Date.now();
    let outcome: Outcome;
    try {
      const response = await fetchImpl(url, { ...init, signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
      const text = await response.text();
      outcome = { kind: 'answered', status: response.status, headers: response.headers, body: parseBody(text) };
    } catch (error) {
      outcome = { kind: 'failed', timedOut: isTimeout(error), error };
    }
    config.onAttempt?.({
      method: request.method,
      service: request.service,
      path: request.path,
      status: outcome.kind === 'answered' ? outcome.status : null,
      durationMs: Date.now() - started,
    });
    return outcome;
  }

  async function send<T>(request: SpotifyRequest): Promise<SpotifyResponse<T>> {
    if (request.auth.kind === 'client' && !basicAuth) {
      throw new SpotifyError('invalid_client', SPOTIFY_MESSAGES.invalid_client, { detail: 'no client secret configured' });
    }
    const idempotent = request.idempotent ?? request.method !== 'POST';
    let hasRefreshed = false;
    let rateLimitRetries = 0;
    let serverRetries = 0;
    for (;;) {
      const token = request.auth.kind === 'bearer' ? await request.auth.tokens.getAccessToken() : null;
      const outcome = await attempt(request, token);

      if (outcome.kind === 'failed') {
        if (idempotent && serverRetries < policy.maxServerRetries) {
          await sleep(backoffMs(serverRetries++));
          continue;
        }
        throw new SpotifyError('unavailable', SPOTIFY_MESSAGES.unavailable, {
          mayHaveApplied: !idempotent,
          detail: outcome.timedOut ? `no answer within ${timeoutMs} ms` : describe(outcome.error),
          cause: outcome.error,
        });
      }

      const { status, body, headers } = outcome;
      if (status >= 200 && status < 300) return { status, body: body as T, headers };

      if (status === 401 && request.auth.kind === 'bearer' && token !== null && !hasRefreshed && request.auth.tokens.refreshAccessToken) {
        hasRefreshed = true;
        await request.auth.tokens.refreshAccessToken(token);
        continue;
      }

      if (status === 429) {
        if (isQuotaExceeded(body)) {
          throw new SpotifyError('quota_exceeded', SPOTIFY_MESSAGES.quota_exceeded, { status, detail: describeBody(body) });
        }
        const retryAfterSec = parseRetryAfter(headers.get('retry-after')) ?? policy.defaultRetryAfterSec;
        if (rateLimitRetries < policy.maxRateLimitRetries && retryAfterSec <= policy.maxRetryAfterSec) {
          rateLimitRetries += 1;
          await sleep(retryAfterSec * 1000);
          continue;
        }
        throw new SpotifyError('rate_limited', SPOTIFY_MESSAGES.rate_limited(retryAfterSec), {
          status,
          retryAfterSec,
          detail: describeBody(body),
        });
      }

      if (status >= 500) {
        if (idempotent && serverRetries < policy.maxServerRetries) {
          const retryAfterSec = parseRetryAfter(headers.get('retry-after'));
          const wait = retryAfterSec !== null && retryAfterSec <= policy.maxRetryAfterSec ? retryAfterSec * 1000 : backoffMs(serverRetries);
          serverRetries += 1;
          await sleep(wait);
          continue;
        }
        throw new SpotifyError('unavailable', SPOTIFY_MESSAGES.unavailable, {
          status,
          mayHaveApplied: !idempotent,
          detail: describeBody(body),
        });
      }

      throw toClientError(request, status, body);
    }
  }

  return { clientId: config.clientId, hasClientSecret: basicAuth !== null, policy, send, sleep, backoffMs };
}

type Outcome =
  | { kind: 'answered'; status: number; headers: Headers; body: unknown }
  | { kind: 'failed'; timedOut: boolean; error: unknown };

interface BaseUrl {
  scheme: string;
  host: string;
  port: number;
  /** Path prefix without a trailing slash ('' for an origin). */
  prefix: string;
}

function parseBaseUrl(value: string, name: string): BaseUrl {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`${name} must be an absolute URL, got "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError(`${name} must be http(s), got "${value}"`);
  const scheme = url.protocol.slice(0, -1);
  return {
    scheme,
    host: url.hostname,
    port: url.port ? Number(url.port) : scheme === 'https' ? 443 : 80,
    prefix: url.pathname.replace(/\/+$/, ''),
  };
}

function buildLibraryRequest(base: BaseUrl, request: SpotifyRequest, token: string | null, basicAuth: string | null): SpotifyLibraryRequest {
  const builder = (request.service === 'api' ? webApiRequest.builder(token ?? undefined) : authenticationRequest.builder())
    .withScheme(base.scheme)
    .withHost(base.host)
    .withPort(base.port)
    .withPath(base.prefix + request.path);
  if (request.service === 'accounts' && token !== null) builder.withAuth(token);
  if (request.auth.kind === 'client' && basicAuth) builder.withHeaders({ Authorization: basicAuth });
  if (request.query) builder.withQueryParameters(request.query);
  if (request.json !== undefined) builder.withHeaders({ 'Content-Type': 'application/json' }).withBodyParameters(request.json);
  if (request.form) builder.withHeaders({ 'Content-Type': 'application/x-www-form-urlencoded' }).withBodyParameters(request.form);
  return builder.build();
}

/**
 * The library request as fetch arguments. The query is encoded with URLSearchParams: the
 * library's own `getURL()` joins values unencoded, which breaks search queries.
 */
function toFetch(request: SpotifyLibraryRequest, method: HttpMethod): { url: string; init: RequestInit } {
  const url = new URL(request.getURI());
  for (const [key, value] of Object.entries(request.getQueryParameters() ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  const headers: Record<string, string> = { Accept: 'application/json', ...request.getHeaders() };
  const contentType = headers['Content-Type'];
  const bodyParameters = request.getBodyParameters();
  let body: string | undefined;
  if (contentType === 'application/json') body = JSON.stringify(bodyParameters ?? {});
  else if (contentType === 'application/x-www-form-urlencoded') body = new URLSearchParams(bodyParameters as Record<string, string>).toString();
  return { url: url.toString(), init: { method, headers, body } };
}

function parseBody(text: string): unknown {
  if (text.length === 0) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** Seconds from a Retry-After header: delta-seconds or an HTTP date. Null when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number = Date.now()): number | null {
  if (value === null || value.trim() === '') return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - nowMs) / 1000));
}

/**
 * Development Mode apps get a 429 whose body names the reason QUOTA_EXCEEDED; waiting a
 * Retry-After does not lift it. Spotify's exact field is not documented in the reference, so
 * `error.reason` and the message are both read.
 */
export function isQuotaExceeded(body: unknown): boolean {
  if (typeof body === 'string') return body.includes('QUOTA_EXCEEDED');
  if (!isApiErrorBody(body)) return false;
  return body.error.reason === 'QUOTA_EXCEEDED' || /\bQUOTA_EXCEEDED\b/.test(body.error.message);
}

function isApiErrorBody(body: unknown): body is RawApiErrorBody {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string';
}

function isAuthErrorBody(body: unknown): body is RawAuthErrorBody {
  return typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'string';
}

function describeBody(body: unknown): string {
  if (isApiErrorBody(body)) return body.error.message;
  if (isAuthErrorBody(body)) return body.error_description ? `${body.error}: ${body.error_description}` : body.error;
  if (typeof body === 'string') return body.slice(0, 200);
  return body === null ? '(empty body)' : JSON.stringify(body).slice(0, 200);
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}

function toClientError(request: SpotifyRequest, status: number, body: unknown): SpotifyError {
  const detail = describeBody(body);
  if (request.service === 'accounts' && isAuthErrorBody(body)) {
    if (body.error === 'invalid_grant') return new SpotifyError('reconnect_required', SPOTIFY_MESSAGES.reconnect_required, { status, detail });
    if (body.error === 'invalid_client' || body.error === 'unauthorized_client') {
      return new SpotifyError('invalid_client', SPOTIFY_MESSAGES.invalid_client, { status, detail });
    }
  }
  if (status === 401) return new SpotifyError('unauthorized', SPOTIFY_MESSAGES.unauthorized, { status, detail });
  const reason = isApiErrorBody(body) ? body.error.reason : undefined;
  if (status === 403 && reason === 'PREMIUM_REQUIRED') return new SpotifyError('premium_required', SPOTIFY_MESSAGES.premium_required, { status, detail });
  if (status === 403) return new SpotifyError('forbidden', SPOTIFY_MESSAGES.forbidden, { status, detail });
  if (status === 404 && reason === 'NO_ACTIVE_DEVICE') return new SpotifyError('no_active_device', SPOTIFY_MESSAGES.no_active_device, { status, detail });
  if (status === 404) return new SpotifyError('not_found', SPOTIFY_MESSAGES.not_found, { status, detail });
  return new SpotifyError('bad_request', SPOTIFY_MESSAGES.bad_request, { status, detail });
}
