import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { createClient } from '@redis/client';
import { startAppServer, type AppServer } from '../support/app-server';
import { HttpVisitor } from '../support/http-visitor';
import { createThrowawayDatabase } from '../support/postgres-db';

/**
 * Throughput of the share pages against a prerendered page of the app's own (the not-found page,
 * served by the same `next start`), and of the owner's pages. Needs a production build
 * (`npm run build`). autocannon, 20 connections, 10 s per route, the routes alternated twice;
 * one JSON line per run, then one per route (the better of its runs) with the share/static ratio.
 * Runs on the embedded database, then on PostgreSQL with Redis. BENCH_SECONDS shortens a run.
 */
const CONNECTIONS = 20;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = 2;
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Route {
  name: string;
  path: string;
  cookie?: string;
}

interface Run {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  pageBytes: number;
}

async function measure(baseUrl: string, route: Route): Promise<Run> {
  const first = await fetch(`${baseUrl}${route.path}`, { headers: route.cookie ? { cookie: route.cookie } : {} });
  const pageBytes = (await first.arrayBuffer()).byteLength;
  const result = await autocannon({
    url: `${baseUrl}${route.path}`,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: route.cookie ? { cookie: route.cookie } : {},
  });
  // The not-found page answers 404 by design; every other route must answer 200.
  const non2xx = route.name === 'static (not-found page)' ? 0 : result.non2xx;
  return { reqPerSec: Math.round(result.requests.average), p50Ms: result.latency.p50, p99Ms: result.latency.p99, errors: result.errors + result.timeouts, non2xx, pageBytes };
}

async function bench(label: string, app: AppServer): Promise<void> {
  const owner = new HttpVisitor(app.baseUrl);
  const created = await owner.json<{ id: string }>('POST', '/api/montages', { mode: 'circuit', lengthMin: 45, name: 'Bench montage' });
  const { token } = (await owner.json<{ token: string }>('POST', `/api/montages/${created.body.id}/share`)).body;
  const cookie = owner.cookieHeader();
  const routes: Route[] = [
    { name: 'static (not-found page)', path: '/no-such-page' },
    { name: '/s/:token', path: `/s/${token}` },
    { name: '/s/:token/train', path: `/s/${token}/train` },
    { name: '/m/:id', path: `/m/${created.body.id}`, cookie },
    { name: '/', path: '/', cookie },
  ];
  const best = new Map<string, Run>();
  for (let round = 1; round <= ROUNDS; round += 1) {
    for (const route of routes) {
      const run = await measure(app.baseUrl, route);
      console.log(JSON.stringify({ bench: 'share', db: label, round, route: route.name, ...run }));
      const previous = best.get(route.name);
      if (!previous || run.reqPerSec > previous.reqPerSec) best.set(route.name, run);
    }
  }
  const staticRun = best.get('static (not-found page)')!;
  for (const route of routes) {
    const run = best.get(route.name)!;
    console.log(
      JSON.stringify({ bench: 'share', db: label, summary: true, route: route.name, ...run, ratioToStatic: +(run.reqPerSec / staticRun.reqPerSec).toFixed(2) }),
    );
  }
  const share = best.get('/s/:token')!;
  console.log(
    JSON.stringify({
      bench: 'share',
      db: label,
      target: 'share >= 0.8x static, p99 <= 50 ms, 0 errors',
      shareToStatic: +(share.reqPerSec / staticRun.reqPerSec).toFixed(2),
      shareP99Ms: share.p99Ms,
      isMet: share.reqPerSec >= 0.8 * staticRun.reqPerSec && share.p99Ms <= 50 && share.errors === 0 && share.non2xx === 0,
    }),
  );
}

const embedded = await startAppServer();
try {
  await bench('pglite', embedded);
} finally {
  await embedded.stop();
}

const database = await createThrowawayDatabase();
const keyPrefix = `montage-bench-${randomBytes(6).toString('hex')}:`;
const onPostgres = await startAppServer({ DATABASE_URL: database.url, REDIS_URL, REDIS_KEY_PREFIX: keyPrefix });
try {
  await bench('postgresql+redis', onPostgres);
} finally {
  await onPostgres.stop();
  await database.drop();
  const redis = createClient({ url: REDIS_URL });
  await redis.connect();
  for await (const keys of redis.scanIterator({ MATCH: `${keyPrefix}*`, COUNT: 500 })) if (keys.length > 0) await redis.unlink(keys);
  await redis.quit();
}
