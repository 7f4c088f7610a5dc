import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startAccessLog } from './access-log';

describe('the access log', () => {
  let server: Server;
  let baseUrl: string;
  const lines: string[] = [];
  beforeAll(async () => {
    vi.spyOn(process.stdout, 'write').mockImplementation((line: string | Uint8Array) => lines.push(String(line).trimEnd()) > 0);
    startAccessLog();
    startAccessLog(); // twice (Next may run instrumentation again): still one line per request
    server = createServer((request, response) => {
      if (request.headers['x-answer-id']) response.setHeader('x-request-id', String(request.headers['x-answer-id']));
      response.statusCode = request.url?.startsWith('/s/') ? 200 : 404;
      response.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.close();
    vi.restoreAllMocks();
  });

  const entries = () => lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);

  it('writes one JSON line per request, pages too, with the request id the response carries, method, path, status and duration', async () => {
    const token = 'Zq3xT0kenThatIsASecret_abcdefghijklmnopqrs';
    await (await fetch(`${baseUrl}/s/${token}/train?code=oauth-code-secret&state=s3cret`, { headers: { 'x-answer-id': 'lb-42' } })).text();
    await (await fetch(`${baseUrl}/library?q=rocky`)).text();
    await vi.waitFor(() => expect(entries()).toHaveLength(2));
    const [share, library] = entries();
    expect(share).toMatchObject({ level: 'info', message: 'request', requestId: 'lb-42', method: 'GET', path: '/s/:token/train', status: 200 });
    expect(share!.durationMs).toBeGreaterThanOrEqual(0);
    expect(share!.durationMs).toBeLessThan(60_000);
    expect(library).toMatchObject({ method: 'GET', path: '/library', status: 404 });
    expect(library!.requestId).toMatch(/^[0-9a-f-]{36}$/u);
    const all = lines.join('\n');
    for (const secret of [token, 'oauth-code-secret', 's3cret', 'rocky']) expect(all).not.toContain(secret);
  });

  it('never takes a request id that could forge a log line or a header', async () => {
    lines.length = 0;
    await (await fetch(`${baseUrl}/s/x`, { headers: { 'x-answer-id': 'a"b', 'x-request-id': 'bad id with spaces' } })).text();
    await vi.waitFor(() => expect(entries()).toHaveLength(1));
    expect(entries()[0]!.requestId).toMatch(/^[0-9a-f-]{36}$/u);
  });

  it("takes the balancer's request id from the request when the response carries none", async () => {
    lines.length = 0;
    await (await fetch(`${baseUrl}/library`, { headers: { 'x-request-id': 'lb-7.a:b-c_d' } })).text();
    await vi.waitFor(() => expect(entries()).toHaveLength(1));
    expect(entries()[0]!.requestId).toBe('lb-7.a:b-c_d');
  });
});
