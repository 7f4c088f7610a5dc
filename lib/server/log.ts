import { randomUUID } from 'node:crypto';

/** Path segments that are secrets in themselves (share tokens): logged as a placeholder. */
const SECRET_SEGMENTS = /\/(s|share)\/[^/?#]+/g;
const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** A request path as it may be logged: no query string, share tokens replaced. */
export function loggablePath(url: string): string {
  const { pathname } = new URL(url, 'http://localhost');
  return pathname.replace(SECRET_SEGMENTS, '/$1/:token');
}

/** The load balancer's request id (x-request-id) when it sends a sane one, else a new one. */
export function requestIdOf(request: Request): string {
  return saneRequestId(request.headers.get('x-request-id')) ?? randomUUID();
}

/** A request id as given, if it is one (word characters, `.:-`, up to 128): never a header injection or a log line of its own. */
export function saneRequestId(given: unknown): string | null {
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : null;
}

export type LogLevel = 'info' | 'warn' | 'error';

/**
 * One JSON line on stdout (info) or stderr (warn, error). Never pass a token, cookie or secret.
 * Info lines (one per request) go to the stream itself: `console` under `next start` goes through
 * Next's wrappers, a measurable share of serving a cached page.
 */
export function logLine(level: LogLevel, message: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields });
  if (level === 'info') process.stdout.write(`${line}\n`);
  else console.error(line);
}

/** An error as it may be logged: its kind, its message without query parameters, where it was thrown. */
export function loggableError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: typeof error };
  // Drizzle puts a failed query's parameters (tokens among them) after "params:".
  const detail = error.message.split(/\nparams:/)[0];
  const at = (error.stack ?? '').split('\n').filter((l) => l.trimStart().startsWith('at ')).slice(0, 8).map((l) => l.trim());
  return { error: error.name, detail, at };
}
