import { describe, expect, it } from 'vitest';
import { newShareToken, readCookie, signOwner, verifyOwner } from './owner-cookie';

const secret = 'x'.repeat(43);
const ownerId = '2ee86fe3-d69c-49ec-8cf2-dc7cce00729b';

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
});
