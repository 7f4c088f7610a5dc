import type { Browser, BrowserContext, Page } from 'playwright-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROCKY_IV_CATALOG } from '../../lib/catalog/rocky-iv';
import { startFakeDeezer, type FakeDeezer } from '../fakes/deezer/server';
import { startFakeSpotify, type FakeSpotify } from '../fakes/spotify';
import { startAppServer, type AppServer } from '../support/app-server';
import { launchChromium } from '../support/browser';
import { HttpVisitor } from '../support/http-visitor';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../support/postgres-db';
import { eventually } from './pages';

/**
 * Background work on two `next start` processes, A and B, on one PostgreSQL: each job runs once
 * for both, and a process killed in the middle (kill -9) leaves a job the other finishes, from
 * where the stored progress says.
 */
let spotify: FakeSpotify;
let deezer: FakeDeezer;
let database: ThrowawayDatabase;
let browser: Browser;
let a: AppServer;
let b: AppServer;
const running: AppServer[] = [];

beforeAll(async () => {
  spotify = await startFakeSpotify({});
  deezer = await startFakeDeezer();
  database = await createThrowawayDatabase();
  const env = (baseUrl: string) => {
    spotify.allowRedirectUri(`${baseUrl}/api/auth/callback/spotify`);
    return {
      DATABASE_URL: database.url,
      SPOTIFY_CLIENT_ID: spotify.clientId,
      SPOTIFY_CLIENT_SECRET: spotify.clientSecret,
      SPOTIFY_ACCOUNTS_BASE_URL: spotify.accountsBaseUrl,
      SPOTIFY_API_BASE_URL: spotify.apiBaseUrl,
      DEEZER_API_BASE_URL: deezer.baseUrl,
      NEXTAUTH_URL: baseUrl,
    };
  };
  // Each one is kept as it starts, so that afterAll stops it even if the other fails to start.
  const [first, second] = await Promise.all(
    [0, 1].map(async () => {
      const app = await startAppServer(env);
      running.push(app);
      return app;
    }),
  );
  [a, b] = [first!, second!];
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(running.map((app) => app.stop()));
  await database?.drop();
  await spotify?.close();
  await deezer?.close();
});

async function query<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Connect Spotify on `baseUrl` as this fake user (their own browser); returns their context. */
async function connectAs(baseUrl: string, spotifyUserId: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${baseUrl}/`);
  await page.getByRole('button', { name: /^Connect Spotify/ }).click();
  await page.locator('#user_id').selectOption(spotifyUserId);
  await page.getByRole('button', { name: 'Agree' }).click();
  await page.getByText('Connected as').waitFor({ timeout: 30_000 });
  return { context, page };
}

/** The import's progress as a process answers it (the same cookies on both: ports share cookies). */
async function progressOn(context: BrowserContext, app: AppServer): Promise<{ status: string; imported: number; total: number | null }> {
  return (await context.request.get(`${app.baseUrl}/api/spotify/import`)).json();
}

/** Page offsets Spotify answered for this user, in the order asked, with each request's log sequence. */
function pagesOf(spotifyUserId: string) {
  return spotify
    .requests({ method: 'GET', path: '/v1/me/tracks' })
    .filter((r) => r.userId === spotifyUserId && r.status === 200)
    .map((r) => ({ seq: r.seq, offset: Number(r.query.offset) }));
}

async function storedRows(spotifyUserId: string): Promise<{ rows: number; songs: number }> {
  const [row] = await query<{ rows: string; songs: string }>(
    `select count(*) as rows, count(distinct t.spotify_id) as songs from tracks t join users u on u.owner_id = t.owner_id
      where u.spotify_id = $1 and t.origin = 'spotify'`,
    [spotifyUserId],
  );
  return { rows: Number(row!.rows), songs: Number(row!.songs) };
}

describe('background work on two processes, one PostgreSQL', () => {
  it('finds the soundtrack on Spotify once, not once per process', async () => {
    // Each catalog track is searched once in all (the job runs on one process), whenever it finishes.
    await expect.poll(() => spotify.requests({ path: '/v1/search' }).length, { timeout: 60_000, interval: 500 }).toBeGreaterThanOrEqual(ROCKY_IV_CATALOG.length);
    await new Promise((r) => setTimeout(r, 3000)); // a second run, if any, would have searched again by now
    expect(spotify.requests({ path: '/v1/search' }).length).toBe(ROCKY_IV_CATALOG.length);
  });

  it('an import clicked on A and on B at the same moment runs once: each liked song fetched and stored once, both show the same progress', async () => {
    const LIBRARY = 1500;
    const seeded = spotify.seedUser({ id: 'apollo-creed', displayName: 'Apollo Creed', library: LIBRARY });
    const { context, page: onA } = await connectAs(a.baseUrl, seeded.user.id);
    const onB = await context.newPage();
    await onB.goto(`${b.baseUrl}/`);
    await onB.getByText('Connected as').waitFor({ timeout: 30_000 });

    // Each page of 50 answers after 150 ms, as a real network would: the import takes seconds.
    spotify.inject({ method: 'GET', path: '/v1/me/tracks', times: 100_000, fault: { kind: 'slow', delayMs: 150 } });
    const answers = [onA, onB].map((page) => page.waitForResponse((r) => r.url().endsWith('/api/spotify/import') && r.request().method() === 'POST'));
    await Promise.all([onA, onB].map((page) => page.getByRole('button', { name: 'Import liked songs' }).click()));
    const started = await Promise.all(answers);
    // Neither click is refused: the second is told about the import the first started.
    expect(started.map((r) => r.status())).toEqual([202, 202]);
    expect((await Promise.all(started.map((r) => r.json()))).map((body) => body.status)).toEqual(['running', 'running']);

    // Both processes answer the stored progress: B's reading lies between two of A's around it.
    let compared = 0;
    for (;;) {
      const before = await progressOn(context, a);
      const onBNow = await progressOn(context, b);
      const after = await progressOn(context, a);
      if (after.status !== 'running') break;
      expect(onBNow.imported).toBeGreaterThanOrEqual(before.imported);
      expect(onBNow.imported).toBeLessThanOrEqual(after.imported);
      if (before.imported > 0) compared += 1;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(compared).toBeGreaterThan(0);

    // Both pages' bars reach the end, each polling its own process.
    for (const page of [onA, onB]) {
      await eventually(() => page.getByTestId('import-status').textContent(), 30_000).toBe(`Library up to date: ${LIBRARY} songs in the last import.`);
      expect(await page.getByRole('progressbar', { name: 'Liked songs imported' }).getAttribute('aria-valuenow')).toBe(String(LIBRARY));
    }
    const offsets = pagesOf(seeded.user.id).map((p) => p.offset);
    expect(offsets).toEqual(Array.from({ length: LIBRARY / 50 }, (_, i) => i * 50));
    expect(await storedRows(seeded.user.id)).toEqual({ rows: LIBRARY, songs: LIBRARY });
    spotify.clearFaults();
    await context.close();
  }, 180_000);

  it('a tempo lookup started on A and on B at the same moment runs once: each ISRC asked once', async () => {
    const visitor = new HttpVisitor(a.baseUrl);
    const isrcs = Array.from({ length: 30 }, (_, i) => `QZPRC26${String(i).padStart(5, '0')}`);
    isrcs.forEach((isrc, i) => deezer.addTrack(isrc, { id: 5000 + i, title: `Song ${i}`, artist: 'Tester', bpm: 100 + i, durationSec: 200 }));
    const added = await visitor.json('POST', '/api/tracks/local', {
      tracks: isrcs.map((isrc, i) => ({ title: `Song ${i}`, artist: 'Tester', durationMs: 200_000 + i, bpm: null, isrc })),
    });
    expect(added.status).toBe(201);
    const trackIds: string[] = added.body.tracks.map((t: { id: string }) => t.id);
    deezer.requests.length = 0;

    const start = { trackIds };
    const [onA, onB] = await Promise.all([visitor.json('POST', '/api/tempo/lookup/run', start), visitor.on(b.baseUrl).json('POST', '/api/tempo/lookup/run', start)]);
    expect([onA.status, onB.status]).toEqual([202, 202]);
    expect([onA.body, onB.body].map((run) => [run.status, run.total])).toEqual([
      ['running', 30],
      ['running', 30],
    ]);
    await eventually(async () => (await visitor.json('GET', '/api/tempo/lookup/run')).body.status, 60_000).toBe('done');
    const [finalA, finalB] = await Promise.all([visitor.json('GET', '/api/tempo/lookup/run'), visitor.on(b.baseUrl).json('GET', '/api/tempo/lookup/run')]);
    expect(finalA.body).toEqual({ status: 'done', total: 30, answered: 30, found: 30, unknown: 0, failed: 0, notAsked: 0, error: null });
    expect(finalB.body).toEqual(finalA.body);
    expect(deezer.requests).toHaveLength(30);
    expect(new Set(deezer.requests).size).toBe(30);
  }, 120_000);

  it('two owners’ tempo lookups on A and on B at once share one Deezer budget: none is refused for the quota, and both finish', async () => {
    const PER_OWNER = 60;
    const owners = [new HttpVisitor(a.baseUrl), new HttpVisitor(b.baseUrl)];
    const starts = await Promise.all(
      owners.map(async (visitor, o) => {
        const isrcs = Array.from({ length: PER_OWNER }, (_, i) => `QZPRD${o}6${String(i).padStart(5, '0')}`);
        isrcs.forEach((isrc, i) => deezer.addTrack(isrc, { id: 8000 + o * 100 + i, title: `Pace ${isrc}`, artist: 'Tester', bpm: 90 + i, durationSec: 200 }));
        const trackIds: string[] = [];
        // At most 50 files a request, as the browser sends them.
        for (const part of [isrcs.slice(0, 30), isrcs.slice(30)]) {
          const added = await visitor.json('POST', '/api/tracks/local', {
            tracks: part.map((isrc) => ({ title: `Pace ${isrc}`, artist: 'Tester', durationMs: 200_000, bpm: null, isrc })),
          });
          expect(added.status, JSON.stringify(added.body)).toBe(201);
          trackIds.push(...added.body.tracks.map((t: { id: string }) => t.id));
        }
        return { trackIds };
      }),
    );
    deezer.requests.length = 0;
    const refusedBefore = deezer.quotaRefusals;

    // Each run alone keeps to Deezer's 50 per 5 s; two at once would ask twice that, but for the shared budget.
    const started = await Promise.all(owners.map((visitor, o) => visitor.json('POST', '/api/tempo/lookup/run', starts[o])));
    expect(started.map((r) => r.status)).toEqual([202, 202]);
    for (const visitor of owners) {
      await eventually(async () => (await visitor.json('GET', '/api/tempo/lookup/run')).body.status, 90_000).toBe('done');
      expect((await visitor.json('GET', '/api/tempo/lookup/run')).body).toMatchObject({ status: 'done', total: PER_OWNER, found: PER_OWNER, failed: 0, notAsked: 0 });
    }
    expect(deezer.quotaRefusals - refusedBefore).toBe(0);
    expect(deezer.requests).toHaveLength(2 * PER_OWNER);
  }, 150_000);

  it('kill -9 of the process running an import: the other finishes it with no click, from the stored offset, each song once', async () => {
    const LIBRARY = 6000;
    const seeded = spotify.seedUser({ id: 'ivan-drago', displayName: 'Ivan Drago', library: LIBRARY });
    const { context, page } = await connectAs(a.baseUrl, seeded.user.id);
    // 120 pages of 300 ms: half a minute of slices, run by either process.
    spotify.inject({ method: 'GET', path: '/v1/me/tracks', times: 100_000, fault: { kind: 'slow', delayMs: 300 } });
    await page.getByRole('button', { name: 'Import liked songs' }).click();

    // Slices of the import run on either process (which one claims a slice is the queue's choice):
    // kill the one that is in the middle of a slice once a few pages are stored.
    const isMidSlice = (app: AppServer) => {
      const lines = app
        .output()
        .split('\n')
        .filter((line) => line.includes('"work":"library-import"'));
      return lines.length > 0 && lines.at(-1)!.includes('job slice started');
    };
    let killed: AppServer | undefined;
    await eventually(async () => {
      if ((await progressOn(context, b)).imported < 300) return false;
      killed = [a, b].find(isMidSlice);
      return killed !== undefined;
    }, 90_000).toBe(true);
    const other = killed === a ? b : a;
    await killed!.kill();
    running.splice(running.indexOf(killed!), 1);
    const killedAtSeq = spotify.log.at(-1)?.seq ?? 0;
    const killedAt = Date.now();
    const [run] = await query<{ next_offset: number; imported: number }>(
      `select l.next_offset, l.imported from library_imports l join users u on u.id = l.user_id where u.spotify_id = $1`,
      [seeded.user.id],
    );
    expect(run!.next_offset).toBeGreaterThan(0);
    expect(run!.next_offset).toBeLessThan(LIBRARY);

    // No click: the other takes the job over once the killed one's slice has expired, and finishes it.
    await eventually(async () => pagesOf(seeded.user.id).some((p) => p.seq > killedAtSeq), 90_000).toBe(true);
    const takeoverMs = Date.now() - killedAt;
    await eventually(async () => (await progressOn(context, other)).status, 120_000).toBe('done');
    const killToDoneMs = Date.now() - killedAt;
    const afterKill = pagesOf(seeded.user.id).filter((p) => p.seq > killedAtSeq);
    expect(afterKill.length).toBeGreaterThan(0);
    // It went on from the stored offset: nothing before it was fetched again (the page A had in flight may be).
    expect(Math.min(...afterKill.map((p) => p.offset))).toBe(run!.next_offset);
    const all = pagesOf(seeded.user.id).map((p) => p.offset);
    expect(new Set(all)).toEqual(new Set(Array.from({ length: LIBRARY / 50 }, (_, i) => i * 50)));
    expect(all.length - new Set(all).size).toBeLessThanOrEqual(1);
    expect(await progressOn(context, other)).toMatchObject({ status: 'done', imported: LIBRARY, total: LIBRARY });
    expect(await storedRows(seeded.user.id)).toEqual({ rows: LIBRARY, songs: LIBRARY });
    console.log(JSON.stringify({ figure: 'import taken over after kill -9', killed: killed === a ? 'A' : 'B', storedOffsetAtKill: run!.next_offset, takeoverMs, killToDoneMs }));
    spotify.clearFaults();
    await context.close();
  }, 240_000);
});
