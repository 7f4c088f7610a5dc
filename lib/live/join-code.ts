/**
 * Two ways into a live session. The link (and its QR code) carries an unguessable token; the
 * short code is for typing from a wall or a friend's voice, guessable by itself (30 bits), so the
 * service rate-limits join attempts by code and a code works only while its session lasts.
 */

/** Crockford's base 32: no I, L, O or U, so nothing read aloud or off a wall is ambiguous. */
export const JOIN_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const JOIN_CODE_LENGTH = 6;
/** 32 random bytes: 256 bits, far above the 128 the project requires of every link token. */
export const JOIN_TOKEN_BYTES = 32;
const JOIN_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/u;

/**
 * A short code from random bytes (one byte a character; 256 is a multiple of 32, so no letter is
 * likelier than another). The caller supplies the randomness (crypto.getRandomValues).
 */
export function joinCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < JOIN_CODE_LENGTH) throw new RangeError(`a join code needs ${JOIN_CODE_LENGTH} random bytes, got ${bytes.length}`);
  return Array.from(bytes.subarray(0, JOIN_CODE_LENGTH), (byte) => JOIN_CODE_ALPHABET[byte & 31]).join('');
}

/** "K7M4QX" → "K7M-4QX", the way it is shown. */
export function formatJoinCode(code: string): string {
  return `${code.slice(0, 3)}-${code.slice(3)}`;
}

/**
 * A typed code as stored, or null when it cannot be one: case, spaces and hyphens do not
 * matter, and the letters people mistake for digits (O, I, L) are read as the digits.
 */
export function normaliseJoinCode(typed: string): string | null {
  const code = typed
    .toUpperCase()
    .replace(/[\s-]/gu, '')
    .replace(/O/gu, '0')
    .replace(/[IL]/gu, '1');
  if (code.length !== JOIN_CODE_LENGTH) return null;
  return [...code].every((char) => JOIN_CODE_ALPHABET.includes(char)) ? code : null;
}

/** The link's token from `JOIN_TOKEN_BYTES` random bytes, base64url without padding (43 characters). */
export function joinTokenFromBytes(bytes: Uint8Array): string {
  if (bytes.length !== JOIN_TOKEN_BYTES) throw new RangeError(`a join token needs ${JOIN_TOKEN_BYTES} random bytes, got ${bytes.length}`);
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/gu, '-')
    .replace(/\//gu, '_')
    .replace(/=+$/u, '');
}

/** Whether a string has the shape of a join token (before any database look-up). */
export function isJoinToken(candidate: string): boolean {
  return JOIN_TOKEN_PATTERN.test(candidate);
}

export const DISPLAY_NAME_MAX_LENGTH = 40;

/**
 * The optional name a participant shows to the others, or null for none: trimmed, inner spaces
 * collapsed, control characters removed, cut at `DISPLAY_NAME_MAX_LENGTH`. It is all the others
 * ever learn of them.
 */
export function normaliseDisplayName(typed: string | null | undefined): string | null {
  if (!typed) return null;
  const name = typed.replace(/[\u0000-\u001f\u007f-\u009f]/gu, '').replace(/\s+/gu, ' ').trim();
  return name === '' ? null : [...name].slice(0, DISPLAY_NAME_MAX_LENGTH).join('');
}
