/**
 * Who sent a request, as Express's `trust proxy` (a number of hops) decides it: the socket's peer,
 * unless the app is told it sits behind `trustedProxies` proxies, each of which appends the address
 * it received the request from to X-Forwarded-For. Only those last entries were written by a proxy
 * of ours; anything before them is what the client itself sent, and it can send anything.
 * `trustedProxies` 0 (the default): the header is ignored, the socket's peer is the client.
 */
export function clientAddressOf(options: { forwardedFor: string | string[] | undefined; socketAddress: string | undefined; trustedProxies: number }): string | null {
  const header = Array.isArray(options.forwardedFor) ? options.forwardedFor.join(',') : (options.forwardedFor ?? '');
  const forwarded = header
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  // Nearest first: the socket's peer, then each address a proxy appended, walking back toward the client.
  const hops = [options.socketAddress, ...forwarded.reverse()];
  const client = hops[Math.min(Math.max(0, Math.floor(options.trustedProxies)), hops.length - 1)];
  return client ? client.slice(0, 64) : null;
}
