import pg from 'pg';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { listenForExpiredTags } from '../../lib/server/cache/expired-tags-channel.mjs';
import { expireTagsEverywhere } from '../../lib/server/cache/redis-tags';

// setup-db.ts made a throwaway database on the server for this file (no REDIS_URL: each process
// of the app caches for itself and hears the others' expired tags through LISTEN/NOTIFY).
const url = process.env.DATABASE_URL!;
const heard: string[][] = [];
const errors: string[] = [];
const listener = listenForExpiredTags({ url, onTags: (tags) => heard.push(tags), onError: (message) => errors.push(message) });
afterAll(() => listener.close());

describe('expired cache tags on PostgreSQL without Redis', () => {
  it('reach every listening process: each tag once, however many', async () => {
    await vi.waitFor(() => expect(listener.isListening).toBe(true));
    await expireTagsEverywhere(['_N_T_/s/abc', 'share:abc']);
    await vi.waitFor(() => expect(heard.flat()).toEqual(['_N_T_/s/abc', 'share:abc']));

    heard.length = 0;
    const many = Array.from({ length: 500 }, (_, i) => `_N_T_/s/${'t'.repeat(43)}${i}/train`);
    await expireTagsEverywhere(many);
    await vi.waitFor(() => expect(heard.flat()).toEqual(many));
    expect(heard.length).toBeGreaterThan(1);
  });

  it('says it is not listening while its connection is lost, and listens again', async () => {
    await vi.waitFor(() => expect(listener.isListening).toBe(true));
    // What a server restart does to the listening session.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and query like 'LISTEN%'`);
    await admin.end();
    await vi.waitFor(() => expect(listener.isListening).toBe(false));
    expect(errors.join('\n')).toMatch(/cached pages are not served until it listens again/);

    await vi.waitFor(() => expect(listener.isListening).toBe(true), { timeout: 10_000 });
    heard.length = 0;
    await expireTagsEverywhere(['share:after-the-restart']);
    await vi.waitFor(() => expect(heard.flat()).toEqual(['share:after-the-restart']));
  });
});
