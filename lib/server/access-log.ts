import { subscribe } from 'node:diagnostics_channel';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { logLine, loggablePath, saneRequestId } from './log';

interface HttpMessage {
  request: IncomingMessage;
  response: ServerResponse;
}

const globalForLog = globalThis as unknown as { montageAccessLog?: boolean };

/**
 * One JSON line per request the process answers (pages, cached share pages, route handlers, build
 * assets alike), written when the response has been sent: request id (the one proxy.ts gave the
 * response, i.e. the balancer's `x-request-id` or a new one), method, path without its query and
 * with share tokens replaced, status and duration. Node's own diagnostics channels report every
 * request of every HTTP server in the process, which is what `next start` is.
 */
export function startAccessLog(): void {
  if (globalForLog.montageAccessLog) return;
  globalForLog.montageAccessLog = true;
  const startedAt = new WeakMap<IncomingMessage, number>();
  subscribe('http.server.request.start', (message) => {
    startedAt.set((message as HttpMessage).request, performance.now());
  });
  subscribe('http.server.response.finish', (message) => {
    const { request, response } = message as HttpMessage;
    const started = startedAt.get(request);
    logLine('info', 'request', {
      requestId: saneRequestId(response.getHeader('x-request-id')) ?? saneRequestId(request.headers['x-request-id']) ?? randomUUID(),
      method: request.method,
      path: loggablePath(request.url ?? '/'),
      status: response.statusCode,
      durationMs: started === undefined ? null : Math.round(performance.now() - started),
    });
  });
}
