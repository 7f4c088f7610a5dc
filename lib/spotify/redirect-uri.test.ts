import { describe, expect, it } from 'vitest';
import { redirectUriProblem, spotifyCallbackUrl } from './redirect-uri';

describe('Spotify’s redirect URI rules (since April 2025)', () => {
  it('accepts https anywhere, and plain http only on a loopback IP literal', () => {
    for (const uri of ['https://montage.example/api/auth/callback/spotify', 'https://localhost:3000/cb', 'http://127.0.0.1:3000/api/auth/callback/spotify', 'http://[::1]:8080/cb']) {
      expect(redirectUriProblem(uri), uri).toBeNull();
    }
  });

  it('says what is wrong and what to use instead', () => {
    expect(redirectUriProblem('/api/auth/callback/spotify')).toBe('not an absolute URL: /api/auth/callback/spotify');
    expect(redirectUriProblem('https://montage.example/cb#top')).toBe('a redirect URI has no #fragment');
    expect(redirectUriProblem('ftp://montage.example/cb')).toBe('Spotify redirects only to https (or http on 127.0.0.1 / [::1]), not ftp:');
    expect(redirectUriProblem('http://localhost:3000/cb')).toBe('Spotify refuses http://localhost: use http://127.0.0.1:PORT (or https)');
    expect(redirectUriProblem('http://montage.example/cb')).toBe(
      'Spotify refuses plain http to montage.example: use https (http is allowed only on 127.0.0.1 or [::1])',
    );
    expect(redirectUriProblem('http://127.0.0.2:3000/cb')).toMatch(/^Spotify refuses plain http to 127\.0\.0\.2:/);
  });

  it('builds next-auth’s callback under the app’s address, with or without trailing slashes', () => {
    expect(spotifyCallbackUrl('https://montage.example')).toBe('https://montage.example/api/auth/callback/spotify');
    expect(spotifyCallbackUrl('https://montage.example//')).toBe('https://montage.example/api/auth/callback/spotify');
    expect(spotifyCallbackUrl('https://montage.example/app/')).toBe('https://montage.example/app/api/auth/callback/spotify');
  });
});
