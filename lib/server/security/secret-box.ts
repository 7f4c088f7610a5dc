import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { env } from '../env';

/**
 * Secrets at rest (Spotify tokens, the generated cookie secret) are sealed with AES-256-GCM:
 * `enc1:<key id>:<iv>:<tag>:<ciphertext>` (base64url). The key id (first 8 hex characters of the
 * key's SHA-256) says which key sealed a value, so a rotated key can still open old values while
 * they are re-sealed. A value without the prefix is from before encryption: it is read as it is
 * and sealed by `sealSecretsAtRest` on the next start.
 */
const PREFIX = 'enc1:';

interface Keyring {
  current: { id: string; key: Buffer };
  byId: Map<string, Buffer>;
}

export function decodeKey(text: string): Buffer | null {
  const trimmed = text.trim();
  const candidates = [/^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : null, Buffer.from(trimmed, 'base64'), Buffer.from(trimmed, 'base64url')];
  return candidates.find((b) => b !== null && b.length === 32) ?? null;
}

function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/**
 * The embedded mode's key when MONTAGE_ENCRYPTION_KEY is unset: a file beside the data folder
 * (`.data/encryption.key` by default), made once with mode 0600. Kept out of the database, so a
 * dump alone opens nothing. An in-memory database gets an in-memory key.
 */
function embeddedKey(): Buffer {
  if (env.MONTAGE_DATA_DIR.includes('://')) return randomBytes(32);
  const file = path.join(path.dirname(path.resolve(env.MONTAGE_DATA_DIR)), 'encryption.key');
  if (existsSync(file)) {
    const key = decodeKey(readFileSync(file, 'utf8'));
    if (!key) throw new Error(`The encryption key file ${file} does not hold a 32-byte key (base64 or hex)`);
    return key;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return key;
}

let keyring: Keyring | undefined;

function getKeyring(): Keyring {
  if (keyring) return keyring;
  const current = env.MONTAGE_ENCRYPTION_KEY ? decodeKey(env.MONTAGE_ENCRYPTION_KEY)! : embeddedKey();
  const old = (env.MONTAGE_ENCRYPTION_OLD_KEYS ?? '').split(',').filter((k) => k.trim() !== '').map((k) => decodeKey(k)!);
  const byId = new Map([current, ...old].map((key) => [keyId(key), key] as const));
  keyring = { current: { id: keyId(current), key: current }, byId };
  return keyring;
}

/** The id of the key new values are sealed with. */
export function currentKeyId(): string {
  return getKeyring().current.id;
}

export function seal(plain: string): string {
  const { current } = getKeyring();
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', current.key, iv);
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${PREFIX}${current.id}:${iv.toString('base64url')}:${cipher.getAuthTag().toString('base64url')}:${ciphertext.toString('base64url')}`;
}

export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

/** Whether a stored value must be (re-)sealed: plain text, or sealed with a key that is not the current one. */
export function needsResealing(stored: string): boolean {
  return !stored.startsWith(`${PREFIX}${currentKeyId()}:`);
}

/** The plain value of a stored one; a value from before encryption is returned as it is. */
export function open(stored: string): string {
  if (!isSealed(stored)) return stored;
  const [id, iv, tag, ciphertext] = stored.slice(PREFIX.length).split(':');
  const key = id ? getKeyring().byId.get(id) : undefined;
  if (!key || !iv || !tag || ciphertext === undefined) {
    throw new Error(`A secret in the database was sealed with key ${id ?? '?'}, which is not configured (MONTAGE_ENCRYPTION_KEY / MONTAGE_ENCRYPTION_OLD_KEYS)`);
  }
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}
