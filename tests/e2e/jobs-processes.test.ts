import { afterAll, describe, expect, it } from 'vitest';
import { ROCKY_IV_CATALOG } from '../../lib/catalog/rocky-iv';
import { startFakeSpotify, type FakeSpotify } from '../fakes/spotify';
import { startAppServer, type AppServer } from '../support/app-server';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../support/postgres-db';

let spotify: FakeSpotify;
let database: ThrowawayDatabase;
const running: AppServer[] = [];
afterAll(async () => {
  await Promise.all(running.map((app) => app.stop()));
  await database?.drop();
  await spotify?.close();
});

describe('background work on two processes, one PostgreSQL', () => {
  it('finds the soundtrack on Spotify once, not once per process', async () => {
    spotify = await startFakeSpotify({});
    database = await createThrowawayDatabase();
    const env = {
      DATABASE_URL: database.url,
      SPOTIFY_CLIENT_ID: spotify.clientId,
      SPOTIFY_CLIENT_SECRET: spotify.clientSecret,
      SPOTIFY_ACCOUNTS_BASE_URL: spotify.accountsBaseUrl,
      SPOTIFY_API_BASE_URL: spotify.apiBaseUrl,
    };
    // Each one is kept as it starts, so that afterAll stops it even if the other fails to start.
    await Promise.all([0, 1].map(async () => running.push(await startAppServer(env))));
    // Each catalog track is searched once in all (the job runs on one process), whenever it finishes.
    await expect.poll(() => spotify.requests({ path: '/v1/search' }).length, { timeout: 60_000, interval: 500 }).toBeGreaterThanOrEqual(ROCKY_IV_CATALOG.length);
    await new Promise((r) => setTimeout(r, 3000)); // a second run, if any, would have searched again by now
    expect(spotify.requests({ path: '/v1/search' }).length).toBe(ROCKY_IV_CATALOG.length);
  });
});
