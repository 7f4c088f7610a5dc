import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeSpotify, type FakeSpotify } from '../fakes/spotify';
import { startAppServer, type AppServer } from '../support/app-server';
import { launchChromium } from '../support/browser';
import { eventually } from './pages';
import { SpotifyPanel } from './spotify-pages';

let spotify: FakeSpotify | undefined;
let browser: Browser | undefined;
const running: AppServer[] = [];
const folder = mkdtempSync(path.join(tmpdir(), 'montage-jobs-embedded-'));

afterAll(async () => {
  await browser?.close();
  await Promise.all(running.map((app) => app.stop()));
  await spotify?.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('background work on the embedded database (one process)', () => {
  it('an import cut short by kill -9 goes on at the next start, with no click, from the stored offset', async () => {
    const LIBRARY = 3000;
    const fake = (spotify = await startFakeSpotify({}));
    const seeded = fake.seedUser({ id: 'clubber-lang', displayName: 'Clubber Lang', library: LIBRARY });
    const env = (baseUrl: string) => {
      fake.allowRedirectUri(`${baseUrl}/api/auth/callback/spotify`);
      return {
        MONTAGE_DATA_DIR: path.join(folder, 'pglite'),
        SPOTIFY_CLIENT_ID: fake.clientId,
        SPOTIFY_CLIENT_SECRET: fake.clientSecret,
        SPOTIFY_ACCOUNTS_BASE_URL: fake.accountsBaseUrl,
        SPOTIFY_API_BASE_URL: fake.apiBaseUrl,
        NEXTAUTH_URL: baseUrl,
      };
    };
    const first = await startAppServer(env);
    running.push(first);
    browser = await launchChromium();
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${first.baseUrl}/`);
    await new SpotifyPanel(page).connect();
    fake.inject({ method: 'GET', path: '/v1/me/tracks', times: 100_000, fault: { kind: 'slow', delayMs: 200 } });
    await page.getByRole('button', { name: 'Import liked songs' }).click();
    const progressOn = async (app: AppServer) => (await context.request.get(`${app.baseUrl}/api/spotify/import`)).json();
    await eventually(async () => (await progressOn(first)).imported >= 300, 60_000).toBe(true);

    const beforeKill = (await progressOn(first)).imported as number;
    await first.kill();
    running.splice(running.indexOf(first), 1);
    const killedAtSeq = fake.log.at(-1)?.seq ?? 0;
    const second = await startAppServer(env);
    running.push(second);

    await eventually(async () => (await progressOn(second)).status, 120_000).toBe('done');
    expect(await progressOn(second)).toMatchObject({ imported: LIBRARY, total: LIBRARY });
    const pages = fake
      .requests({ method: 'GET', path: '/v1/me/tracks' })
      .filter((r) => r.userId === seeded.user.id && r.status === 200)
      .map((r) => ({ seq: r.seq, offset: Number(r.query.offset) }));
    // After the restart it fetched from where the stored progress said, not from the start.
    const afterRestart = pages.filter((p) => p.seq > killedAtSeq).map((p) => p.offset);
    expect(afterRestart.length).toBeGreaterThan(0);
    expect(Math.min(...afterRestart)).toBeGreaterThanOrEqual(beforeKill);
    const offsets = pages.map((p) => p.offset);
    expect(new Set(offsets).size).toBe(LIBRARY / 50);
    expect(offsets.length - new Set(offsets).size).toBeLessThanOrEqual(1);
    fake.clearFaults();
  }, 240_000);
});
