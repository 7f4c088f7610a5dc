import { describe, expect, it } from 'vitest';
import { clearOwnerCookieHeader, newShareToken, ownerCookieHeader, readCookie, signOwner, signOwnerSession, verifyOwner, verifyOwnerCookie } from './owner-cookie';

const secret = 'x'.repeat(43);
const ownerId = '2ee86fe3-d69c-49ec-8cf2-dc7cce00729b';
const sessionId = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';

describe('owner cookie', () => {
  it('proves the owner it was signed for', () => {
    expect(verifyOwner(signOwner(ownerId, secret), secret)).toBe(ownerId);
  });
  it('rejects a forged, re-targeted or differently-signed value', () => {
    const value = signOwner(ownerId, secret);
    expect(verifyOwner(value.slice(0, -2) + 'AA', secret)).toBeNull();
    expect(verifyOwner(value.replace('2ee8', '3ee8'), secret)).toBeNull();
    expect(verifyOwner(value, 'y'.repeat(43))).toBeNull();
    expect(verifyOwner('nonsense', secret)).toBeNull();
    expect(verifyOwner(undefined, secret)).toBeNull();
  });
  it('reads one cookie among several', () => {
    expect(readCookie('a=1; montage_owner=abc.def; b=2', 'montage_owner')).toBe('abc.def');
    expect(readCookie(null, 'montage_owner')).toBeNull();
  });
  it('makes share tokens of 256 random bits that do not repeat', () => {
    const tokens = new Set(Array.from({ length: 1000 }, newShareToken));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  });

  it('proves the owner and the session a session cookie was signed for', () => {
    const value = signOwnerSession(ownerId, sessionId, secret);
    expect(value.split('.').slice(0, 2)).toEqual([ownerId, sessionId]);
    expect(verifyOwnerCookie(value, secret)).toEqual({ ownerId, sessionId });
    expect(verifyOwnerCookie(signOwner(ownerId, secret), secret)).toEqual({ ownerId, sessionId: null });
  });

  it('rejects a session cookie forged, moved to another session or owner, or signed as an old cookie', () => {
    const value = signOwnerSession(ownerId, sessionId, secret);
    const [, , signature] = value.split('.');
    expect(verifyOwnerCookie(`${ownerId}.${'b'.repeat(8)}-e5f6-4a7b-8c9d-0e1f2a3b4c5d.${signature}`, secret)).toBeNull();
    expect(verifyOwnerCookie(`${sessionId}.${ownerId}.${signature}`, secret)).toBeNull();
    expect(verifyOwnerCookie(`${ownerId}.${sessionId}.${signature!.slice(0, -1)}`, secret)).toBeNull();
    expect(verifyOwnerCookie(`${ownerId}.${sessionId}.${signOwner(ownerId, secret).split('.')[1]}`, secret)).toBeNull();
    expect(verifyOwnerCookie(value, 'y'.repeat(43))).toBeNull();
    expect(verifyOwnerCookie(`${value}.x`, secret)).toBeNull();
    expect(verifyOwnerCookie(`${signOwner(ownerId, secret)}.x.y`, secret)).toBeNull();
    expect(verifyOwnerCookie('', secret)).toBeNull();
  });

  it('takes only ids written exactly as issued: lower-case UUIDs, nothing before or after', () => {
    for (const [owner, session] of [
      [`x${ownerId}`, sessionId],
      [`${ownerId}x`, sessionId],
      [ownerId, `x${sessionId}`],
      [ownerId, `${sessionId}x`],
      [ownerId.toUpperCase(), sessionId],
    ] as const) {
      expect(verifyOwnerCookie(signOwnerSession(owner, session, secret), secret), `${owner} ${session}`).toBeNull();
    }
    for (const owner of [`x${ownerId}`, `${ownerId}x`, ownerId.toUpperCase()]) expect(verifyOwner(signOwner(owner, secret), secret), owner).toBeNull();
  });

  it('reads a cookie by its exact name, trimmed and decoded; a malformed escape or a part without "=" proves nothing', () => {
    expect(readCookie('montage_owner_old=1; montage_owner= a%2Eb ', 'montage_owner')).toBe('a.b');
    expect(readCookie('flag; montage_owner=v', 'montage_owner')).toBe('v');
    expect(readCookie('=x; montage_owner=v', 'montage_owner')).toBe('v');
    expect(readCookie('montage_owner=%E0%A4%A', 'montage_owner')).toBeNull();
    expect(readCookie('montage_owner=%E0%A4%A; montage_owner=v', 'montage_owner')).toBeNull();
    expect(readCookie('other=1', 'montage_owner')).toBeNull();
    expect(readCookie('montage_owner', 'montage_owner')).toBeNull();
    expect(readCookie('montage_owner1', 'montage_owner')).toBeNull();
  });

  it('sets the cookie httpOnly and SameSite=Lax for as long as its session, Secure over https; clears it the same way', () => {
    expect(ownerCookieHeader('a.b/c', false, 86_400.9)).toBe('montage_owner=a.b%2Fc; Path=/; HttpOnly; SameSite=Lax; Max-Age=86400');
    expect(ownerCookieHeader('v', true, -5)).toBe('montage_owner=v; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Secure');
    expect(clearOwnerCookieHeader(false)).toBe('montage_owner=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0');
    expect(clearOwnerCookieHeader(true)).toBe('montage_owner=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Secure');
  });
});
