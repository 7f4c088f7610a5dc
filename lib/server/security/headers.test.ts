import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, isSharePath, scriptPolicyKindFor, securityHeaders } from './headers';

const appDir = fileURLToPath(new URL('../../../app', import.meta.url));

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

describe('the whole policy, directive by directive', () => {
  it('allows each kind of resource from this origin only, but for the few a workout needs', () => {
    expect(contentSecurityPolicy({ ...options, scripts: { kind: 'nonce', nonce: 'n1' } }).split('; ')).toEqual([
      "default-src 'self'",
      "script-src 'nonce-n1' 'strict-dynamic' 'self' https://open.spotify.com",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self'",
      "media-src 'self' blob:",
      "connect-src 'self'",
      'frame-src https://open.spotify.com',
      "worker-src 'self'",
      "manifest-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self' https://accounts.spotify.com",
      "frame-ancestors 'none'",
    ]);
  });

  it('grants no device but the screen lock, and media features only to this origin and Spotify’s player', () => {
    expect(securityHeaders(options)['Permissions-Policy']!.split(', ')).toEqual([
      'camera=()',
      'microphone=()',
      'geolocation=()',
      'payment=()',
      'usb=()',
      'screen-wake-lock=(self)',
      'autoplay=(self "https://open.spotify.com")',
      'encrypted-media=(self "https://open.spotify.com")',
      'fullscreen=(self "https://open.spotify.com")',
      'picture-in-picture=(self "https://open.spotify.com")',
    ]);
    expect(securityHeaders(options)['Cross-Origin-Opener-Policy']).toBe('same-origin');
  });

  it('treats as a share page /s, /s/… and /api/share/…, nothing that only contains them', () => {
    for (const path of ['/s', '/s/tok', '/s/tok/train', '/api/share/tok', '/api/share/tok/copy']) expect(isSharePath(path), path).toBe(true);
    for (const path of ['/', '/sx', '/m/s/tok', '/x/api/share/tok', '/api/shares', '/api/montages/x/share']) expect(isSharePath(path), path).toBe(false);
    expect(securityHeaders({ ...options, pathname: '/api/share/tok' })['Referrer-Policy']).toBe('no-referrer');
  });
});

describe('the script policy of each kind of page', () => {
  it('lets a page rendered per request run only the scripts that carry its nonce (and what they load)', () => {
    const csp = directives(contentSecurityPolicy({ ...options, scripts: { kind: 'nonce', nonce: 'r4nd0m+nonce/A==' } }));
    expect(csp.get('script-src')).toEqual(["'nonce-r4nd0m+nonce/A=='", "'strict-dynamic'", "'self'", 'https://open.spotify.com']);
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
  });

  it('leaves cached pages only their fallback inline allowance (their hashes come with the cached page), and the API none', () => {
    expect(directives(contentSecurityPolicy({ ...options, scripts: { kind: 'cached' } })).get('script-src')).toEqual(["'self'", 'https://open.spotify.com', "'unsafe-inline'"]);
    expect(directives(contentSecurityPolicy({ ...options, scripts: { kind: 'none' } })).get('script-src')).toEqual(["'self'", 'https://open.spotify.com']);
    expect(directives(contentSecurityPolicy(options)).get('script-src')).not.toContain("'unsafe-inline'");
  });

  it('allows eval only to `next dev`', () => {
    const dev = directives(contentSecurityPolicy({ ...options, development: true, scripts: { kind: 'nonce', nonce: 'n' } }));
    expect(dev.get('script-src')).toContain("'unsafe-eval'");
    expect(dev.get('connect-src')).toContain('ws:');
  });

  it('gives a nonce to the owner’s pages and hashes to the cached share, help and not-found pages', () => {
    for (const path of ['/', '/library', '/progress', '/m/0b7c/', '/m/0b7c', '/m/0b7c/train', '/m/0b7c/card', '/s/tok/card']) expect(scriptPolicyKindFor(path), path).toBe('nonce');
    for (const path of ['/s/tok', '/s/tok/train', '/spotify/development-mode', '/spotify/sign-in-problem', '/no-such-page', '/m/0b7c/nope']) expect(scriptPolicyKindFor(path), path).toBe('cached');
    for (const path of ['/api/montages', '/api/share/tok', '/api']) expect(scriptPolicyKindFor(path), path).toBe('none');
    // Only those paths exactly: the same words deeper or further along are other (not-found, cached) pages.
    for (const path of ['/x/', '/x/library', '/library/x', '/x/progress', '/progress/x', '/x/m/0b7c', '/x/m/0b7c/train', '/m/0b7c/train/x', '/m/0b7c/card/x', '/x/s/tok/card', '/s/tok/card/x', '/apix']) {
      expect(scriptPolicyKindFor(path), path).toBe('cached');
    }
  });

  it('knows every page under app/: a page rendered per request gets a nonce, a cached one hashes', () => {
    const pages = readdirSync(appDir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('page.tsx'));
    expect(pages.length).toBeGreaterThan(5);
    for (const file of pages) {
      const source = readFileSync(path.join(appDir, file), 'utf8');
      // A page is rendered per request when it says so, or reads cookies/headers; otherwise Next caches it.
      const isPerRequest = /export const dynamic = 'force-dynamic'|from 'next\/headers'|ownMontageOrNotFound|pageOwner\(/u.test(source);
      const route = `/${path.dirname(file)}`.replace(/\[[^\]]+\]/gu, 'x').replace(/\/\.$/u, '/').replace(/\/+$/u, '') || '/';
      expect(scriptPolicyKindFor(route), `${file} (${route})`).toBe(isPerRequest ? 'nonce' : 'cached');
    }
  });
});
