import { randomBytes } from 'node:crypto';
import { createClient } from '@redis/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/app-server';
import { HttpVisitor } from '../support/http-visitor';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../support/postgres-db';

/**
 * Revokes and deletes racing the first renders of a link's shared pages (issue 31, item 1), on the
 * built app (no browser): each round shares a new montage, asks for its three shared paths on every
 * process while, a few milliseconds in, the link is revoked (or its montage deleted) on one of them.
 * A render begun before the change and stored after it must never be served: once the rounds are
 * over, every path of every link answers 404 on every process. The rounds per set-up are printed
 * with how many renders raced (answered 200 while the change was under way).
 */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ROUNDS = Number(process.env.RACE_ROUNDS ?? 120);
// Expiries reach the other process through LISTEN/NOTIFY without Redis: heard within a few ms, longer on a loaded machine.
const SETTLE_MS = 2_000;

const SET_UPS = [
  { name: 'one process, embedded database', processes: 1, database: 'embedded', redis: false },
  { name: 'two processes, PostgreSQL and Redis', processes: 2, database: 'postgres', redis: true },
  { name: 'two processes, PostgreSQL without Redis', processes: 2, database: 'postgres', redis: false },
] as const;

const pathsOf = (token: string) => [`/s/${token}`, `/s/${token}/train`, `/api/share/${token}`];
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(SET_UPS)('renders racing revokes and deletes: $name', (setUp) => {
  let database: ThrowawayDatabase | null = null;
  const apps: AppServer[] = [];
  const keyPrefix = `montage-race-${randomBytes(6).toString('hex')}:`;

  beforeAll(async () => {
    if (setUp.database === 'postgres') database = await createThrowawayDatabase();
    // Every round makes a montage and a link: the limits are for people, not for this test.
    const env = {
      MONTAGE_RATE_LIMIT_FACTOR: '1000',
      ...(database && { DATABASE_URL: database.url }),
      ...(setUp.redis && { REDIS_URL, REDIS_KEY_PREFIX: keyPrefix }),
    };
    await Promise.all(Array.from({ length: setUp.processes }, () => startAppServer(env).then((app) => apps.push(app))));
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await database?.drop();
    if (!setUp.redis) return;
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    for await (const keys of redis.scanIterator({ MATCH: `${keyPrefix}*`, COUNT: 500 })) if (keys.length > 0) await redis.unlink(keys);
    await redis.quit();
  });

  it(`${ROUNDS} rounds: no link is served after its revoke or delete, on any process`, async () => {
    const owner = new HttpVisitor(apps[0]!.baseUrl);
    const tokens: string[] = [];
    let racedRenders = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      const created = await owner.json<{ id: string }>('POST', '/api/montages', { mode: 'circuit', lengthMin: 20 });
      expect(created.status).toBe(201);
      const shared = await owner.json<{ token: string }>('POST', `/api/montages/${created.body.id}/share`);
      expect(shared.status).toBe(201);
      const { token } = shared.body;
      tokens.push(token);
      const changer = owner.on(apps[round % apps.length]!.baseUrl);
      const change = pause(round % 25).then(() =>
        round % 2 === 0 ? changer.json('DELETE', `/api/montages/${created.body.id}/share`) : changer.json('DELETE', `/api/montages/${created.body.id}`),
      );
      const views = apps.flatMap((app) => pathsOf(token).map((pathname) => fetch(`${app.baseUrl}${pathname}`).then((response) => response.status)));
      const [changed, ...statuses] = await Promise.all([change, ...views]);
      expect(changed.status).toBe(200);
      racedRenders += statuses.filter((status) => status === 200).length;
    }

    await pause(SETTLE_MS);
    const servedAfterChange: string[] = [];
    for (const app of apps) {
      for (const token of tokens) {
        for (const pathname of pathsOf(token)) {
          for (let i = 0; i < 2; i += 1) {
            const response = await fetch(`${app.baseUrl}${pathname}`);
            await response.arrayBuffer();
            if (response.status !== 404) servedAfterChange.push(`${response.status} ${pathname} (process ${apps.indexOf(app) + 1})`);
          }
        }
      }
    }
    console.info(
      `[race] ${setUp.name}: ${ROUNDS} rounds (revoke and delete alternately), ${racedRenders} views answered 200 while the change was under way, ${servedAfterChange.length} served after it`,
    );
    expect(servedAfterChange).toEqual([]);
  }, 1_800_000);
});
