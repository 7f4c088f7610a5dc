import { setTimeout as sleepFor } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import * as montagesRoute from '../../app/api/montages/route';
import * as shareRoute from '../../app/api/montages/[id]/share/route';
import * as lookupRoute from '../../app/api/tempo/lookup/route';
import { DEEZER_PACE, RATE_LIMITS, waitForDeezerTurn } from '../../lib/server/security/rate-limit';
import { Visitor } from './api-client';

type Route = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function post(route: unknown, options: { cookie?: string | null; forwardedFor?: string; params?: Record<string, string>; body?: unknown }) {
  const headers = new Headers({ 'content-type': 'application/json' });
  if (options.cookie) headers.set('cookie', options.cookie);
  if (options.forwardedFor) headers.set('x-forwarded-for', options.forwardedFor);
  const request = new Request('http://127.0.0.1:3000/api/test', { method: 'POST', headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  return (route as Route)(request, { params: Promise.resolve(options.params ?? {}) });
}

describe('rate limits', () => {
  it('let one owner share generously, then answer 429 with Retry-After; another owner is not affected', async () => {
    const owner = new Visitor();
    const { id } = (await owner.call(montagesRoute.POST, 'POST', { body: { mode: 'circuit', lengthMin: 20 } })).body;
    const limit = RATE_LIMITS.share_create.perOwner;
    for (let i = 0; i < limit; i++) expect((await post(shareRoute.POST, { cookie: owner.cookie, params: { id } })).status).toBe(201);
    const refused = await post(shareRoute.POST, { cookie: owner.cookie, params: { id } });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect((await refused.json()).error.code).toBe('rate_limited');

    const other = new Visitor();
    const theirs = (await other.call(montagesRoute.POST, 'POST', { body: { mode: 'circuit', lengthMin: 20 } })).body.id;
    expect((await post(shareRoute.POST, { cookie: other.cookie, params: { id: theirs } })).status).toBe(201);
  });

  it('hold per client address too: a script without cookies cannot make owner after owner', async () => {
    const address = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
    // Each cookieless request would make an owner: the owner limit (per address) or the action's, whichever is tighter.
    const limit = Math.min(RATE_LIMITS.lookup_start.perClient, RATE_LIMITS.owner_create.perClient);
    for (let i = 0; i < limit; i++) {
      expect((await post(lookupRoute.POST, { forwardedFor: `10.0.0.1, ${address}`, body: {} })).status).toBe(200);
    }
    const refused = await post(lookupRoute.POST, { forwardedFor: address, body: {} });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await post(lookupRoute.POST, { forwardedFor: '198.51.100.7', body: {} })).status).toBe(200);
  });
});

describe('the shared Deezer budget', () => {
  it(`lets ${DEEZER_PACE.requests} requests go at once, makes the next wait for the next second, and lets it go then`, async () => {
    const waits: number[] = [];
    const sleep = (ms: number) => {
      waits.push(ms);
      return sleepFor(ms);
    };
    // Start on a fresh window: whatever an earlier test took has passed after one.
    await sleepFor(DEEZER_PACE.windowSec * 1000);
    const started = Date.now();
    for (let i = 0; i < DEEZER_PACE.requests; i++) await waitForDeezerTurn(sleep);
    expect(waits).toEqual([]);
    await waitForDeezerTurn(sleep);
    expect(waits.length).toBeGreaterThan(0);
    for (const ms of waits) expect(ms).toBeLessThanOrEqual(DEEZER_PACE.windowSec * 1000);
    // Counted in the store every process shares (PostgreSQL on the integration-pg project), not just here.
    expect(Date.now() - started).toBeGreaterThanOrEqual(waits[0]!);
  });
});
