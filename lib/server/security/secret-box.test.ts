import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

/** secret-box as a process with this environment sees it (it reads its keys once). */
async function box(environment: Record<string, string>) {
  vi.resetModules();
  for (const name of ['MONTAGE_ENCRYPTION_KEY', 'MONTAGE_ENCRYPTION_OLD_KEYS', 'MONTAGE_DATA_DIR']) vi.stubEnv(name, environment[name]);
  return import('./secret-box');
}

const keyA = Buffer.alloc(32, 1);
const keyB = Buffer.alloc(32, 2);
const idOf = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 8);
const folders: string[] = [];

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('decodeKey', () => {
  it('reads 32 bytes written as hex (either case), base64 or base64url, around whitespace', async () => {
    const { decodeKey } = await box({});
    expect(decodeKey(keyA.toString('hex'))).toEqual(keyA);
    expect(decodeKey(` ${keyA.toString('hex').toUpperCase()}\n`)).toEqual(keyA);
    expect(decodeKey(keyB.toString('base64'))).toEqual(keyB);
    expect(decodeKey(Buffer.alloc(32, 251).toString('base64url'))).toEqual(Buffer.alloc(32, 251));
  });

  it('reads nothing else as a key', async () => {
    const { decodeKey } = await box({});
    for (const text of ['', 'short', keyA.toString('hex').slice(2), Buffer.alloc(31).toString('base64'), Buffer.alloc(33).toString('base64')]) expect(decodeKey(text), text).toBeNull();
  });
});

describe('sealing secrets with MONTAGE_ENCRYPTION_KEY', () => {
  it('seals as enc1:<the key id>:…, never the plain text, each time differently, and opens it again', async () => {
    const { seal, open, isSealed, currentKeyId, needsResealing } = await box({ MONTAGE_ENCRYPTION_KEY: keyA.toString('hex') });
    expect(currentKeyId()).toBe(idOf(keyA));
    const sealed = seal('refresh-token-123');
    expect(sealed.startsWith(`enc1:${idOf(keyA)}:`)).toBe(true);
    expect(sealed).not.toContain('refresh-token-123');
    expect(seal('refresh-token-123')).not.toBe(sealed);
    expect(isSealed(sealed)).toBe(true);
    expect(needsResealing(sealed)).toBe(false);
    expect(open(sealed)).toBe('refresh-token-123');
    // A value from before encryption reads as it is, and is to be sealed.
    expect(open('plain-token')).toBe('plain-token');
    expect(isSealed('plain-token')).toBe(false);
    expect(needsResealing('plain-token')).toBe(true);
  });

  it('opens values of an old key listed in MONTAGE_ENCRYPTION_OLD_KEYS, and marks them for re-sealing', async () => {
    const before = await box({ MONTAGE_ENCRYPTION_KEY: keyA.toString('base64') });
    const sealedWithA = before.seal('cookie-secret');
    const rotated = await box({ MONTAGE_ENCRYPTION_KEY: keyB.toString('hex'), MONTAGE_ENCRYPTION_OLD_KEYS: ` , ${keyA.toString('hex')} ,` });
    expect(rotated.open(sealedWithA)).toBe('cookie-secret');
    expect(rotated.needsResealing(sealedWithA)).toBe(true);
    expect(rotated.needsResealing(rotated.seal('x'))).toBe(false);
  });

  it('names the key a value was sealed with when that key is not configured, and refuses a value tampered with', async () => {
    const before = await box({ MONTAGE_ENCRYPTION_KEY: keyA.toString('hex') });
    const sealed = before.seal('secret');
    const other = await box({ MONTAGE_ENCRYPTION_KEY: keyB.toString('hex') });
    expect(() => other.open(sealed)).toThrow(
      `A secret in the database was sealed with key ${idOf(keyA)}, which is not configured (MONTAGE_ENCRYPTION_KEY / MONTAGE_ENCRYPTION_OLD_KEYS)`,
    );
    expect(() => other.open('enc1:')).toThrow('sealed with key ,');
    const [, id, iv, tag, data] = sealed.split(':');
    const same = await box({ MONTAGE_ENCRYPTION_KEY: keyA.toString('hex') });
    expect(() => same.open(`enc1:${id}:${iv}:${tag}`)).toThrow(`sealed with key ${id}`);
    expect(() => same.open(`enc1:${id}:${iv}:${tag}:${data!.slice(0, -2)}AA`)).toThrow();
  });
});

describe('the embedded key (no MONTAGE_ENCRYPTION_KEY)', () => {
  it('is made once beside the data folder, readable by its owner only, and the same at the next start', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'montage-key-'));
    folders.push(folder);
    const dataDir = path.join(folder, 'pglite');
    const first = await box({ MONTAGE_DATA_DIR: dataDir });
    const sealed = first.seal('token');
    const file = path.join(folder, 'encryption.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const written = readFileSync(file, 'utf8');
    expect(written).toMatch(/^[A-Za-z0-9+/]{43}=\n$/);
    expect(first.currentKeyId()).toBe(idOf(Buffer.from(written.trim(), 'base64')));
    const next = await box({ MONTAGE_DATA_DIR: dataDir });
    expect(next.open(sealed)).toBe('token');
    expect(readFileSync(file, 'utf8')).toBe(written);
  });

  it('refuses a key file that holds no key, naming it', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'montage-key-'));
    folders.push(folder);
    writeFileSync(path.join(folder, 'encryption.key'), 'not a key\n');
    const broken = await box({ MONTAGE_DATA_DIR: path.join(folder, 'pglite') });
    expect(() => broken.seal('x')).toThrow(`The encryption key file ${path.join(folder, 'encryption.key')} does not hold a 32-byte key (base64 or hex)`);
  });

  it('is a key in memory for a database in memory: nothing written', async () => {
    const inMemory = await box({ MONTAGE_DATA_DIR: 'memory://' });
    expect(inMemory.open(inMemory.seal('token'))).toBe('token');
    const again = await box({ MONTAGE_DATA_DIR: 'memory://' });
    expect(again.currentKeyId()).not.toBe(inMemory.currentKeyId());
  });
});
