/**
 * `npm run bench:library`: a library of 10,000 and of 100,000 tracks for one owner, on PGlite and
 * on PostgreSQL; prints one JSON object per line:
 * - kind "import": storing 10,000 liked songs through the import's own query (pages of 50), database time;
 * - kind "build": server time of building a 60-minute montage (read the pool, sequence, plan,
 *   store), p50 of 5 runs, for Run, Rocky circuit and HIIT, with the p50 of each step and the
 *   number of tracks the pool read returned (a large library is narrowed, lib/sequencer/pool-window.ts);
 * - kind "build-quality": for each mode, the montage's cost from the narrowed pool and from the
 *   whole library (read whole), so narrowing is seen not to make montages worse;
 * - kind "library-query": the library page's query (one page of 50 and its count), p50 of 5, for
 *   three filters, and the library's counts (`countLibrary`, on the library and home pages);
 * - kind "page": the home page and the library page (three filters) served by `next start` with
 *   the owner's cookie: HTML bytes and p50 ms of 5 requests (needs `next build` first: the npm script does it);
 * - kind "summary": each target with its measured figure and whether it was met.
 * The seeding itself goes through SQL (set-based, the tempo trigger included), not timed.
 *
 * One database or size only: `npm run bench:library -- --engine=pglite --size=10000` (or
 * `npx tsx tests/bench/library.bench.ts …` without the build; `--no-pages` skips the served pages).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, type Database } from '../../db/client';
import { beginImport, storeImportPage } from '../../db/queries/library';
import { createMontage } from '../../db/queries/montages';
import { countLibrary, listLibraryTracks, listSequencerPool } from '../../db/queries/library-tracks';
import { owners } from '../../db/schema';
import { users } from '../../db/schema-spotify';
import type { LibraryCriteria, LibrarySort } from '../../lib/domain/library-filter';
import type { WorkoutMode } from '../../lib/domain/types';
import { defaultMontageName, workoutSpecFor } from '../../lib/domain/workout';
import { planIntervals } from '../../lib/planner';
import { sequenceMontage } from '../../lib/sequencer';
import { poolWindowFor } from '../../lib/sequencer/pool-window';
import { buildMontage } from '../../lib/server/montage-service';
import { OWNER_COOKIE, signOwner } from '../../lib/server/owner-cookie';
import { startAppServer } from '../support/app-server';
import { print, quantile, round } from './stats';

const argument = (name: string) => process.argv.slice(2).find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const SIZES = (argument('size')?.split(',').map(Number) ?? [10_000, 100_000]).filter((n) => Number.isInteger(n) && n > 0).sort((a, b) => a - b);
const isPagesSkipped = process.argv.includes('--no-pages');
const RUNS = 5;
/** Requests per served page: a page's time varies more than a query's (rendering, garbage collection). */
const PAGE_RUNS = 30;
const SECRET = randomBytes(32).toString('base64url');
const adminUrl = process.env.BENCH_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const hasBuild = !isPagesSkipped && existsSync(path.join(process.cwd(), '.next', 'BUILD_ID'));

/** Each filter's query is timed as its page runs it: page 2, in the page's sort order. */
const FILTERS: { name: string; criteria: LibraryCriteria; sort: LibrarySort; search: string }[] = [
  { name: 'tempo 160–180, half/double time, by tempo', criteria: { minTempo: 160, maxTempo: 180, halfDouble: true }, sort: 'tempo', search: 'min=160&max=180&sort=tempo' },
  { name: 'search "artist 42"', criteria: { q: 'artist 42', halfDouble: true }, sort: 'title', search: 'q=artist%2042' },
  { name: 'tempo unknown, files only', criteria: { sources: ['unknown'], origins: ['local'], halfDouble: true }, sort: 'title', search: 'source=unknown&origin=local' },
];

async function p50(run: () => Promise<unknown>, runs = RUNS): Promise<number> {
  await run(); // warm-up
  const times: number[] = [];
  for (let k = 0; k < runs; k += 1) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return round(quantile(times.sort((a, b) => a - b), 0.5));
}

/**
 * `size` tracks for `ownerId`: 60 % files (90 % with an analysed tempo), 40 % Spotify songs (half
 * with a looked-up tempo); 2,000 artists; lengths 2–6 min. Set-based SQL: the trigger resolves tempos.
 */
async function seed(db: Database, ownerId: string, size: number): Promise<void> {
  await db.execute(sql`insert into tracks (id, title, artist, duration_ms, duration_source, origin, owner_id, isrc, file_sha256, spotify_id)
    select case when g % 5 < 3 then 'local-' || ${ownerId}::text || '-' || g else 'spotify:' || ${ownerId}::text || ':' || g end,
      'Song ' || g, 'Artist ' || (g % 2000), 120000 + (g * 7919) % 240000, 'bench',
      case when g % 5 < 3 then 'local' else 'spotify' end, ${ownerId}::uuid,
      case when g % 5 < 3 then null else 'QZBEN' || lpad(g::text, 7, '0') end,
      case when g % 5 < 3 then md5(g::text) || md5((g + 1)::text) else null end,
      case when g % 5 < 3 then null else 'sp' || g end
    from generate_series(1, ${size}) g`);
  await db.execute(sql`insert into track_tempos (track_id, bpm, source, source_note, owner_id)
    select 'local-' || ${ownerId}::text || '-' || g, 60 + (g * 37) % 140, 'analysis', 'bench detector', ${ownerId}::uuid
    from generate_series(1, ${size}) g where g % 5 < 3 and g % 10 <> 0`);
  await db.execute(sql`insert into track_tempos (track_id, bpm, source, source_note)
    select 'spotify:' || ${ownerId}::text || ':' || g, 60 + (g * 53) % 140, 'lookup', 'bench lookup'
    from generate_series(1, ${size}) g where g % 5 >= 3 and g % 2 = 0`);
  await db.execute(sql`analyze`);
}

/** 10,000 liked songs through the import's store, in pages of 50 as Spotify sends them. */
async function importTime(db: Database): Promise<{ ms: number; processCpuMs: number }> {
  const [owner] = await db.insert(owners).values({}).returning();
  const [user] = await db.insert(users).values({ spotifyId: `bench-${randomUUID()}`, ownerId: owner!.id }).returning();
  await beginImport(db, user!.id);
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let offset = 0; offset < 10_000; offset += 50) {
    await storeImportPage(db, {
      userId: user!.id,
      ownerId: owner!.id,
      phase: 'fetch',
      offset,
      entries: 50,
      total: 10_000,
      nextOffset: offset + 50,
      newestAddedAt: null,
      tracks: Array.from({ length: 50 }, (_, i) => ({
        spotifyId: `liked${offset + i}`,
        title: `Liked ${offset + i}`,
        artist: `Artist ${(offset + i) % 900}`,
        durationMs: 180_000 + i,
        isrc: `QZLIK${String(offset + i).padStart(7, '0')}`,
      })),
    });
  }
  const used = process.cpuUsage(cpu);
  return { ms: round(performance.now() - start), processCpuMs: round((used.user + used.system) / 1000) };
}

async function measure(engine: 'pglite' | 'postgres', size: number, results: Record<string, number>) {
  let url: string | undefined;
  let dbName: string | null = null;
  const dataDir = engine === 'pglite' ? mkdtempSync(path.join(tmpdir(), 'montage-bench-')) : null;
  if (engine === 'postgres') {
    dbName = `montage_bench_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const u = new URL(adminUrl);
    u.pathname = `/${dbName}`;
    url = u.toString();
  }
  try {
    const opened = await openDatabase(url ? { url } : { dataDir: path.join(dataDir!, 'pglite') });
    const { db } = opened;
    const [owner] = await db.insert(owners).values({}).returning();
    const ownerId = owner!.id;
    const seedStart = performance.now();
    await seed(db, ownerId, size);
    const seedMs = round(performance.now() - seedStart);

    if (size === SIZES[0]) {
      const { ms, processCpuMs } = await importTime(db);
      results[`${engine} import 10,000 liked songs ms`] = ms;
      print({ kind: 'import', engine, songs: 10_000, pageSize: 50, storeMs: ms, processCpuMs });
    }
    for (const mode of ['run', 'circuit', 'hiit'] as WorkoutMode[]) {
      const choice = { mode, lengthMin: 60, ...(mode === 'run' ? { cadenceSpm: 170 } : {}) };
      const cpuTimes: number[] = [];
      const ms = await p50(async () => {
        const cpu = process.cpuUsage();
        await buildMontage(db, { ownerId, ...choice });
        const used = process.cpuUsage(cpu);
        cpuTimes.push((used.user + used.system) / 1000);
      });
      // CPU time of this process (on PGlite the database's work too): less swayed by other load than wall time.
      const cpuMs = round(quantile(cpuTimes.slice(1).sort((a, b) => a - b), 0.5));
      results[`${engine} ${size} build ${mode} p50 ms`] = ms;
      // The same steps one by one, as buildMontage runs them.
      const workout = workoutSpecFor(choice);
      const steps: Record<'poolReadMs' | 'sequenceMs' | 'planMs' | 'storeMs', number[]> = { poolReadMs: [], sequenceMs: [], planMs: [], storeMs: [] };
      let poolTracks = 0;
      let cost = 0;
      for (let k = 0; k <= RUNS; k += 1) {
        const t0 = performance.now();
        const pool = await listSequencerPool(db, { ownerId, scope: { kind: 'all' }, window: poolWindowFor(workout) });
        const t1 = performance.now();
        const sequence = sequenceMontage(pool, workout);
        const t2 = performance.now();
        const entries = planIntervals(sequence, workout);
        const t3 = performance.now();
        await createMontage(db, {
          ownerId, name: defaultMontageName(choice), mode, lengthMin: 60, cadenceSpm: workout.cadenceSpm ?? null,
          hiitWorkSec: workout.hiit?.workSec ?? null, hiitRestSec: workout.hiit?.restSec ?? null,
          curveName: workout.curve.name, curvePoints: workout.curve.points, entries,
        });
        const t4 = performance.now();
        poolTracks = pool.length;
        cost = sequence.cost;
        if (k === 0) continue; // warm-up
        steps.poolReadMs.push(t1 - t0);
        steps.sequenceMs.push(t2 - t1);
        steps.planMs.push(t3 - t2);
        steps.storeMs.push(t4 - t3);
      }
      const stepP50 = Object.fromEntries(Object.entries(steps).map(([key, xs]) => [key, round(quantile(xs.sort((a, b) => a - b), 0.5))]));
      print({ kind: 'build', engine, tracks: size, mode, lengthMin: 60, p50Ms: ms, processCpuP50Ms: cpuMs, steps: stepP50, poolTracks, seedMs });
      const whole = sequenceMontage(await listSequencerPool(db, { ownerId, scope: { kind: 'all' } }), workout);
      print({ kind: 'build-quality', engine, tracks: size, mode, costNarrowed: round(cost), costWhole: round(whole.cost), ratio: round(cost / whole.cost) });
    }
    for (const filter of FILTERS) {
      let total = 0;
      let isTotalExact = true;
      const ms = await p50(async () => {
        ({ total, isTotalExact } = await listLibraryTracks(db, { ownerId, criteria: filter.criteria, sort: filter.sort, page: 2, pageSize: 50 }));
      });
      results[`${engine} ${size} library query "${filter.name}" p50 ms`] = ms;
      print({ kind: 'library-query', engine, tracks: size, filter: filter.name, matches: total, isTotalExact, p50Ms: ms });
    }
    const countsMs = await p50(() => countLibrary(db, ownerId));
    print({ kind: 'library-query', engine, tracks: size, query: 'countLibrary (library and home page header)', p50Ms: countsMs });
    await opened.close();

    if (!hasBuild) {
      print({ kind: 'page', engine, tracks: size, skipped: isPagesSkipped ? '--no-pages' : 'no .next build: run `npm run bench:library` (it builds first)' });
      return;
    }
    const server = await startAppServer({ MONTAGE_SECRET: SECRET, ...(url ? { DATABASE_URL: url } : { MONTAGE_DATA_DIR: path.join(dataDir!, 'pglite') }) });
    try {
      const cookie = `${OWNER_COOKIE}=${encodeURIComponent(signOwner(ownerId, SECRET))}`;
      const get = async (pathname: string) => {
        const response = await fetch(`${server.baseUrl}${pathname}`, { headers: { cookie } });
        const body = await response.text();
        if (!response.ok) throw new Error(`${pathname}: HTTP ${response.status}`);
        return Buffer.byteLength(body);
      };
      // A served page's time as a visitor meets it in a running server: every page requested a few
      // times first (a fresh process compiles its code on the first requests), then 30 times each.
      const pathnames = ['/', ...FILTERS.map((filter) => `/library?${filter.search}&page=2`)];
      for (let k = 0; k < 5; k += 1) for (const pathname of pathnames) await get(pathname);
      const homeBytes = await get('/');
      const homeMs = await p50(() => get('/'), PAGE_RUNS);
      results[`${engine} ${size} home page bytes`] = homeBytes;
      results[`${engine} ${size} home page p50 ms`] = homeMs;
      print({ kind: 'page', engine, tracks: size, page: '/', htmlBytes: homeBytes, p50Ms: homeMs });
      for (const filter of FILTERS) {
        const pathname = `/library?${filter.search}&page=2`;
        const bytes = await get(pathname);
        const ms = await p50(() => get(pathname), PAGE_RUNS);
        results[`${engine} ${size} library page "${filter.name}" p50 ms`] = ms;
        print({ kind: 'page', engine, tracks: size, page: pathname, htmlBytes: bytes, p50Ms: ms });
      }
    } finally {
      await server.stop();
    }
  } finally {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (dbName) {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }
  }
}

const startedAt = performance.now();
const load = loadavg()[0]!;
const results: Record<string, number> = {};
const engines = (argument('engine') ?? process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',') as ('pglite' | 'postgres')[];
for (const engine of engines) for (const size of SIZES) await measure(engine, size, results);

const worst = (keys: string[]) => {
  const measured = keys.map((k) => results[k]).filter((x): x is number => x !== undefined);
  return measured.length === 0 ? undefined : Math.max(...measured);
};
const targets: Record<string, { measured: number; met: boolean }> = {};
const target = (name: string, measured: number | undefined, limit: number) => {
  if (measured !== undefined) targets[name] = { measured, met: measured <= limit };
};
for (const engine of engines) {
  const builds = (size: number) => (['run', 'circuit', 'hiit'] as const).map((m) => `${engine} ${size} build ${m} p50 ms`);
  target(`${engine}: 60-min build from 10,000 tracks ≤ 60 ms (worst mode)`, worst(builds(10_000)), 60);
  target(`${engine}: 60-min build from 100,000 tracks ≤ 300 ms (worst mode)`, worst(builds(100_000)), 300);
  target(`${engine}: store 10,000 liked songs ≤ 10 s`, results[`${engine} import 10,000 liked songs ms`], 10_000);
  target(`${engine}: library page query at 100,000 ≤ 50 ms (worst filter)`, worst(FILTERS.map((f) => `${engine} 100000 library query "${f.name}" p50 ms`)), 50);
  target(`${engine}: library page served at 100,000 ≤ 50 ms (worst filter)`, worst(FILTERS.map((f) => `${engine} 100000 library page "${f.name}" p50 ms`)), 50);
  target(`${engine}: home page at 100,000 ≤ 100 KB HTML`, results[`${engine} 100000 home page bytes`], 100 * 1024);
}
print({
  kind: 'summary',
  machine: { cpus: cpus().length, loadAverageAtStart: round(load, 2), loadAverageAtEnd: round(loadavg()[0]!, 2), node: process.version },
  targets,
  benchSeconds: round((performance.now() - startedAt) / 1000),
});
