import { createServer } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardRequestLines } from './request-line';

/** A raw request line sent as is (fetch would normalise it), and the answer's status line, headers and what the app saw. */
let port = 0;
const seen: string[] = [];
const server = createServer((req, res) => {
  seen.push(req.url ?? '');
  res.writeHead(200).end('app');
});
beforeAll(async () => {
  guardRequestLines();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

function send(requestLine: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(`${requestLine}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('the request line, before the app reads it', () => {
  it('an absolute-form target reaches the app as its path, so nothing can send the visitor to that host', async () => {
    const answer = await send('GET http://evil.example/s/abc?x=1 HTTP/1.1');
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(seen.at(-1)).toBe('/s/abc?x=1');
  });

  it('a path escape that is no UTF-8 is a 400 with our headers, and never reaches the app', async () => {
    const before = seen.length;
    const answer = await send('GET /api/share/%ED%A0%80/fit HTTP/1.1');
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect(answer.toLowerCase()).toContain('x-content-type-options: nosniff');
    expect(answer.toLowerCase()).toContain("content-security-policy: default-src 'none'");
    expect(seen.length).toBe(before);
    expect(await send('GET /s/caf%C3%A9 HTTP/1.1')).toMatch(/^HTTP\/1\.1 200/);
  });
});
