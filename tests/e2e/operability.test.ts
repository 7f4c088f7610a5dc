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
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'ok', redis: 'not configured' } });
  });

  it('logs each API request as one JSON line with its request id, and never the share token', async () => {
    const owner = new HttpVisitor(app.baseUrl);
    const { id } = (await owner.json<{ id: string }>('POST', '/api/montages', { mode: 'hiit', lengthMin: 20 })).body;
    const { token } = (await owner.json<{ token: string }>('POST', `/api/montages/${id}/share`)).body;
    const response = await fetch(`${app.baseUrl}/api/share/${token}`, { headers: { 'x-request-id': 'lb-7f3a' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('lb-7f3a');

    const lines = app
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toContainEqual(expect.objectContaining({ level: 'info', requestId: 'lb-7f3a', method: 'GET', path: '/api/share/:token', status: 200 }));
    expect(lines.filter((l) => l.method === 'POST').every((l) => typeof l.requestId === 'string' && (l.requestId as string).length > 0)).toBe(true);
    expect(app.output()).not.toContain(token);
    expect(app.output()).not.toContain('montage_owner');
  });
});
