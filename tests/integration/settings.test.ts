import { afterEach, describe, expect, it, vi } from 'vitest';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  vi.resetModules();
});

async function loadEnvWith(vars: Record<string, string | undefined>) {
  process.env = { ...saved, ...vars };
  for (const [k, v] of Object.entries(vars)) if (v === undefined) delete process.env[k];
  vi.resetModules();
  return import('../../lib/server/env');
}

describe('settings', () => {
  it('start the embedded mode with no environment at all', async () => {
    const { env } = await loadEnvWith({ DATABASE_URL: undefined, MONTAGE_SECRET: undefined, MONTAGE_ENCRYPTION_KEY: undefined, MONTAGE_DATA_DIR: undefined });
    expect(env.MONTAGE_DATA_DIR).toBe('.data/pglite');
  });

  it('refuse a short MONTAGE_SECRET, naming it', async () => {
    await expect(loadEnvWith({ MONTAGE_SECRET: 'short' })).rejects.toThrow(/MONTAGE_SECRET/);
  });

  it('refuse to run on PostgreSQL without its secrets in the environment, naming each', async () => {
    const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x', MONTAGE_SECRET: undefined, MONTAGE_ENCRYPTION_KEY: undefined };
    await expect(loadEnvWith(base)).rejects.toThrow(/MONTAGE_SECRET: is required when DATABASE_URL is set.*MONTAGE_ENCRYPTION_KEY/);
    await expect(loadEnvWith({ ...base, MONTAGE_SECRET: 'x'.repeat(32), MONTAGE_ENCRYPTION_KEY: 'not-a-key' })).rejects.toThrow(/MONTAGE_ENCRYPTION_KEY: must be 32 bytes/);
    const { env } = await loadEnvWith({ ...base, MONTAGE_SECRET: 'x'.repeat(32), MONTAGE_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') });
    expect(env.DATABASE_URL).toBe(base.DATABASE_URL);
  });
});
