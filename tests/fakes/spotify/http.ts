import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeSpotifyState } from './state';

/** What the fake records of each request: enough to count requests and check them against the spec. */
export interface FakeRequestRecord {
  seq: number;
  method: string;
  /** Path without the query, e.g. `/v1/me/tracks`. */
  path: string;
  /** Query parameters (a repeated name keeps its last value). */
  query: Record<string, string>;
  status: number;
  /** Who the bearer token belonged to: a user, the app (client credentials), or none. */
  tokenKind: 'user' | 'app' | null;
  userId: string | null;
  /** Parsed JSON or form body, when there was one. */
  requestBody?: unknown;
  /** The answer's body (JSON parsed, HTML as text); only with `captureBodies`. */
  responseBody?: unknown;
  responseContentType?: string;
  /** Name of the injected fault that answered, if any. */
  fault?: string;
  /** The client hung up before the answer was written (e.g. its timeout fired). */
  isClientAborted: boolean;
}

export interface FakeOptions {
  accessTokenLifetimeSec: number;
  refreshTokenLifetimeSec: number | null;
  authorizationCodeLifetimeSec: number;
  /**
   * Whether a refresh answers with a new refresh token (the old one then stops working). Spotify
   * sometimes does and sometimes not: a function of the fake's refresh count (1, 2, 3…) says
   * which, deterministically, e.g. `(n) => n % 2 === 0`.
   */
  rotateRefreshTokens: boolean | ((refreshNumber: number) => boolean);
  captureBodies: boolean;
  /** Playlist objects carry `description: null` (lists: an empty one), as Spotify may answer. */
  nullDescriptions: boolean;
}

export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  path: string;
  query: URLSearchParams;
  rawBody: string;
  origin: string;
  state: FakeSpotifyState;
  options: FakeOptions;
  record: FakeRequestRecord;
  /** Set by an "after applying" fault: the handler runs, then this answer replaces its own. */
  override: { status: number; body: unknown; headers?: Record<string, string>; fault: string } | null;
  /** Set by a "slow, applied first" fault: the answer, already decided, is written only after this wait. */
  delayAnswer: ((write: () => void) => void) | null;
}

export function sendJson(ctx: Ctx, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (ctx.override) {
    const { override } = ctx;
    ctx.override = null;
    ctx.record.fault = override.fault;
    sendJson(ctx, override.status, override.body, override.headers);
    return;
  }
  const text = body === undefined ? '' : JSON.stringify(body);
  ctx.record.status = status;
  if (ctx.options.captureBodies) {
    ctx.record.responseBody = body;
    ctx.record.responseContentType = text ? 'application/json' : undefined;
  }
  const send = () => write(ctx.res, status, text, { ...(text ? { 'Content-Type': 'application/json; charset=utf-8' } : {}), ...headers });
  if (ctx.delayAnswer) ctx.delayAnswer(send);
  else send();
}

export function sendHtml(ctx: Ctx, status: number, html: string): void {
  ctx.record.status = status;
  if (ctx.options.captureBodies) {
    ctx.record.responseBody = html;
    ctx.record.responseContentType = 'text/html';
  }
  write(ctx.res, status, html, { 'Content-Type': 'text/html; charset=utf-8' });
}

export function redirect(ctx: Ctx, location: string): void {
  ctx.record.status = 303;
  write(ctx.res, 303, '', { Location: location });
}

/** The Web API's error body: `{ error: { status, message } }` (the reference's ErrorObject). */
export function apiError(ctx: Ctx, status: number, message: string, headers: Record<string, string> = {}, extra: Record<string, unknown> = {}): void {
  sendJson(ctx, status, { error: { status, message, ...extra } }, headers);
}

/** The accounts service's OAuth error body (RFC 6749 §5.2). */
export function oauthError(ctx: Ctx, status: number, error: string, description: string): void {
  sendJson(ctx, status, { error, error_description: description });
}

function write(res: ServerResponse, status: number, text: string, headers: Record<string, string>): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'Cache-Control': 'private, max-age=0', 'Content-Length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** Reads the body as JSON; null when it is not JSON (the caller answers 400). */
export function jsonBody(ctx: Ctx): Record<string, unknown> | null {
  if (ctx.rawBody.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(ctx.rawBody);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** An integer query parameter within bounds, the default when absent, or null when invalid. */
export function intParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number | null {
  const raw = query.get(name);
  if (raw === null) return fallback;
  if (!/^-?\d+$/.test(raw)) return null;
  const value = Number(raw);
  return value < min || value > max ? null : value;
}
