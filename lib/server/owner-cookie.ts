import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const OWNER_COOKIE = 'montage_owner';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function sign(ownerId: string, secret: string): string {
  return createHmac('sha256', secret).update(`owner:${ownerId}`).digest('base64url');
}

/** `ownerId.signature`: the value of the anonymous-owner cookie. */
export function signOwner(ownerId: string, secret: string): string {
  return `${ownerId}.${sign(ownerId, secret)}`;
}

/** The owner id a cookie value proves, or null if it is missing, malformed or forged. */
export function verifyOwner(value: string | undefined | null, secret: string): string | null {
  if (!value) return null;
  const dot = value.indexOf('.');
  if (dot < 0) return null;
  const ownerId = value.slice(0, dot);
  if (!UUID.test(ownerId)) return null;
  const given = Buffer.from(value.slice(dot + 1));
  const expected = Buffer.from(sign(ownerId, secret));
  return given.length === expected.length && timingSafeEqual(given, expected) ? ownerId : null;
}

/** A random cookie-signing secret (256 bits). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** An unguessable share token: 256 random bits, URL-safe. */
export function newShareToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Reads one cookie from a `Cookie` header. */
export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

/** `Set-Cookie` for the owner: httpOnly, SameSite=Lax, one year. */
export function ownerCookieHeader(value: string, secure: boolean): string {
  return `${OWNER_COOKIE}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000${secure ? '; Secure' : ''}`;
}
