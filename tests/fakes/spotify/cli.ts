import { parseArgs } from 'node:util';
import { startFakeSpotify } from './server';

/**
 * Runs the fake Spotify on its own, e.g. to click through "Sign in with Spotify" in `npm run dev`:
 *   npx tsx tests/fakes/spotify/cli.ts --port 4010 --library 500
 * and start the app with the environment it prints.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    library: { type: 'string', default: '200' },
    redirect: { type: 'string', default: 'http://127.0.0.1:3000/api/auth/callback/spotify' },
    'token-lifetime': { type: 'string', default: '3600' },
  },
});

const fake = await startFakeSpotify({
  port: Number(values.port),
  redirectUris: [values.redirect],
  accessTokenLifetimeSec: Number(values['token-lifetime']),
});
fake.seedUser({ id: 'rocky-balboa', displayName: 'Rocky Balboa', library: Number(values.library) });
fake.seedUser({ id: 'adrian', displayName: 'Adrian', library: fake.rockyIvTracks });

console.log(`Fake Spotify on ${fake.url} (users: rocky-balboa, adrian). Start the app with:
SPOTIFY_CLIENT_ID=${fake.clientId}
SPOTIFY_CLIENT_SECRET=${fake.clientSecret}
SPOTIFY_ACCOUNTS_BASE_URL=${fake.accountsBaseUrl}
SPOTIFY_API_BASE_URL=${fake.apiBaseUrl}`);

const stop = () => void fake.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
