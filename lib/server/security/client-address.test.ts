import { request as httpRequest, createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddressOf } from './client-address';
import { trustForwardedFor } from './forwarded-for';

describe('the client address (trusted proxies as in Express’s `trust proxy`)', () => {
  it('trusts no forwarding header by default: a client rotating X-Forwarded-For is still its socket', () => {
    for (const forged of ['203.0.113.1', '203.0.113.2, 198.51.100.9', undefined]) {
      expect(clientAddressOf({ forwardedFor: forged, socketAddress: '192.0.2.10', trustedProxies: 0 })).toBe('192.0.2.10');
    }
  });

  it('behind N proxies takes the address the outermost one saw, never what the client wrote before it', () => {
    // The client forged "203.0.113.66"; the load balancer appended the real 198.51.100.7, then the socket is the balancer.
    const forwardedFor = '203.0.113.66, 198.51.100.7';
    expect(clientAddressOf({ forwardedFor, socketAddress: '10.0.0.2', trustedProxies: 1 })).toBe('198.51.100.7');
    expect(clientAddressOf({ forwardedFor: '198.51.100.7, 10.0.0.3', socketAddress: '10.0.0.2', trustedProxies: 2 })).toBe('198.51.100.7');
    // More hops trusted than the request went through: the farthest address there is.
    expect(clientAddressOf({ forwardedFor: '198.51.100.7', socketAddress: '10.0.0.2', trustedProxies: 5 })).toBe('198.51.100.7');
    expect(clientAddressOf({ forwardedFor: ['198.51.100.7', '10.0.0.3'], socketAddress: '10.0.0.2', trustedProxies: 2 })).toBe('198.51.100.7');
  });

  it('on a real HTTP server, the header the app reads holds the socket’s address whatever the client sent', async () => {
    trustForwardedFor(0);
    const seen: (string | undefined)[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers['x-forwarded-for'] as string | undefined);
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      for (const forged of ['203.0.113.1', '203.0.113.2', null]) {
        await new Promise<void>((resolve, reject) => {
          const headers = forged ? { 'x-forwarded-for': forged } : undefined;
          httpRequest({ host: '127.0.0.1', port, headers }, (res) => res.resume().on('end', resolve)).on('error', reject).end();
        });
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(seen).toEqual(['127.0.0.1', '127.0.0.1', '127.0.0.1']);
  });
});
