import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { AppError, STATUS_BY_CODE, fromSequencerInput, notFound, staleVersion } from './errors';
import { errorResponse, handler, isUuid, json, parseJsonBody } from './http';
import { RateLimitedError } from './security/rate-limit';
import { rejectionOf } from '../../tests/support/rejection';

/**
 * The README's conventions as the HTTP layer writes them: 400 for malformed JSON, 422 naming the
 * field, 404, 409, and every other code with its status; no detail of an unexpected failure leaks.
 */
const schema = z.object({ name: z.string().min(1), intervals: z.array(z.object({ durationMs: z.number().min(1000) })) }).strict();

function post(body: string, type = 'application/json'): Request {
  return new Request('http://127.0.0.1:3000/api/test', { method: 'POST', headers: { 'content-type': type }, body });
}

const failure = (promise: Promise<unknown>) => rejectionOf(promise, AppError);

describe('parseJsonBody', () => {
  it('returns the parsed body when it keeps every rule', async () => {
    expect(await parseJsonBody(post('{"name":"Siberia","intervals":[{"durationMs":1000}]}'), schema)).toEqual({ name: 'Siberia', intervals: [{ durationMs: 1000 }] });
  });

  it('answers malformed JSON with malformed_request naming the body', async () => {
    const error = await failure(parseJsonBody(post('{"name":'), schema));
    expect(error.code).toBe('malformed_request');
    expect(error.message).toBe('The request body is not valid JSON.');
    expect(error.problems).toEqual([{ field: 'body', message: 'send a JSON object' }]);
  });

  it('names the field at fault by its dotted path, every one of them, in the message too', async () => {
    const error = await failure(parseJsonBody(post('{"name":"","intervals":[{"durationMs":1000},{"durationMs":5}]}'), schema));
    expect(error.code).toBe('invalid_input');
    expect(error.problems.map((p) => p.field)).toEqual(['name', 'intervals.1.durationMs']);
    expect(error.message).toBe(`Invalid request: ${error.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
  });

  it('names the body when the whole of it is wrong', async () => {
    const error = await failure(parseJsonBody(post('[1,2]'), schema));
    expect(error.problems.map((p) => p.field)).toEqual(['body']);
  });

  it('refuses a control character, naming where it is', async () => {
    const error = await failure(parseJsonBody(post(JSON.stringify({ name: 'a\u0000b', intervals: [] })), schema));
    expect(error.code).toBe('invalid_input');
    expect(error.problems).toEqual([{ field: 'name', message: 'must not contain control characters' }]);
    expect(error.message).toContain('name');
  });

  it('refuses a body not sent as JSON, and one over 256 KiB', async () => {
    expect((await failure(parseJsonBody(post('{}', 'text/plain'), schema))).code).toBe('unsupported_media_type');
    const big = JSON.stringify({ name: 'x'.repeat(256 * 1024), intervals: [] });
    expect((await failure(parseJsonBody(post(big), schema))).code).toBe('payload_too_large');
    const justUnder = JSON.stringify({ name: 'x'.repeat(256 * 1024 - 40), intervals: [] });
    expect((await parseJsonBody(post(justUnder), schema)).name).toHaveLength(256 * 1024 - 40);
  });
});

describe('errorResponse', () => {
  it('gives each code its status, with the code, message and problems', async () => {
    const expected = { malformed_request: 400, invalid_input: 422, not_found: 404, stale_version: 409, conflict: 409, payload_too_large: 413, forbidden: 403, unsupported_media_type: 415, rate_limited: 429, reconnect_required: 401, upstream: 503 };
    expect(STATUS_BY_CODE).toEqual(expected);
    const problems = [{ field: 'name', message: 'must not be empty' }];
    const response = errorResponse(new AppError('invalid_input', 'Invalid request: name: must not be empty', problems));
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ error: { code: 'invalid_input', message: 'Invalid request: name: must not be empty', problems } });
    expect(response.headers.get('retry-after')).toBeNull();
  });

  it('says when to retry a rate-limited request', () => {
    const response = errorResponse(new RateLimitedError(42));
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('42');
  });

  it('answers anything else with a 500 that tells nothing of the failure', async () => {
    const response = errorResponse(new Error('password=hunter2 at db.internal'));
    expect(response.status).toBe(500);
    const body = await response.json();
    expect(body.error.code).toBe('internal');
    expect(JSON.stringify(body)).not.toContain('hunter2');
  });
});

describe('json', () => {
  it('is never cached, says it is JSON, and carries a cookie only when given one', async () => {
    const plain = json({ ok: true }, { status: 201 });
    expect(plain.status).toBe(201);
    expect(plain.headers.get('cache-control')).toBe('no-store');
    expect(plain.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(plain.headers.get('set-cookie')).toBeNull();
    expect(await plain.json()).toEqual({ ok: true });
    expect(json({}, { setCookie: 'montage_owner=x; HttpOnly' }).headers.get('set-cookie')).toBe('montage_owner=x; HttpOnly');
  });
});

describe('handler', () => {
  it('answers a thrown AppError with its status, and a cross-site write before the route runs', async () => {
    const route = vi.fn<(request: Request) => Promise<Response>>(async () => {
      throw notFound('Montage');
    });
    const wrapped = handler(route);
    const missing = await wrapped(post('{}'));
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.message).toBe('Montage not found');
    expect(missing.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    route.mockClear();
    const crossSite = new Request('http://127.0.0.1:3000/api/test', { method: 'POST', headers: { 'sec-fetch-site': 'cross-site' } });
    expect((await wrapped(crossSite)).status).toBe(403);
    expect(route).not.toHaveBeenCalled();
  });

  it('keeps the request id the client sent, and logs an unexpected failure', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const wrapped = handler<[Request]>(async () => {
        throw new Error('boom');
      });
      const request = new Request('http://127.0.0.1:3000/api/test', { headers: { 'x-request-id': 'req-7' } });
      const clock = vi.spyOn(performance, 'now').mockReturnValueOnce(80_000).mockReturnValueOnce(80_250.4);
      const response = await wrapped(request);
      clock.mockRestore();
      expect(response.status).toBe(500);
      expect((await response.json()).error).toEqual({ code: 'internal', message: 'Something went wrong on our side. Nothing was saved; try again.' });
      expect(response.headers.get('x-request-id')).toBe('req-7');
      expect(logged).toHaveBeenCalledTimes(1);
      const line = JSON.parse(String(logged.mock.calls[0]![0]));
      expect(line).toMatchObject({ level: 'error', message: 'request failed', requestId: 'req-7', method: 'GET', path: '/api/test', status: 500, error: 'Error', detail: 'boom' });
      expect(line.durationMs).toBe(250);
    } finally {
      logged.mockRestore();
      log.mockRestore();
    }
  });
});

describe('what is not logged as a failure', () => {
  it('an answer below 500, a refusal of ours included, writes no error line', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect((await handler<[Request]>(async () => json({ ok: true }))(post('{}'))).status).toBe(200);
      expect((await handler<[Request]>(async () => { throw notFound('Montage'); })(post('{}'))).status).toBe(404);
      expect(logged).not.toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
  });
});

describe('errorResponse', () => {
  it('answers a database refusal the client caused as the error it is (422, 409), not a 500', async () => {
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const refused = (code: string) => new Error('Failed query', { cause: Object.assign(new Error('driver'), { code }) });
      const outOfRange = errorResponse(refused('22003'));
      expect(outOfRange.status).toBe(422);
      expect((await outOfRange.json()).error.code).toBe('invalid_input');
      expect(errorResponse(refused('40001')).status).toBe(409);
      expect(errorResponse(refused('42P01')).status).toBe(500);
    } finally {
      warned.mockRestore();
    }
  });
});

describe('errors', () => {
  it('are named AppError where they are printed', () => {
    expect(String(notFound('Montage'))).toBe('AppError: Montage not found');
  });

  it('a stale version says which version is current', () => {
    const error = staleVersion(7);
    expect(error.code).toBe('stale_version');
    expect(error.message).toContain('version 7');
  });

  it('turns a refusal of the sequencer into a 422 naming its field, or the body', () => {
    const refusal = Object.assign(new Error('lengthMin is too short'), { code: 'invalid_sequencer_input', field: 'lengthMin' });
    expect(fromSequencerInput(refusal)).toMatchObject({ code: 'invalid_input', problems: [{ field: 'lengthMin', message: 'lengthMin is too short' }] });
    const unnamed = Object.assign(new Error('no tracks'), { code: 'invalid_sequencer_input' });
    expect(fromSequencerInput(unnamed)).toMatchObject({ problems: [{ field: 'body' }] });
    const other = new Error('other');
    expect(fromSequencerInput(other)).toBe(other);
  });

  it('accepts only lower-case UUIDs as ids', () => {
    expect(isUuid('0b6f1a8e-3c2d-4e5f-8a9b-0c1d2e3f4a5b')).toBe(true);
    expect(isUuid('0B6F1A8E-3C2D-4E5F-8A9B-0C1D2E3F4A5B')).toBe(false);
    expect(isUuid('x0b6f1a8e-3c2d-4e5f-8a9b-0c1d2e3f4a5b')).toBe(false);
    expect(isUuid('0b6f1a8e-3c2d-4e5f-8a9b-0c1d2e3f4a5bx')).toBe(false);
  });
});
