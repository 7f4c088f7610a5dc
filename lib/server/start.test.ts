import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** What the server's start touches, replaced so that a failure or a setting can be chosen per test. */
const calls: string[] = [];
const fake = vi.hoisted(() => ({
  env: { DATABASE_URL: undefined as string | undefined, NEXTAUTH_URL: undefined as string | undefined },
  getDb: vi.fn(async () => ({})),
  closeDb: vi.fn(async () => undefined),
  startJobs: vi.fn(async () => undefined),
  stopJobs: vi.fn(async () => undefined),
  logLine: vi.fn(),
  closeOnShutdown: vi.fn(),
}));
vi.mock('../../db/client', () => ({ getDb: fake.getDb, closeDb: fake.closeDb }));
vi.mock('./env', () => ({ env: fake.env }));
vi.mock('./jobs/queue', () => ({ startJobs: fake.startJobs, stopJobs: fake.stopJobs }));
vi.mock('./log', () => ({ logLine: fake.logLine }));
vi.mock('./shutdown', () => ({ closeOnShutdown: fake.closeOnShutdown }));

const { startServer } = await import('./start');

class Exited extends Error {
  constructor(readonly code: number | undefined) {
    super(`exit ${code}`);
  }
}

describe('startServer: what the server does before it answers', () => {
  let errors: string[];
  beforeEach(() => {
    calls.length = 0;
    errors = [];
    fake.env.DATABASE_URL = undefined;
    fake.env.NEXTAUTH_URL = undefined;
    for (const fn of [fake.getDb, fake.closeDb, fake.startJobs, fake.stopJobs, fake.logLine, fake.closeOnShutdown]) fn.mockClear();
    fake.getDb.mockImplementation(async () => ({}));
    fake.startJobs.mockImplementation(async () => undefined);
    fake.stopJobs.mockImplementation(async () => void calls.push('stopJobs'));
    fake.closeDb.mockImplementation(async () => void calls.push('closeDb'));
    vi.spyOn(console, 'error').mockImplementation((line: unknown) => void errors.push(String(line)));
    vi.spyOn(process, 'exit').mockImplementation((code?: string | number | null) => {
      throw new Exited(code === null ? undefined : Number(code));
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it('opens the database, closes jobs then the database on shutdown, and starts the jobs', async () => {
    await startServer();
    expect(fake.getDb).toHaveBeenCalledOnce();
    expect(fake.startJobs).toHaveBeenCalledOnce();
    expect(fake.closeOnShutdown).toHaveBeenCalledOnce();
    const close = fake.closeOnShutdown.mock.calls[0]![0] as () => Promise<void>;
    expect(calls).toEqual([]);
    await close();
    expect(calls).toEqual(['stopJobs', 'closeDb']);
    expect(errors).toEqual([]);
    expect(fake.logLine).not.toHaveBeenCalled();
  });

  it('stops with exit code 1 and the reason when the database cannot be opened (a second process on the data folder)', async () => {
    fake.getDb.mockRejectedValueOnce(new Error('the data folder .data/pglite is in use by process 4242'));
    await expect(startServer()).rejects.toEqual(new Exited(1));
    expect(errors).toEqual(['Montage cannot start: the data folder .data/pglite is in use by process 4242']);
    expect(fake.startJobs).not.toHaveBeenCalled();
    fake.getDb.mockRejectedValueOnce('connection refused');
    await expect(startServer()).rejects.toEqual(new Exited(1));
    expect(errors[1]).toBe('Montage cannot start: connection refused');
  });

  it('stops with exit code 1 and the reason when the job queue cannot start', async () => {
    fake.startJobs.mockRejectedValueOnce(new Error('pg-boss: schema is locked'));
    await expect(startServer()).rejects.toEqual(new Exited(1));
    expect(errors).toEqual(['Montage cannot start its job queue: pg-boss: schema is locked']);
    fake.startJobs.mockRejectedValueOnce(42);
    await expect(startServer()).rejects.toEqual(new Exited(1));
    expect(errors[1]).toBe('Montage cannot start its job queue: 42');
  });

  it('warns a service on PostgreSQL that does not know its public address, and only it', async () => {
    fake.env.DATABASE_URL = 'postgres://127.0.0.1/montage';
    await startServer();
    expect(fake.logLine).toHaveBeenCalledOnce();
    expect(fake.logLine).toHaveBeenCalledWith('warn', expect.stringMatching(/^NEXTAUTH_URL is not set: shared links preview .* with http:\/\/localhost addresses/));
    fake.logLine.mockClear();
    fake.env.NEXTAUTH_URL = 'https://montage.example';
    await startServer();
    fake.env.DATABASE_URL = undefined;
    fake.env.NEXTAUTH_URL = undefined;
    await startServer();
    expect(fake.logLine).not.toHaveBeenCalled();
  });
});
