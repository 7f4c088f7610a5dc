import { Server, type IncomingMessage } from 'node:http';
import { clientAddressOf } from './client-address';

const installed = Symbol.for('montage.forwarded-for');

/**
 * Makes X-Forwarded-For hold one address, the client's as `clientAddressOf` decides it, on every
 * request this process's HTTP servers receive, before Next reads it: Next keeps a client-sent header
 * as it is (it only fills it from the socket when absent), so a client rotating it dodged every
 * per-address limit (issue 31, item 4). The rate limits then read that one address.
 */
export function trustForwardedFor(trustedProxies: number): void {
  const proto = Server.prototype as Server & { [installed]?: boolean };
  if (proto[installed]) return;
  proto[installed] = true;
  const emit = proto.emit;
  proto.emit = function emitWithClientAddress(this: Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') rewriteForwardedFor(args[0] as IncomingMessage, trustedProxies);
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
}

/** Sets the request's X-Forwarded-For to its client's address alone. */
export function rewriteForwardedFor(request: IncomingMessage, trustedProxies: number): void {
  const client = clientAddressOf({ forwardedFor: request.headers['x-forwarded-for'], socketAddress: request.socket?.remoteAddress, trustedProxies });
  if (client) request.headers['x-forwarded-for'] = client;
  else delete request.headers['x-forwarded-for'];
}
