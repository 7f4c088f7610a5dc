import { z } from 'zod';
import { env } from './env';
import { AppError, STATUS_BY_CODE, type FieldProblem } from './errors';
import { logLine, loggableError, loggablePath, requestIdOf } from './log';
import { readBodyText } from './security/body';
import { appErrorFromDatabase } from './security/db-errors';
import { hasControlCharacters } from './security/text';
import { assertJsonBody, assertSameOrigin } from './security/same-origin';

const MAX_BODY_BYTES = 256 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Reads and validates a JSON body; a failure is an AppError naming the field and the rule. */
export async function parseJsonBody<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T>> {
  // A JSON body must say so: `text/plain` and form bodies are what cross-site forms and no-preflight fetches send.
  assertJsonBody(request);
  const text = await readBodyText(request, MAX_BODY_BYTES);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('malformed_request', 'The request body is not valid JSON.', [{ field: 'body', message: 'send a JSON object' }]);
  }
  // PostgreSQL text cannot hold NUL, and no name, cue or id needs a control character.
  const controlAt = hasControlCharacters(json);
  if (controlAt !== null) {
    throw new AppError('invalid_input', `Invalid request: ${controlAt}: must not contain control characters`, [
      { field: controlAt, message: 'must not contain control characters' },
    ]);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const problems: FieldProblem[] = parsed.error.issues.map((issue) => ({
      field: issue.path.length > 0 ? issue.path.join('.') : 'body',
      message: issue.message,
    }));
    const summary = problems.map((p) => `${p.field}: ${p.message}`).join('; ');
    throw new AppError('invalid_input', `Invalid request: ${summary}`, problems);
  }
  return parsed.data;
}

/** Ids are lower-case UUIDs (as the database writes them); anything else cannot name a montage, so it is simply not found. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function json(body: unknown, init: ResponseInit & { setCookie?: string | null } = {}): Response {
  const { setCookie, ...rest } = init;
  const headers = new Headers(rest.headers);
  headers.set('content-type', 'application/json; charset=utf-8');
  headers.set('cache-control', 'no-store');
  if (setCookie) headers.append('set-cookie', setCookie);
  return new Response(JSON.stringify(body), { ...rest, headers });
}

/** Maps an error to a response: our codes to their statuses, anything else to a logged 500. */
export function errorResponse(caught: unknown): Response {
  const error = caught instanceof AppError ? caught : (appErrorFromDatabase(caught) ?? caught);
  if (error instanceof AppError) {
    const retryAfterSec = (error as AppError & { retryAfterSec?: number }).retryAfterSec;
    return json(
      { error: { code: error.code, message: error.message, problems: error.problems } },
      { status: STATUS_BY_CODE[error.code], headers: retryAfterSec === undefined ? undefined : { 'retry-after': String(retryAfterSec) } },
    );
  }
  return json({ error: { code: 'internal', message: 'Something went wrong on our side. Nothing was saved; try again.' } }, { status: 500 });
}

/** Origins that are ours besides the request's own host: the public URL when a proxy rewrites Host. */
const OWN_ORIGINS = env.NEXTAUTH_URL ? [new URL(env.NEXTAUTH_URL).origin] : [];

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Wraps a route handler so every failure becomes a clear JSON answer, a state-changing request
 * from another site is refused before it reaches the handler, and every write counts against its
 * client's `write` limit (a route that counts its own items, such as one track per file, says
 * `ownWriteLimit`).
 */
export function handler<A extends unknown[]>(fn: (...args: A) => Promise<Response>, options: { ownWriteLimit?: boolean } = {}): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    const request = args[0] instanceof Request ? args[0] : null;
    const requestId = request ? requestIdOf(request) : undefined;
    const startedAt = performance.now();
    let response: Response;
    let failure: unknown;
    try {
      if (request) assertSameOrigin(request, OWN_ORIGINS);
      if (request && !READ_METHODS.has(request.method) && !options.ownWriteLimit) {
        const { limitRequest } = await import('./security/rate-limit');
        await limitRequest(request, 'write', null);
      }
      response = await fn(...args);
    } catch (error) {
      failure = error;
      response = errorResponse(error);
    }
    if (request) {
      // Every request gets its access line from lib/server/access-log.ts; a failure adds what went wrong.
      if (response.status >= 500) {
        const fields = { requestId, method: request.method, path: loggablePath(request.url), status: response.status, durationMs: Math.round(performance.now() - startedAt) };
        logLine('error', 'request failed', { ...fields, ...loggableError(failure) });
      }
      try {
        response.headers.set('x-request-id', requestId!);
      } catch {
        // a response whose headers are immutable (a redirect) goes out as it is
      }
    }
    return response;
  };
}
