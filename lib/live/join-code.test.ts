import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatJoinCode, isJoinToken, JOIN_CODE_ALPHABET, JOIN_TOKEN_BYTES, joinCodeFromBytes, joinTokenFromBytes, normaliseDisplayName, normaliseJoinCode } from './join-code';

describe('the short join code', () => {
  it('is six characters nobody misreads, shown as two groups of three', () => {
    const code = joinCodeFromBytes(new Uint8Array([0, 31, 32, 255, 18, 27]));
    expect(code).toBe('0Z0ZJV');
    expect(formatJoinCode(code)).toBe('0Z0-ZJV');
    expect(JOIN_CODE_ALPHABET).not.toMatch(/[ILOU]/u);
  });

  it('reads back whatever way it was typed: case, spaces, hyphens, O for 0 and I or L for 1', () => {
    expect(normaliseJoinCode(' k7m-4qx ')).toBe('K7M4QX');
    expect(normaliseJoinCode('OIL 234')).toBe('011234');
    expect(normaliseJoinCode('K7M4Q')).toBeNull();
    expect(normaliseJoinCode('K7M4QXY')).toBeNull();
    expect(normaliseJoinCode('K7M4QU')).toBeNull();
  });

  it('round-trips every code through its displayed form (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 6, maxLength: 6 }), (bytes) => {
        const code = joinCodeFromBytes(bytes);
        expect(normaliseJoinCode(formatJoinCode(code).toLowerCase())).toBe(code);
      }),
    );
  });

  it('uses every character of the alphabet equally (each byte value maps to one of 32, eight times)', () => {
    const counts = new Map<string, number>();
    for (let byte = 0; byte < 256; byte++) {
      const char = joinCodeFromBytes(new Uint8Array([byte, 0, 0, 0, 0, 0]))[0]!;
      counts.set(char, (counts.get(char) ?? 0) + 1);
    }
    expect([...counts.values()]).toEqual(Array(32).fill(8));
  });

  it('refuses too little randomness', () => {
    expect(() => joinCodeFromBytes(new Uint8Array(5))).toThrow(RangeError);
  });
});

describe('the link token', () => {
  it('carries 256 random bits in 43 URL-safe characters, and only that shape passes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: JOIN_TOKEN_BYTES, maxLength: JOIN_TOKEN_BYTES }), (bytes) => {
        const token = joinTokenFromBytes(bytes);
        expect(isJoinToken(token)).toBe(true);
        expect(atob(token.replace(/-/gu, '+').replace(/_/gu, '/') + '=')).toBe(String.fromCharCode(...bytes));
      }),
    );
    expect(JOIN_TOKEN_BYTES * 8).toBeGreaterThanOrEqual(128);
    expect(() => joinTokenFromBytes(new Uint8Array(15))).toThrow(RangeError);
    expect(isJoinToken('K7M4QX')).toBe(false);
    expect(isJoinToken(`${'a'.repeat(42)}=`)).toBe(false);
  });

  it('two tokens from different bytes differ', () => {
    const a = joinTokenFromBytes(new Uint8Array(JOIN_TOKEN_BYTES));
    const b = joinTokenFromBytes(new Uint8Array(JOIN_TOKEN_BYTES).fill(1));
    expect(a).not.toBe(b);
  });
});

describe('the optional display name', () => {
  it('is trimmed, one space between words, no control characters, at most 40 characters, or none', () => {
    expect(normaliseDisplayName('  Apollo   Creed ')).toBe('Apollo Creed');
    expect(normaliseDisplayName('Dra\u0000go\u001b')).toBe('Drago');
    expect(normaliseDisplayName('   ')).toBeNull();
    expect(normaliseDisplayName(undefined)).toBeNull();
    expect([...normaliseDisplayName('🥊'.repeat(50))!]).toHaveLength(40);
  });
});
