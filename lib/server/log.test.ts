import { afterEach, describe, expect, it, vi } from 'vitest';
import { logLine, loggableError, loggablePath, requestIdOf, saneRequestId } from './log';

afterEach(() => vi.restoreAllMocks());

describe('what a log line may hold', () => {
  it('logs a path without its query, share tokens replaced wherever they appear', () => {
    expect(loggablePath('http://127.0.0.1:3000/s/Zq3xT0ken/train?code=secret')).toBe('/s/:token/train');
    expect(loggablePath('/api/share/Zq3xT0ken/copy')).toBe('/api/share/:token/copy');
    expect(loggablePath('/s/a/x/s/b')).toBe('/s/:token/x/s/:token');
    expect(loggablePath('/library?q=rocky#top')).toBe('/library');
    expect(loggablePath('/sessions/x')).toBe('/sessions/x');
  });

  it('keeps a request id of word characters and ".:-", 1 to 128 of them, and nothing else', () => {
    expect(saneRequestId('lb-7.a:b_c')).toBe('lb-7.a:b_c');
    expect(saneRequestId('a'.repeat(128))).toBe('a'.repeat(128));
    for (const given of ['', 'a'.repeat(129), 'a b', 'a"b', 'a\nb', `x${'\u00e9'}`, 42, undefined, ['a']]) expect(saneRequestId(given), String(given)).toBeNull();
  });

  it("takes the balancer's request id, or makes one", () => {
    expect(requestIdOf(new Request('http://127.0.0.1/', { headers: { 'x-request-id': 'lb-1' } }))).toBe('lb-1');
    expect(requestIdOf(new Request('http://127.0.0.1/', { headers: { 'x-request-id': 'bad id' } }))).toMatch(/^[0-9a-f]{8}-[0-9a-f-]{27}$/);
  });

  it("logs an error's kind, its message without a query's parameters, and where it was thrown (8 frames at most)", () => {
    const error = new TypeError('Failed query: select * from spotify_tokens\nparams: token-secret,other');
    const logged = loggableError(error);
    expect(logged).toMatchObject({ error: 'TypeError', detail: 'Failed query: select * from spotify_tokens' });
    expect(JSON.stringify(logged)).not.toContain('token-secret');
    const at = logged.at as string[];
    expect(at.length).toBeGreaterThan(0);
    expect(at.length).toBeLessThanOrEqual(8);
    expect(at.every((frame) => frame.startsWith('at '))).toBe(true);
    const deep = Object.assign(new Error('deep'), { stack: `Error: deep\n${Array.from({ length: 12 }, (_, i) => `    at frame${i} (x.js:1:1)`).join('\n')}` });
    expect(loggableError(deep).at).toEqual(Array.from({ length: 8 }, (_, i) => `at frame${i} (x.js:1:1)`));
    expect(loggableError(Object.assign(new Error('no stack'), { stack: undefined })).at).toEqual([]);
    expect(loggableError('a string thrown')).toEqual({ error: 'string' });
  });
});

describe('logLine', () => {
  it('writes one JSON line: info to stdout, warnings and errors to stderr', () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    logLine('info', 'request', { status: 200 });
    logLine('warn', 'slow');
    logLine('error', 'request failed', { status: 500 });
    expect(out).toHaveBeenCalledTimes(1);
    const info = String(out.mock.calls[0]![0]);
    expect(info.endsWith('\n')).toBe(true);
    expect(JSON.parse(info)).toMatchObject({ level: 'info', message: 'request', status: 200, time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(err.mock.calls.map(([line]) => JSON.parse(String(line)))).toEqual([
      { time: expect.any(String), level: 'warn', message: 'slow' },
      { time: expect.any(String), level: 'error', message: 'request failed', status: 500 },
    ]);
  });
});
