import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => ({
  db: { name: 'the database' },
  env: { MONTAGE_RETENTION_DAYS: 30 },
  purgeExpired: vi.fn(),
}));
vi.mock('../../../db/client', () => ({ getDb: async () => fake.db }));
vi.mock('../../../db/queries/retention', () => ({ purgeExpired: fake.purgeExpired }));
vi.mock('../env', () => ({ env: fake.env }));

const { schedulePurge } = await import('./purge-schedule');

const HOUR = 3600 * 1000;

describe('schedulePurge: retention runs a minute after start, then every 6 hours', () => {
  let out: string[];
  let errors: string[];
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-11-30T04:00:00Z') });
    out = [];
    errors = [];
    fake.env.MONTAGE_RETENTION_DAYS = 30;
    fake.purgeExpired.mockReset();
    fake.purgeExpired.mockResolvedValue({ revokedLinks: 2, sessions: 1 });
    vi.spyOn(console, 'log').mockImplementation((line: unknown) => void out.push(String(line)));
    vi.spyOn(console, 'error').mockImplementation((line: unknown) => void errors.push(String(line)));
  });
  afterEach(() => {
    vi.clearAllTimers();
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('purges with the configured retention a minute after start, logs what it removed as one JSON line, and again every 6 hours', async () => {
    fake.env.MONTAGE_RETENTION_DAYS = 7;
    schedulePurge();
    await vi.advanceTimersByTimeAsync(59_999);
    expect(fake.purgeExpired).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.purgeExpired).toHaveBeenCalledOnce();
    expect(fake.purgeExpired).toHaveBeenCalledWith(fake.db, { now: new Date('2026-11-30T04:01:00Z'), retentionDays: 7 });
    expect(out.map((line) => JSON.parse(line))).toEqual([{ job: 'purgeExpired', revokedLinks: 2, sessions: 1 }]);
    await vi.advanceTimersByTimeAsync(6 * HOUR - 60_001);
    expect(fake.purgeExpired).toHaveBeenCalledOnce();
    await vi.advanceTimersByTimeAsync(60_001);
    expect(fake.purgeExpired).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(6 * HOUR);
    expect(fake.purgeExpired).toHaveBeenCalledTimes(3);
    expect(errors).toEqual([]);
  });

  it('says when a purge failed and that it runs again, and runs again', async () => {
    fake.purgeExpired.mockRejectedValueOnce(new Error('connection terminated'));
    schedulePurge();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(errors).toEqual(['purgeExpired failed; it runs again in 6 hours (Error: connection terminated)']);
    expect(out).toEqual([]);
    await vi.advanceTimersByTimeAsync(6 * HOUR);
    expect(out).toHaveLength(1);
  });

  it('keeps no process alive for itself: both timers are unref’d', () => {
    const unrefs = [vi.fn(), vi.fn()];
    vi.spyOn(globalThis, 'setTimeout').mockImplementation((() => ({ unref: unrefs[0] })) as unknown as typeof setTimeout);
    vi.spyOn(globalThis, 'setInterval').mockImplementation((() => ({ unref: unrefs[1] })) as unknown as typeof setInterval);
    schedulePurge();
    for (const unref of unrefs) expect(unref).toHaveBeenCalledOnce();
  });
});
