import { z } from 'zod';
import { AppError, STATUS_BY_CODE, type FieldProblem } from './errors';
import { logLine, loggableError, loggablePath, requestIdOf } from './log';

const MAX_BODY_BYTES = 256 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads and validates a JSON body; a failure is an AppError naming the field and the rule. */
export async function parseJsonBody<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T>> {
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
    throw new AppError('payload_too_large', `The request body is over ${MAX_BODY_BYTES / 1024} KiB.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('malformed_request', 'The request body is not valid JSON.', [{ field: 'body', message: 'send a JSON object' }]);
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

/** Ids are UUIDs; anything else cannot name a montage, so it is simply not found. */
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
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    return json(
      { error: { code: error.code, message: error.message, problems: error.problems } },
      { status: STATUS_BY_CODE[error.code] },
    );
  }
  return json({ error: { code: 'internal', message: 'Something went wrong on our side. Nothing was saved; try again.' } }, { status: 500 });
}

/** Wraps a route handler so every failure becomes a clear JSON answer. */
export function handler<A extends unknown[]>(fn: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    const request = args[0] instanceof Request ? args[0] : null;
    const requestId = request ? requestIdOf(request) : undefined;
    const startedAt = performance.now();
    let response: Response;
    let failure: unknown;
    try {
      response = await fn(...args);
    } catch (error) {
      failure = error;
      response = errorResponse(error);
    }
    if (request) {
      const fields = { requestId, method: request.method, path: loggablePath(request.url), status: response.status, durationMs: Math.round(performance.now() - startedAt) };
      if (response.status >= 500) logLine('error', 'request failed', { ...fields, ...loggableError(failure) });
      else logLine('info', 'request', fields);
      try {
        response.headers.set('x-request-id', requestId!);
      } catch {
        // a response whose headers are immutable (a redirect) goes out as it is
      }
    }
    return response;
  };
}
