import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const OWNER_COOKIE = 'montage_owner';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function sign(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

function equalSignatures(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `ownerId.signature`: the cookie value before sessions (still read, so no one loses their montages). */
export function signOwner(ownerId: string, secret: string): string {
  return `${ownerId}.${sign(`owner:${ownerId}`, secret)}`;
}

/** `ownerId.sessionId.signature`: the owner cookie, naming the server-side session it belongs to. */
export function signOwnerSession(ownerId: string, sessionId: string, secret: string): string {
  return `${ownerId}.${sessionId}.${sign(`owner:${ownerId}:session:${sessionId}`, secret)}`;
}

export interface OwnerCookieClaim {
  ownerId: string;
  /** Null for a cookie from before sessions. */
  sessionId: string | null;
}

/** What a cookie value claims, if its signature holds; null if it is missing, malformed or forged. */
export function verifyOwnerCookie(value: string | undefined | null, secret: string): OwnerCookieClaim | null {
  if (!value) return null;
  const parts = value.split('.');
  if (parts.length === 3) {
    const [ownerId, sessionId, signature] = parts as [string, string, string];
    if (!UUID.test(ownerId) || !UUID.test(sessionId)) return null;
    return equalSignatures(signature, sign(`owner:${ownerId}:session:${sessionId}`, secret)) ? { ownerId, sessionId } : null;
  }
  if (parts.length === 2) {
    const [ownerId, signature] = parts as [string, string];
    if (!UUID.test(ownerId)) return null;
    return equalSignatures(signature, sign(`owner:${ownerId}`, secret)) ? { ownerId, sessionId: null } : null;
  }
  return null;
}

/** The owner id a cookie value proves (signature only; the session is checked against the database). */
export function verifyOwner(value: string | undefined | null, secret: string): string | null {
  return verifyOwnerCookie(value, secret)?.ownerId ?? null;
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
    if (part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return null; // a malformed escape proves nothing
    }
  }
  return null;
}

/** `Set-Cookie` for the owner: httpOnly, SameSite=Lax, living as long as its session. */
export function ownerCookieHeader(value: string, secure: boolean, maxAgeSec: number): string {
  return `${OWNER_COOKIE}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${Math.max(0, Math.floor(maxAgeSec))}${secure ? '; Secure' : ''}`;
}

/** `Set-Cookie` that removes the owner cookie from the browser. */
export function clearOwnerCookieHeader(secure: boolean): string {
  return `${OWNER_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? '; Secure' : ''}`;
}
