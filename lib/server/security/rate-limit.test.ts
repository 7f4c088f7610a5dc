import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { RATE_LIMITS, RateLimitedError, clientAddress, limitRequest } from './rate-limit';

// No DATABASE_URL or REDIS_URL in the unit tests: the counters live in memory, as in the embedded mode.
const from = (forwardedFor?: string) => new Request('http://127.0.0.1:3000/api/test', { method: 'POST', headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} });

async function refusal(request: Request, action: keyof typeof RATE_LIMITS, owner: string | null, cost = 1): Promise<RateLimitedError | null> {
  try {
    await limitRequest(request, action, owner, cost);
    return null;
  } catch (error) {
    if (error instanceof RateLimitedError) return error;
    throw error;
  }
}

let unique = 0;
const fresh = (what: string) => `${what}-${process.pid}-${(unique += 1)}`;

describe('clientAddress: the address the nearest proxy wrote', () => {
  it('is the last X-Forwarded-For entry, trimmed, empty entries skipped', () => {
    expect(clientAddress(from('198.51.100.1'))).toBe('198.51.100.1');
    expect(clientAddress(from('10.0.0.1,  203.0.113.9 '))).toBe('203.0.113.9');
    expect(clientAddress(from('203.0.113.9, ,'))).toBe('203.0.113.9');
  });

  it('is null without the header, and at most 64 characters', () => {
    expect(clientAddress(from())).toBeNull();
    expect(clientAddress(from(' , '))).toBeNull();
    expect(clientAddress(from(`10.0.0.1, ${'f'.repeat(100)}`))).toBe('f'.repeat(64));
  });
});

describe('limitRequest', () => {
  it('lets an owner have their limit, then refuses with a wait of at most the 10-minute window', async () => {
    const owner = fresh('owner');
    for (let i = 0; i < RATE_LIMITS.copy.perOwner; i++) expect(await refusal(from(), 'copy', owner)).toBeNull();
    const refused = await refusal(from(), 'copy', owner);
    expect(refused?.code).toBe('rate_limited');
    expect(refused!.retryAfterSec).toBeGreaterThan(590);
    expect(refused!.retryAfterSec).toBeLessThanOrEqual(600);
    expect(refused!.message).toContain(`${refused!.retryAfterSec} s`);
    // Another owner, and the same owner for another action, have their own counters.
    expect(await refusal(from(), 'copy', fresh('owner'))).toBeNull();
    expect(await refusal(from(), 'montage_create', owner)).toBeNull();
  });

  it('counts per client address too, with its own, higher limit; both must have room', async () => {
    const address = fresh('client');
    const { perOwner, perClient } = RATE_LIMITS.montage_create;
    // A new owner for each request: only the address is counted against the limit.
    for (let i = 0; i < perClient; i++) expect(await refusal(from(address), 'montage_create', fresh('owner'))).toBeNull();
    expect(await refusal(from(address), 'montage_create', fresh('owner'))).not.toBeNull();
    expect(await refusal(from(address), 'montage_create', null)).not.toBeNull();
    // An owner with room behind another address; their owner count is per owner.
    const owner = fresh('owner');
    for (let i = 0; i < perOwner; i++) expect(await refusal(from(fresh('client')), 'montage_create', owner)).toBeNull();
    expect(await refusal(from(fresh('client')), 'montage_create', owner)).not.toBeNull();
  });

  it('counts a cost of many at once (a batch of files), and nothing without an owner or an address', async () => {
    const owner = fresh('owner');
    const { perOwner } = RATE_LIMITS.local_upload;
    expect(await refusal(from(), 'local_upload', owner, perOwner - 5)).toBeNull();
    expect(await refusal(from(), 'local_upload', owner, 5)).toBeNull();
    expect(await refusal(from(), 'local_upload', owner, 1)).not.toBeNull();
    for (let i = 0; i < RATE_LIMITS.import_start.perClient + 1; i++) expect(await refusal(from(), 'import_start', null)).toBeNull();
  });

  it('asks a client refused on both counts to wait for the later of the two', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    onTestFinished(() => {
      vi.useRealTimers();
    });
    const start = Date.now();
    const owner = fresh('owner');
    const address = fresh('client');
    const { perOwner, perClient } = RATE_LIMITS.copy;
    for (let i = 0; i < perOwner; i++) expect(await refusal(from(), 'copy', owner)).toBeNull();
    // Five minutes later the address spends its own limit: the owner's count frees up first.
    vi.setSystemTime(start + 300_000);
    for (let i = 0; i < perClient; i++) expect(await refusal(from(address), 'copy', fresh('owner'))).toBeNull();
    expect((await refusal(from(), 'copy', owner))!.retryAfterSec).toBeLessThanOrEqual(300);
    const both = await refusal(from(address), 'copy', owner);
    expect(both!.retryAfterSec).toBeGreaterThan(590);
  });
});

describe('MONTAGE_RATE_LIMIT_FACTOR', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('scales every limit: 2 doubles them, 0.5 halves them', async () => {
    // A process makes each limiter once: each factor is tried on an action no other test here counts.
    for (const [factor, action, allowed] of [
      ['2', 'share_create', RATE_LIMITS.share_create.perOwner * 2],
      ['0.5', 'lookup_start', RATE_LIMITS.lookup_start.perOwner / 2],
    ] as const) {
      vi.stubEnv('MONTAGE_RATE_LIMIT_FACTOR', factor);
      vi.resetModules();
      const scaled = await import('./rate-limit');
      const owner = fresh(`owner-x${factor}`);
      for (let i = 0; i < allowed; i++) await scaled.limitRequest(from(), action, owner);
      await expect(scaled.limitRequest(from(), action, owner)).rejects.toMatchObject({ code: 'rate_limited' });
    }
  });
});
