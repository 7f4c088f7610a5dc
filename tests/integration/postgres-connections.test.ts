import pg from 'pg';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../db/client';
import { createOwner } from '../../db/queries/owners';
import { owners } from '../../db/schema';

// setup-db.ts made a throwaway database on the server for this file.
const url = process.env.DATABASE_URL!;
const opened = await openDatabase({ url });
afterAll(() => opened.close());

describe('on a PostgreSQL server', () => {
  it('survives the server dropping its connections (a restart, a failover): the next query opens a new one', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const before = await createOwner(opened.db);
      // What a server restart does to every open session of this database, idle ones included.
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      const { rowCount } = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
      await admin.end();
      expect(rowCount).toBeGreaterThan(0);
      await vi.waitFor(() => expect(logged).toHaveBeenCalledWith(expect.stringMatching(/^PostgreSQL dropped an idle connection/)));

      const after = await createOwner(opened.db);
      const ids = (await opened.db.select({ id: owners.id }).from(owners)).map((r) => r.id);
      expect(ids).toEqual(expect.arrayContaining([before, after]));
    } finally {
      logged.mockRestore();
    }
  });
});
