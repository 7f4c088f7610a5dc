import { describe, expect, it } from 'vitest';
import { PG_INT_MAX, versionSchema, visibleText } from './input';

const problem = (result: { success: boolean; error?: { issues: { message: string }[] } }) => (result.success ? null : result.error!.issues[0]!.message);

describe('versionSchema: the version a client last saw', () => {
  it('is a positive integer a PostgreSQL integer holds', () => {
    expect(versionSchema.parse(1)).toBe(1);
    expect(versionSchema.parse(PG_INT_MAX)).toBe(PG_INT_MAX);
    expect(problem(versionSchema.safeParse(PG_INT_MAX + 1))).toBe('must be at most 2147483647');
    expect(versionSchema.safeParse(0).success).toBe(false);
    expect(versionSchema.safeParse(1.5).success).toBe(false);
  });
});

describe('visibleText: a name or label', () => {
  const name = visibleText(5);

  it('is trimmed, and takes 1 to max characters', () => {
    expect(name.parse('  Ivan  ')).toBe('Ivan');
    expect(name.parse('a')).toBe('a');
    expect(name.parse('Drago')).toBe('Drago');
    expect(problem(name.safeParse('Apollo'))).toBe('must be at most 5 characters');
    expect(problem(name.safeParse('   '))).toBe('must not be empty');
  });

  it('must show something: zero-width or format characters alone are refused', () => {
    expect(problem(name.safeParse('\u200b\u200b'))).toBe('must contain a visible character');
  });
});
