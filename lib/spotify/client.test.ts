import { describe, expect, it } from 'vitest';
import { createSpotifyClient, isQuotaExceeded, parseRetryAfter, type SpotifyClientConfig, type SpotifyRequest } from './client';
import { SpotifyError } from './errors';
import { rejectionOf } from '../../tests/support/rejection';

/**
 * The retry policy of lib/spotify/README.md, rule by rule, against a scripted fetch: each entry
 * answers one attempt. (tests/integration/spotify-failures.test.ts plays the same rules against
 * the loopback fake; these pin the bounds exactly.)
 */
type Step = Response | Error;

function scripted(steps: Step[], config: Partial<SpotifyClientConfig> = {}) {
  const sent: { url: string; init: RequestInit }[] = [];
  const sleeps: number[] = [];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    sent.push({ url: String(input), init: init ?? {} });
    const step = steps[sent.length - 1];
    if (step === undefined) throw new Error(`unexpected attempt ${sent.length}`);
    if (step instanceof Error) throw step;
    return step;
  }) as typeof fetch;
  const client = createSpotifyClient({
    apiBaseUrl: 'http://api.spotify.test',
    accountsBaseUrl: 'http://accounts.spotify.test',
    clientId: 'client-id',
    clientSecret: 'client-secret',
    fetchImpl,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...config,
  });
  return { client, sent, sleeps };
}

const ok = () => new Response(JSON.stringify({ id: 'me' }), { status: 200, headers: { 'content-type': 'application/json' } });
const apiError = (status: number, headers: Record<string, string> = {}, message = 'API rate limit exceeded') =>
  new Response(JSON.stringify({ error: { status, message } }), { status, headers: { 'content-type': 'application/json', ...headers } });
const dropped = () => new TypeError('fetch failed', { cause: new Error('socket hang up') });

const getMe: SpotifyRequest = { service: 'api', method: 'GET', path: '/v1/me', auth: { kind: 'bearer', tokens: { getAccessToken: async () => 'token' } } };
const createPlaylist: SpotifyRequest = { ...getMe, method: 'POST', path: '/v1/me/playlists', json: { name: 'Run' } };

const failure = (promise: Promise<unknown>) => rejectionOf(promise, SpotifyError);

describe('429', () => {
  it('waits a Retry-After of exactly the cap (30 s), and not one of 31 s', async () => {
    const atCap = scripted([apiError(429, { 'Retry-After': '30' }), ok()]);
    await atCap.client.send(getMe);
    expect(atCap.sleeps).toEqual([30_000]);

    const overCap = scripted([apiError(429, { 'Retry-After': '31' })]);
    expect(await failure(overCap.client.send(getMe))).toMatchObject({ code: 'rate_limited', status: 429, retryAfterSec: 31 });
    expect([overCap.sent.length, overCap.sleeps]).toEqual([1, []]);
  });

  it('waits 1 s when Spotify gives no Retry-After', async () => {
    const { client, sleeps } = scripted([apiError(429), ok()]);
    await client.send(getMe);
    expect(sleeps).toEqual([1_000]);
  });

  it('reads a Retry-After given as an HTTP date', async () => {
    // An HTTP date has whole seconds: 4.5 s from now reads as 4 or 5 s (rounded up), with half a second to spare.
    const in5s = new Date(Date.now() + 4_500).toUTCString();
    const { client, sleeps } = scripted([apiError(429, { 'Retry-After': in5s }), ok()]);
    await client.send(getMe);
    expect(sleeps).toHaveLength(1);
    expect([4_000, 5_000]).toContain(sleeps[0]);
  });
});

describe('5xx, timeouts and network failures', () => {
  it('waits a 5xx’s Retry-After (when within the cap) instead of the backoff', async () => {
    const { client, sleeps } = scripted([apiError(503, { 'Retry-After': '7' }, 'busy'), apiError(503, { 'Retry-After': '600' }, 'busy'), ok()]);
    await client.send(getMe);
    expect(sleeps).toEqual([7_000, 1_000]); // the second Retry-After is over the cap: backoff n=1
  });

  it('backs off 0.5, 1, 2 … s, never more than the maximum', async () => {
    const { client, sleeps, sent } = scripted(Array.from({ length: 7 }, () => apiError(500, {}, 'oops')), { retry: { maxServerRetries: 6, maxBackoffMs: 5_000 } });
    expect(await failure(client.send(getMe))).toMatchObject({ code: 'unavailable', status: 500, mayHaveApplied: false, detail: 'oops' });
    expect(sent).toHaveLength(7);
    expect(sleeps).toEqual([500, 1_000, 2_000, 4_000, 5_000, 5_000]);
  });

  it('never repeats a POST blindly: a 5xx or a dropped connection says it may have been applied', async () => {
    const answered = scripted([apiError(502, {}, 'bad gateway'), ok()]);
    expect(await failure(answered.client.send(createPlaylist))).toMatchObject({ code: 'unavailable', status: 502, mayHaveApplied: true });
    expect([answered.sent.length, answered.sleeps]).toEqual([1, []]);

    const lost = scripted([dropped(), ok()]);
    const error = await failure(lost.client.send(createPlaylist));
    expect(error).toMatchObject({ code: 'unavailable', status: null, mayHaveApplied: true, detail: 'fetch failed (socket hang up)' });
    expect(lost.sent).toHaveLength(1);
  });

  it('repeats a POST marked idempotent (a token request) like a GET', async () => {
    const { client, sent, sleeps } = scripted([dropped(), ok()]);
    await client.send({ service: 'accounts', method: 'POST', path: '/api/token', form: { grant_type: 'client_credentials' }, auth: { kind: 'client' }, idempotent: true });
    expect([sent.length, sleeps]).toEqual([2, [500]]);
    expect(sent[1]!.url).toBe('http://accounts.spotify.test/api/token');
    expect(sent[1]!.init.body).toBe('grant_type=client_credentials');
    expect((sent[1]!.init.headers as Record<string, string>).Authorization).toBe(`Basic ${Buffer.from('client-id:client-secret').toString('base64')}`);
  });
});

describe('requests needing the client secret', () => {
  it('refuses at once, sending nothing, when no secret is configured', async () => {
    const { client, sent } = scripted([ok()], { clientSecret: undefined });
    const error = await failure(client.send({ service: 'accounts', method: 'POST', path: '/api/token', form: { grant_type: 'client_credentials' }, auth: { kind: 'client' } }));
    expect(error).toMatchObject({ code: 'invalid_client', detail: 'no client secret configured' });
    expect(sent).toHaveLength(0);
    expect(client.hasClientSecret).toBe(false);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds (with spaces or a fraction), a date in the past as 0, and nothing from blanks', () => {
    expect(parseRetryAfter(' 7 ')).toBe(7);
    expect(parseRetryAfter('1.5')).toBe(1.5);
    expect(parseRetryAfter('')).toBeNull();
    expect(parseRetryAfter('   ')).toBeNull();
    expect(parseRetryAfter('7 seconds')).toBeNull();
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT', Date.parse('Wed, 21 Oct 2026 07:29:00 GMT'))).toBe(0);
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT', Date.parse('Wed, 21 Oct 2026 07:27:59.500 GMT'))).toBe(1);
  });
});

describe('isQuotaExceeded', () => {
  it('reads a plain-text body too, and the reason only as a whole word in the message', () => {
    expect(isQuotaExceeded('QUOTA_EXCEEDED: try tomorrow')).toBe(true);
    expect(isQuotaExceeded('Too many requests')).toBe(false);
    expect(isQuotaExceeded({ error: { status: 429, message: 'NOT_QUOTA_EXCEEDEDX' } })).toBe(false);
    expect(isQuotaExceeded({ error: 'QUOTA_EXCEEDED' })).toBe(false);
  });
});

describe('what a refusal becomes', () => {
  const answer = (status: number, body: unknown) =>
    new Response(body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const token = (form: Record<string, string>): SpotifyRequest => ({ service: 'accounts', method: 'POST', path: '/api/token', form, auth: { kind: 'client' }, idempotent: true });
  const refusal = async (status: number, body: unknown, request: SpotifyRequest = getMe) => failure(scripted([answer(status, body)]).client.send(request));

  it('an API answer: by status and Spotify’s reason, with the status and Spotify’s words for the logs', async () => {
    const cases: [number, unknown, string, string][] = [
      [404, { error: { status: 404, message: 'Player command failed: No active device found', reason: 'NO_ACTIVE_DEVICE' } }, 'no_active_device', 'Player command failed: No active device found'],
      [404, { error: { status: 404, message: 'Resource not found' } }, 'not_found', 'Resource not found'],
      [403, { error: { status: 403, message: 'Player command failed: Premium required', reason: 'PREMIUM_REQUIRED' } }, 'premium_required', 'Player command failed: Premium required'],
      [403, { error: { status: 403, message: 'Insufficient client scope' } }, 'forbidden', 'Insufficient client scope'],
      [400, { error: { status: 400, message: 'Invalid limit', reason: 'NO_ACTIVE_DEVICE' } }, 'bad_request', 'Invalid limit'],
      [300, { error: { status: 300, message: 'Multiple choices' } }, 'bad_request', 'Multiple choices'],
      // Bodies that are not Spotify's error object are still told, cut to 200 characters.
      [400, { error: 'invalid_request', error_description: 'limit too large' }, 'bad_request', 'invalid_request: limit too large'],
      [400, { error: null }, 'bad_request', '{"error":null}'],
      [400, { error: { status: 400 } }, 'bad_request', '{"error":{"status":400}}'],
      [400, [1, 2], 'bad_request', '[1,2]'],
      [400, `<html>${'x'.repeat(300)}</html>`, 'bad_request', `<html>${'x'.repeat(194)}`],
      [400, undefined, 'bad_request', '(empty body)'],
      [400, { note: 'y'.repeat(300) }, 'bad_request', JSON.stringify({ note: 'y'.repeat(300) }).slice(0, 200)],
      // A reason counts only with its own status.
      [404, { error: { status: 404, message: 'Gone', reason: 'PREMIUM_REQUIRED' } }, 'not_found', 'Gone'],
    ];
    for (const [status, body, code, detail] of cases) {
      expect(await refusal(status, body), `${status} ${JSON.stringify(body)}`).toMatchObject({ code, status, detail });
    }
  });

  it('a 401 that no refresh can mend is `unauthorized`', async () => {
    expect(await refusal(401, { error: { status: 401, message: 'The access token expired' } })).toMatchObject({ code: 'unauthorized', status: 401, detail: 'The access token expired' });
  });

  it('a token answer: a refused refresh token asks to reconnect, refused credentials name the app', async () => {
    expect(await refusal(400, { error: 'invalid_grant', error_description: 'Refresh token revoked' }, token({ grant_type: 'refresh_token' }))).toMatchObject({
      code: 'reconnect_required',
      status: 400,
      detail: 'invalid_grant: Refresh token revoked',
    });
    for (const error of ['invalid_client', 'unauthorized_client']) {
      expect(await refusal(401, { error }, token({ grant_type: 'client_credentials' }))).toMatchObject({ code: 'invalid_client', status: 401, detail: error });
    }
    // Another refusal of the token request is not about the app's credentials, nor are the same words from the Web API.
    expect(await refusal(400, { error: 'invalid_request' }, token({ grant_type: 'client_credentials' }))).toMatchObject({ code: 'bad_request', detail: 'invalid_request' });
    expect(await refusal(400, { error: 'invalid_client' })).toMatchObject({ code: 'bad_request' });
  });

  it('a quota refusal keeps Spotify’s words', async () => {
    const quota = { error: { status: 429, message: 'Quota exceeded for this app', reason: 'QUOTA_EXCEEDED' } };
    expect(await refusal(429, quota)).toMatchObject({ code: 'quota_exceeded', status: 429, detail: 'Quota exceeded for this app' });
  });

  it('an attempt cut off by the timeout says so; a dropped connection without a cause says what it can', async () => {
    const aborted = Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });
    const timedOut = scripted([aborted], { retry: { maxServerRetries: 0 }, timeoutMs: 2_500 });
    expect(await failure(timedOut.client.send(getMe))).toMatchObject({ code: 'unavailable', status: null, detail: 'no answer within 2500 ms' });
    const bare = scripted([new TypeError('fetch failed')], { retry: { maxServerRetries: 0 } });
    expect(await failure(bare.client.send(getMe))).toMatchObject({ code: 'unavailable', detail: 'fetch failed' });
  });
});

describe('the requests it sends', () => {
  it('to the configured base, whatever its trailing slashes, on the scheme’s default port', async () => {
    const behindProxy = scripted([ok()], { apiBaseUrl: 'https://gateway.example/spotify//' });
    await behindProxy.client.send({ ...getMe, query: { limit: 10, market: undefined } });
    expect(behindProxy.sent[0]!.url).toBe('https://gateway.example/spotify/v1/me?limit=10');
    expect((behindProxy.sent[0]!.init.headers as Record<string, string>).Accept).toBe('application/json');
  });

  it('refuses a base URL it cannot use, naming the setting', () => {
    expect(() => scripted([], { apiBaseUrl: 'api.spotify.com' })).toThrow('apiBaseUrl must be an absolute URL, got "api.spotify.com"');
    expect(() => scripted([], { accountsBaseUrl: 'ftp://accounts.spotify.com' })).toThrow('accountsBaseUrl must be http(s), got "ftp://accounts.spotify.com"');
  });

  it('waits a 5xx’s Retry-After of exactly the cap', async () => {
    const { client, sleeps } = scripted([apiError(503, { 'Retry-After': '30' }, 'busy'), ok()]);
    await client.send(getMe);
    expect(sleeps).toEqual([30_000]);
  });

  it('reports each attempt with its status and how long it took', async () => {
    const attempts: { status: number | null; durationMs: number }[] = [];
    const { client } = scripted([apiError(500, {}, 'oops'), ok()], { onAttempt: (a) => attempts.push(a) });
    await client.send(getMe);
    expect(attempts.map((a) => a.status)).toEqual([500, 200]);
    for (const a of attempts) {
      expect(a.durationMs).toBeGreaterThanOrEqual(0);
      expect(a.durationMs).toBeLessThan(5_000);
    }
  });

  it('reads Retry-After as delta-seconds only when it is all digits', () => {
    expect(parseRetryAfter('1.25')).toBe(1.25);
    expect(parseRetryAfter('-7')).toBe(0); // not a number of seconds; read as a date, long past
  });
});
