import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

describe('NEXTAUTH_URL: a base Spotify will redirect back to', () => {
  it.each(['https://montage.example', 'https://montage.example/app', 'http://127.0.0.1:3000', 'http://[::1]:3000'])('accepts %s', (url) => {
    expect(parseEnv({ NEXTAUTH_URL: url }).NEXTAUTH_URL).toBe(url);
  });

  it.each([
    ['http://localhost:3000', /localhost/],
    ['http://montage.example', /plain http/],
    ['ftp://montage.example', /https/],
    ['not a url', /NEXTAUTH_URL/],
  ])('refuses %s at start, saying why', (url, why) => {
    expect(() => parseEnv({ NEXTAUTH_URL: url })).toThrow(why);
  });

  it('starts with no environment at all', () => {
    expect(parseEnv({}).NEXTAUTH_URL).toBeUndefined();
  });
});
