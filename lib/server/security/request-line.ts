import { Server, type IncomingMessage, type ServerResponse } from 'node:http';

const installed = Symbol.for('montage.request-line');

/** The headers every answer of ours carries, for the few this file gives before Next sees the request. */
const REFUSAL_HEADERS = {
  'content-type': 'text/plain; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

/**
 * What the request line may hold before Next reads it (issue 31, items 9 and 12): an absolute-form
 * target (`GET http://evil.example/… HTTP/1.1`, for proxies only) becomes its path, so Next never
 * answers with a redirect to that host; a path with a percent escape that is no UTF-8
 * (`%ED%A0%80`) is a 400 with our headers, where Next answered a plain 500 without them.
 * Returns false when it answered the request itself.
 */
export function normaliseRequestLine(request: IncomingMessage, response: ServerResponse): boolean {
  const target = request.url ?? '/';
  if (!target.startsWith('/')) {
    try {
      const url = new URL(target);
      request.url = `${url.pathname}${url.search}`;
    } catch {
      if (target !== '*') return refuse(response, 'The request target is not a path.');
    }
  }
  const pathname = (request.url ?? '/').split('?')[0]!;
  try {
    decodeURIComponent(pathname);
  } catch {
    return refuse(response, 'The address holds an escape that is not UTF-8.');
  }
  return true;
}

function refuse(response: ServerResponse, message: string): false {
  response.writeHead(400, REFUSAL_HEADERS).end(`${message}\n`);
  return false;
}

/** Applies `normaliseRequestLine` to every request this process's HTTP servers receive. */
export function guardRequestLines(): void {
  const proto = Server.prototype as Server & { [installed]?: boolean };
  if (proto[installed]) return;
  proto[installed] = true;
  const emit = proto.emit;
  proto.emit = function emitWithGuardedRequestLine(this: Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request' && !normaliseRequestLine(args[0] as IncomingMessage, args[1] as ServerResponse)) return true;
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
}
