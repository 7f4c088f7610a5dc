import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, securityHeaders } from './headers';

const options = { pathname: '/', embedBaseUrl: 'https://open.spotify.com', accountsBaseUrl: 'https://accounts.spotify.com', development: false };

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split('; ').map((d) => { const [name, ...values] = d.split(' '); return [name!, values]; }));
}

describe('security headers', () => {
  it('forbid framing, sniffing, plugins and foreign scripts, and allow Spotify’s embed where it plays', () => {
    const headers = securityHeaders(options);
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['X-Frame-Options']).toBe('DENY');
    const csp = directives(headers['Content-Security-Policy']!);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toContain('https://open.spotify.com');
    expect(csp.get('script-src')).not.toContain("'unsafe-eval'");
    expect(csp.get('frame-src')).toEqual(['https://open.spotify.com']);
    expect(csp.get('form-action')).toEqual(["'self'", 'https://accounts.spotify.com']);
    expect(csp.get('media-src')).toContain('blob:');
  });

  it('follow the configured embed origin (a loopback fake in tests)', () => {
    const csp = directives(contentSecurityPolicy({ ...options, embedBaseUrl: 'http://127.0.0.1:4123/some/path' }));
    expect(csp.get('frame-src')).toEqual(['http://127.0.0.1:4123']);
    expect(securityHeaders({ ...options, embedBaseUrl: 'http://127.0.0.1:4123' })['Permissions-Policy']).toContain('autoplay=(self "http://127.0.0.1:4123")');
  });

  it('let the workout keep the screen awake and play audio, and nothing else', () => {
    const policy = securityHeaders(options)['Permissions-Policy']!;
    expect(policy).toContain('screen-wake-lock=(self)');
    expect(policy).toContain('autoplay=(self "https://open.spotify.com")');
    expect(policy).toContain('camera=()');
    expect(policy).toContain('microphone=()');
  });

  it('send no Referer from share pages, whose URL is their secret', () => {
    expect(securityHeaders({ ...options, pathname: '/s/abc' })['Referrer-Policy']).toBe('no-referrer');
    expect(securityHeaders({ ...options, pathname: '/s/abc/train' })['Referrer-Policy']).toBe('no-referrer');
    expect(securityHeaders({ ...options, pathname: '/m/abc' })['Referrer-Policy']).toBe('same-origin');
  });
});
