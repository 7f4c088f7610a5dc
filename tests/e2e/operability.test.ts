import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/app-server';
import { HttpVisitor } from '../support/http-visitor';

describe('what a load balancer and an operator see', () => {
  let app: AppServer;
  beforeAll(async () => {
    app = await startAppServer();
  });
  afterAll(() => app?.stop());

  it('answers the health check and the readiness check (database reachable, migrations current, no Redis configured)', async () => {
    const health = await fetch(`${app.baseUrl}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${app.baseUrl}/api/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'ok', redis: 'not configured', pageCache: 'this process only' } });
  });

  it('logs each API request as one JSON line with its request id, and never the share token', async () => {
    const owner = new HttpVisitor(app.baseUrl);
    const { id } = (await owner.json<{ id: string }>('POST', '/api/montages', { mode: 'hiit', lengthMin: 20 })).body;
    const { token } = (await owner.json<{ token: string }>('POST', `/api/montages/${id}/share`)).body;
    const response = await fetch(`${app.baseUrl}/api/share/${token}`, { headers: { 'x-request-id': 'lb-7f3a' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('lb-7f3a');
    await response.text();
    // The line is written once the response has gone out.
    for (let i = 0; i < 50 && !app.output().includes('"requestId":"lb-7f3a"'); i++) await new Promise((r) => setTimeout(r, 100));

    const lines = app
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.filter((l) => l.requestId === 'lb-7f3a')).toEqual([expect.objectContaining({ level: 'info', method: 'GET', path: '/api/share/:token', status: 200 })]);
    expect(lines.filter((l) => l.method === 'POST').every((l) => typeof l.requestId === 'string' && (l.requestId as string).length > 0)).toBe(true);
    expect(app.output()).not.toContain(token);
    expect(app.output()).not.toContain('montage_owner');
  });

  it('logs every page request too (share pages from cache included) as one line with its id, path and status, and never the token', async () => {
    const owner = new HttpVisitor(app.baseUrl);
    const { id } = (await owner.json<{ id: string }>('POST', '/api/montages', { mode: 'hiit', lengthMin: 20 })).body;
    const { token } = (await owner.json<{ token: string }>('POST', `/api/montages/${id}/share`)).body;
    const visits = [
      { url: `/s/${token}?from=${token}`, id: 'page-share-1', status: 200, path: '/s/:token' },
      { url: `/s/${token}`, id: 'page-share-2', status: 200, path: '/s/:token' },
      { url: `/s/${token}/train`, id: 'page-train', status: 200, path: '/s/:token/train' },
      { url: `/s/${token.slice(0, -4)}abcd`, id: 'page-unknown-link', status: 404, path: '/s/:token' },
      { url: `/m/${id}`, id: 'page-owner-no-cookie', status: 404, path: `/m/${id}` },
      { url: '/?code=oauth-code-secret', id: 'page-home', status: 200, path: '/' },
    ];
    for (const visit of visits) {
      const response = await fetch(`${app.baseUrl}${visit.url}`, { headers: { 'x-request-id': visit.id } });
      expect(response.status, visit.url).toBe(visit.status);
      expect(response.headers.get('x-request-id')).toBe(visit.id);
      await response.text();
    }
    const generated = await fetch(`${app.baseUrl}/progress`);
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/u);

    await new Promise((r) => setTimeout(r, 300));
    const lines = app
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const visit of visits) {
      const logged = lines.filter((l) => l.requestId === visit.id);
      expect(logged, visit.url).toEqual([expect.objectContaining({ level: 'info', message: 'request', method: 'GET', path: visit.path, status: visit.status, durationMs: expect.any(Number) })]);
    }
    expect(lines).toContainEqual(expect.objectContaining({ requestId: generated.headers.get('x-request-id'), path: '/progress', status: 200 }));
    expect(app.output()).not.toContain(token);
    expect(app.output()).not.toContain(token.slice(0, -4));
    expect(app.output()).not.toContain('oauth-code-secret');
  });
});
