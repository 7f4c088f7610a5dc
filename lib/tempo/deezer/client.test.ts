import { describe, expect, it } from 'vitest';
import { createDeezerClient, DeezerTransportError } from './client';

/** A fetch stand-in: answers from a script, one entry per call, and records what was asked. */
function scriptedFetch(script: ((url: string, init: RequestInit) => Promise<Response>)[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, init: init ?? {} });
    const next = script[calls.length - 1];
    if (!next) throw new Error(`unexpected request ${calls.length}: ${url}`);
    return next(url, init ?? {});
  }) as typeof fetch;
  return { fetchImpl, calls };
}

const json = (body: unknown, status = 200) => async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const dropped = async (): Promise<Response> => {
  throw new TypeError('fetch failed', { cause: new Error('other side closed') });
};
/** Never answers: only the client's abort signal ends it (as a hung Deezer would). */
const hung = (_url: string, init: RequestInit) =>
  new Promise<Response>((_, reject) => {
    init.signal?.addEventListener('abort', () => reject(init.signal!.reason));
  });

async function transportError(promise: Promise<unknown>): Promise<DeezerTransportError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeezerTransportError);
  return error as DeezerTransportError;
}

describe('createDeezerClient', () => {
  it('GETs the path below the base URL (a configured trailing slash or two does not double it), asking for JSON', async () => {
    const { fetchImpl, calls } = scriptedFetch([json({ id: 1 })]);
    const client = createDeezerClient({ baseUrl: 'http://deezer.test//', fetchImpl });
    expect(await client.getJson('/track/isrc:USSM18200434')).toEqual({ id: 1 });
    expect(calls.map((c) => c.url)).toEqual(['http://deezer.test/track/isrc:USSM18200434']);
    expect(calls[0]!.init.headers).toEqual({ accept: 'application/json' });
  });

  it('tries a dropped connection once more (an idle keep-alive may just have been closed)', async () => {
    const { fetchImpl, calls } = scriptedFetch([dropped, json({ id: 2 })]);
    const client = createDeezerClient({ baseUrl: 'http://deezer.test', fetchImpl });
    expect(await client.getJson('/track/isrc:X')).toEqual({ id: 2 });
    expect(calls).toHaveLength(2);
  });

  it('gives up after the second dropped connection, saying why', async () => {
    const { fetchImpl, calls } = scriptedFetch([dropped, dropped]);
    const client = createDeezerClient({ baseUrl: 'http://deezer.test', fetchImpl });
    const error = await transportError(client.getJson('/track/isrc:X'));
    expect(error).toMatchObject({ name: 'DeezerTransportError', status: null, message: 'request failed: TypeError: fetch failed' });
    expect(calls).toHaveLength(2);
  });

  it('does not repeat a request that timed out: one wait is enough', async () => {
    const { fetchImpl, calls } = scriptedFetch([hung, json({ id: 3 })]);
    const client = createDeezerClient({ baseUrl: 'http://deezer.test', fetchImpl, timeoutMs: 20 });
    const error = await transportError(client.getJson('/track/isrc:X'));
    expect(error).toMatchObject({ status: null, message: 'no answer within 20 ms' });
    expect(calls).toHaveLength(1);
  });

  it('treats an aborted request like a timeout (not repeated)', async () => {
    const aborted = async (): Promise<Response> => {
      throw new DOMException('This operation was aborted', 'AbortError');
    };
    const { fetchImpl, calls } = scriptedFetch([aborted, json({ id: 4 })]);
    const client = createDeezerClient({ baseUrl: 'http://deezer.test', fetchImpl, timeoutMs: 1_000 });
    expect(await transportError(client.getJson('/track/isrc:X'))).toMatchObject({ message: 'no answer within 1000 ms' });
    expect(calls).toHaveLength(1);
  });

  it('refuses a non-2xx answer even when its body is JSON, keeping the status', async () => {
    const { fetchImpl } = scriptedFetch([json({ error: { message: 'busy' } }, 503)]);
    const client = createDeezerClient({ baseUrl: 'http://deezer.test', fetchImpl });
    expect(await transportError(client.getJson('/track/isrc:X'))).toMatchObject({ status: 503, message: 'HTTP 503' });
  });

  it('refuses an answer that is not JSON', async () => {
    const { fetchImpl } = scriptedFetch([async () => new Response('<html>maintenance</html>', { status: 200 })]);
    const client = createDeezerClient({ baseUrl: 'http://deezer.test', fetchImpl });
    expect(await transportError(client.getJson('/track/isrc:X'))).toMatchObject({ status: 200, message: 'the answer is not JSON' });
  });
});
