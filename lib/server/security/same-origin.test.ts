import { describe, expect, it } from 'vitest';
import { assertJsonBody, assertSameOrigin } from './same-origin';

const URL_OF_APP = 'http://127.0.0.1:3000/api/montages';

function request(method: string, headers: Record<string, string>, url = URL_OF_APP): Request {
  return new Request(url, { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : '{}' });
}

/** The error code assertSameOrigin throws, or null when it lets the request through. */
function verdict(req: Request, allowed: readonly string[] = []): string | null {
  try {
    assertSameOrigin(req, allowed);
    return null;
  } catch (error) {
    return (error as { code: string }).code;
  }
}

describe('assertSameOrigin: a state-changing request another site sent is refused', () => {
  it('lets reads through from anywhere', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS']) {
      expect(verdict(request(method, { 'sec-fetch-site': 'cross-site', origin: 'http://evil.example' }))).toBeNull();
    }
  });

  it('trusts Sec-Fetch-Site when the browser sends it: same-origin and none (typed in, a bookmark) pass, same-site and cross-site do not', () => {
    // The header decides even when Origin says otherwise.
    expect(verdict(request('POST', { 'sec-fetch-site': 'same-origin', origin: 'http://evil.example' }))).toBeNull();
    expect(verdict(request('POST', { 'sec-fetch-site': 'none' }))).toBeNull();
    expect(verdict(request('POST', { 'sec-fetch-site': 'same-site', origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' }))).toBe('forbidden');
    expect(verdict(request('DELETE', { 'sec-fetch-site': 'cross-site' }))).toBe('forbidden');
  });

  it('without Sec-Fetch-Site, compares Origin with the host the request came to', () => {
    expect(verdict(request('POST', { origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' }))).toBeNull();
    expect(verdict(request('POST', { origin: 'http://127.0.0.1:4000', host: '127.0.0.1:3000' }))).toBe('forbidden');
    expect(verdict(request('PUT', { origin: 'http://evil.example', host: '127.0.0.1:3000' }))).toBe('forbidden');
    // No Host header: the request URL's host.
    expect(verdict(request('POST', { origin: 'http://127.0.0.1:3000' }))).toBeNull();
    expect(verdict(request('POST', { origin: 'http://localhost:3000' }))).toBe('forbidden');
  });

  it('refuses an Origin of "null" or garbage, and lets a program with neither header through', () => {
    expect(verdict(request('POST', { origin: 'null' }))).toBe('forbidden');
    expect(verdict(request('POST', { origin: 'not a url' }))).toBe('forbidden');
    expect(verdict(request('POST', {}))).toBeNull();
  });

  it('accepts the origins configured as ours besides the host (a proxy that rewrites Host), and no others', () => {
    const behindProxy = { origin: 'https://montage.example', host: 'app:3000' };
    expect(verdict(request('POST', behindProxy), ['https://montage.example'])).toBeNull();
    expect(verdict(request('POST', behindProxy), ['https://other.example'])).toBe('forbidden');
    expect(verdict(request('POST', behindProxy))).toBe('forbidden');
  });
});

describe('assertJsonBody: a JSON body must be sent as application/json', () => {
  const withType = (type?: string) => request('POST', type === undefined ? {} : { 'content-type': type });

  it('takes application/json with parameters and in any case', () => {
    expect(() => assertJsonBody(withType('application/json'))).not.toThrow();
    expect(() => assertJsonBody(withType('application/json; charset=utf-8'))).not.toThrow();
    expect(() => assertJsonBody(withType('Application/JSON ;charset=UTF-8'))).not.toThrow();
  });

  it('says what to send instead, and what a cross-site request changed: nothing', () => {
    expect(() => assertJsonBody(withType('text/plain'))).toThrow('Send the request body as JSON (content-type: application/json).');
    expect(() => assertSameOrigin(request('POST', { 'sec-fetch-site': 'cross-site' }))).toThrow('This request came from another site; nothing was changed.');
  });

  it('refuses a form, plain text, or no type with 415', () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp']) {
      expect(() => assertJsonBody(withType(type)), type).toThrow(expect.objectContaining({ code: 'unsupported_media_type' }));
    }
    // A body with no type at all: undici sets text/plain for a string body, so remove it.
    const untyped = withType();
    untyped.headers.delete('content-type');
    expect(() => assertJsonBody(untyped)).toThrow(expect.objectContaining({ code: 'unsupported_media_type' }));
  });
});
