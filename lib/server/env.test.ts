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

describe('the rest of the environment', () => {
  const key = Buffer.alloc(32, 7);
  const base64 = key.toString('base64');
  const base64url = Buffer.alloc(32, 251).toString('base64url');
  const hex = key.toString('hex');

  it('gives every variable the default that runs the embedded app', () => {
    expect(parseEnv({})).toEqual({
      NODE_ENV: 'development',
      REDIS_KEY_PREFIX: 'montage:',
      MONTAGE_DATA_DIR: '.data/pglite',
      MONTAGE_SESSION_DAYS: 180,
      MONTAGE_RATE_LIMIT_FACTOR: 1,
      MONTAGE_RETENTION_DAYS: 30,
      MONTAGE_SECURE_COOKIES: 'false',
      MONTAGE_TRUSTED_PROXIES: 0,
      SPOTIFY_ACCOUNTS_BASE_URL: 'https://accounts.spotify.com',
      SPOTIFY_API_BASE_URL: 'https://api.spotify.com',
      SPOTIFY_EMBED_BASE_URL: 'https://open.spotify.com',
      DEEZER_API_BASE_URL: 'https://api.deezer.com',
    });
  });

  it.each([
    ['NODE_ENV', 'production', 'production'],
    ['NODE_ENV', 'test', 'test'],
    ['REDIS_KEY_PREFIX', 'x', 'x'],
    ['MONTAGE_DATA_DIR', 'memory://', 'memory://'],
    ['MONTAGE_SECRET', 's'.repeat(32), 's'.repeat(32)],
    ['MONTAGE_SESSION_DAYS', '1', 1],
    ['MONTAGE_SESSION_DAYS', '3650', 3650],
    ['MONTAGE_RATE_LIMIT_FACTOR', '0.5', 0.5],
    ['MONTAGE_RATE_LIMIT_FACTOR', '1000', 1000],
    ['MONTAGE_RETENTION_DAYS', '1', 1],
    ['MONTAGE_RETENTION_DAYS', '3650', 3650],
    ['MONTAGE_SECURE_COOKIES', 'true', 'true'],
    ['MONTAGE_ENCRYPTION_KEY', hex, hex],
    ['MONTAGE_ENCRYPTION_KEY', hex.toUpperCase(), hex.toUpperCase()],
    ['MONTAGE_ENCRYPTION_KEY', base64, base64],
    ['MONTAGE_ENCRYPTION_KEY', base64.slice(0, 43), base64.slice(0, 43)],
    ['MONTAGE_ENCRYPTION_KEY', base64url, base64url],
    ['MONTAGE_ENCRYPTION_KEY', ` ${base64}\n`, ` ${base64}\n`],
    ['MONTAGE_ENCRYPTION_OLD_KEYS', `${hex},${base64url}`, `${hex},${base64url}`],
    ['MONTAGE_ENCRYPTION_OLD_KEYS', ` ${base64} , ,${hex},`, ` ${base64} , ,${hex},`],
    ['SPOTIFY_CLIENT_ID', 'montage-client', 'montage-client'],
    ['SPOTIFY_CLIENT_SECRET', 'x', 'x'],
    ['NEXTAUTH_SECRET', 'n'.repeat(64), 'n'.repeat(64)],
  ])('takes %s=%j', (name, value, expected) => {
    expect(parseEnv({ [name]: value })[name as keyof ReturnType<typeof parseEnv>]).toBe(expected);
  });

  it.each([
    ['NODE_ENV', 'staging'],
    ['REDIS_KEY_PREFIX', ''],
    ['MONTAGE_DATA_DIR', ''],
    ['MONTAGE_SECRET', 's'.repeat(31)],
    ['MONTAGE_SESSION_DAYS', '0'],
    ['MONTAGE_SESSION_DAYS', '3651'],
    ['MONTAGE_SESSION_DAYS', '1.5'],
    ['MONTAGE_RATE_LIMIT_FACTOR', '0'],
    ['MONTAGE_RATE_LIMIT_FACTOR', '1001'],
    ['MONTAGE_RETENTION_DAYS', '0'],
    ['MONTAGE_RETENTION_DAYS', '3651'],
    ['MONTAGE_SECURE_COOKIES', 'yes'],
    ['MONTAGE_ENCRYPTION_KEY', hex.slice(1)],
    ['MONTAGE_ENCRYPTION_KEY', `${hex}0`],
    ['MONTAGE_ENCRYPTION_KEY', `${hex.slice(1)}g`],
    ['MONTAGE_ENCRYPTION_KEY', base64.slice(0, 42)],
    ['MONTAGE_ENCRYPTION_KEY', `${base64.slice(0, 43)}A`],
    ['MONTAGE_ENCRYPTION_KEY', `${base64.slice(0, 42)}.=`],
    ['MONTAGE_ENCRYPTION_KEY', `x${base64}`],
    ['MONTAGE_ENCRYPTION_OLD_KEYS', `${hex},not-a-key`],
    ['MONTAGE_ENCRYPTION_OLD_KEYS', `not-a-key,${hex}`],
    ['SPOTIFY_API_BASE_URL', 'api.spotify.com'],
    ['SPOTIFY_CLIENT_ID', ''],
    ['SPOTIFY_CLIENT_SECRET', ''],
    ['NEXTAUTH_SECRET', 'n'.repeat(31)],
  ])('refuses %s=%j at start, naming it', (name, value) => {
    expect(() => parseEnv({ [name]: value })).toThrow(new RegExp(`^Invalid environment \\(fix these variables\\): ${name}: `));
  });

  it('says how a key is written when one is refused', () => {
    expect(() => parseEnv({ MONTAGE_ENCRYPTION_KEY: 'short' })).toThrow('MONTAGE_ENCRYPTION_KEY: must be 32 bytes in base64 or hex (openssl rand -base64 32)');
    expect(() => parseEnv({ MONTAGE_ENCRYPTION_OLD_KEYS: 'short' })).toThrow('MONTAGE_ENCRYPTION_OLD_KEYS: must be 32-byte keys in base64 or hex, comma-separated');
  });

  it('names every variable at fault at once', () => {
    expect(() => parseEnv({ REDIS_KEY_PREFIX: '', MONTAGE_SESSION_DAYS: '0' })).toThrow(/REDIS_KEY_PREFIX: [^;]+; MONTAGE_SESSION_DAYS: /);
  });

  it('with PostgreSQL (a service) requires the secrets from the environment', () => {
    const service = { DATABASE_URL: 'postgres://127.0.0.1:5432/montage' };
    expect(() => parseEnv(service)).toThrow(
      'Invalid environment (fix these variables): MONTAGE_SECRET: is required when DATABASE_URL is set; MONTAGE_ENCRYPTION_KEY: is required when DATABASE_URL is set',
    );
    expect(() => parseEnv({ ...service, MONTAGE_SECRET: 's'.repeat(32) })).toThrow(/^[^;]*MONTAGE_ENCRYPTION_KEY: is required/);
    expect(parseEnv({ ...service, MONTAGE_SECRET: 's'.repeat(32), MONTAGE_ENCRYPTION_KEY: hex }).DATABASE_URL).toBe(service.DATABASE_URL);
  });
});
