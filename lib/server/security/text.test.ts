import { describe, expect, it } from 'vitest';
import { hasControlCharacters, hasVisibleCharacters, isPlausibleId, isShareToken } from './text';

/** What PostgreSQL text and our pages may hold, checked before any query (the README's "NUL and other control characters"). */
describe('hasControlCharacters', () => {
  it('finds none in ordinary text, with tabs, line breaks and non-breaking spaces', () => {
    expect(hasControlCharacters({ name: 'Drago\tlab', notes: ['line one\r\nline two', 'a\u00a0b'], n: 3, empty: null, on: true })).toBeNull();
  });

  it.each([
    ['NUL', '\u0000'],
    ['backspace', '\u0008'],
    ['vertical tab', '\u000b'],
    ['form feed', '\u000c'],
    ['shift out', '\u000e'],
    ['unit separator', '\u001f'],
    ['DEL', '\u007f'],
    ['a C1 control', '\u0085'],
    ['the last C1 control', '\u009f'],
  ])('names the field holding %s', (_name, character) => {
    expect(hasControlCharacters({ tracks: [{ title: 'ok' }, { title: 'ok' }, { title: `Burning${character}Heart` }] })).toBe('tracks.2.title');
  });

  it('names the body when the body itself is such a string', () => {
    expect(hasControlCharacters('a\u0000')).toBe('body');
    expect(hasControlCharacters('fine')).toBeNull();
  });

  it('names a key holding one, the character shown as "?"', () => {
    expect(hasControlCharacters({ outer: { 'na\u0000me': 'x' } })).toBe('outer.na?me');
    expect(hasControlCharacters({ 'a\u0001b\u0002': 1 })).toBe('a?b?');
  });

  it('names the first such field in the order the body was written', () => {
    expect(hasControlCharacters({ a: 'x\u0000', b: 'y\u0000' })).toBe('a');
    expect(hasControlCharacters(['ok', 'x\u0000', 'y\u0000'])).toBe('1');
    expect(hasControlCharacters({ a: ['ok', { b: 'x\u0000' }], c: 'y\u0000' })).toBe('a.1.b');
  });

  it('walks a body nested 100,000 deep without overflowing, naming at most the first 32 steps of the path', () => {
    let deep: unknown = 'bad\u0000';
    for (let i = 0; i < 100_000; i++) deep = { x: deep };
    const path = hasControlCharacters(deep)!;
    expect(path.split('.')).toHaveLength(32);
    expect(path.split('.').every((step) => step === 'x')).toBe(true);
    let list: unknown = 'bad\u0000';
    for (let i = 0; i < 40; i++) list = [list];
    expect(hasControlCharacters(list)).toBe(Array(32).fill('0').join('.'));
  });
});

describe('hasVisibleCharacters', () => {
  it('is false for whitespace, zero-width, format and filler characters alone', () => {
    for (const text of ['', '   ', '\t\n', '\u00a0', '\u200b\u200c\u200d\u2060\ufeff', '\u115f\u1160', '\u3164', '\uffa0', '\u0001']) {
      expect(hasVisibleCharacters(text), JSON.stringify(text)).toBe(false);
    }
  });

  it('is true as soon as one character shows', () => {
    for (const text of ['a', ' \u200bI', '4', '🥊', 'é']) expect(hasVisibleCharacters(text), text).toBe(true);
  });
});

describe('isPlausibleId', () => {
  it('accepts 1 to 200 characters (or the maximum given) without control characters', () => {
    expect(isPlausibleId('a')).toBe(true);
    expect(isPlausibleId('a'.repeat(200))).toBe(true);
    expect(isPlausibleId('a'.repeat(201))).toBe(false);
    expect(isPlausibleId('')).toBe(false);
    expect(isPlausibleId('abc', 3)).toBe(true);
    expect(isPlausibleId('abcd', 3)).toBe(false);
    expect(isPlausibleId('ab\u0000c')).toBe(false);
  });
});

describe('isShareToken', () => {
  it('accepts URL-safe base64 of 16 to 100 characters only', () => {
    expect(isShareToken('A'.repeat(16))).toBe(true);
    expect(isShareToken('A'.repeat(15))).toBe(false);
    expect(isShareToken('aZ09_-'.repeat(16).slice(0, 100))).toBe(true);
    expect(isShareToken('A'.repeat(101))).toBe(false);
    expect(isShareToken(`${'A'.repeat(20)}+`)).toBe(false);
    expect(isShareToken(`${'A'.repeat(20)}/`)).toBe(false);
    expect(isShareToken(`${'A'.repeat(20)}%00`)).toBe(false);
    expect(isShareToken(`x${'A'.repeat(20)}\n`)).toBe(false);
  });
});
