import { afterAll, describe, expect, it } from 'vitest';
import { spawnAppProcess, type AppProcess } from '../support/app-server';
import { HttpVisitor } from '../support/http-visitor';
import { createThrowawayDatabase } from '../support/postgres-db';

const database = await createThrowawayDatabase();
const running: AppProcess[] = [];
afterAll(async () => {
  for (const app of running) {
    if (app.child.exitCode === null && app.child.signalCode === null) process.kill(-app.child.pid!, 'SIGKILL');
    await app.exited;
  }
  await database.drop();
});

/** Every HTTP status a process answered while a visitor kept asking, from its first answer on. */
async function askUntilServed(app: AppProcess): Promise<number[]> {
  const visitor = new HttpVisitor(app.baseUrl);
  const statuses: number[] = [];
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (app.child.exitCode !== null) throw new Error(`exited ${app.child.exitCode}\n${app.output()}`);
    try {
      statuses.push((await visitor.request('GET', '/')).status);
      statuses.push((await visitor.json('POST', '/api/montages', { mode: 'circuit', lengthMin: 20 })).status);
      statuses.push((await visitor.request('GET', '/api/montages')).status);
      if (statuses.filter((s) => s === 201).length >= 3) return statuses;
    } catch {
      await new Promise((r) => setTimeout(r, 50)); // not listening yet
    }
  }
  throw new Error(`no answer within 90 s\n${app.output()}`);
}

describe('several processes on one PostgreSQL database', () => {
  it('start together on an empty database without a single 500: migrations run once, under a lock', async () => {
    for (let i = 0; i < 3; i += 1) running.push(await spawnAppProcess({ DATABASE_URL: database.url }));
    const answered = await Promise.all(running.map(askUntilServed));
    for (const statuses of answered) expect(statuses.filter((s) => s >= 500)).toEqual([]);
    for (const statuses of answered) expect(new Set(statuses)).toEqual(new Set([200, 201]));
  });
});
