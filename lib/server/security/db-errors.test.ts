import { afterEach, describe, expect, it, vi } from 'vitest';
import { appErrorFromDatabase } from './db-errors';

/** A database error as drizzle throws it: the driver's error, with its SQLSTATE, as the cause of a wrapper. */
function wrapped(code: unknown, depth = 1): Error {
  let error: Error = Object.assign(new Error('driver'), { code });
  for (let i = 0; i < depth; i++) error = new Error('Failed query', { cause: error });
  return error;
}

afterEach(() => vi.restoreAllMocks());

describe('appErrorFromDatabase', () => {
  it.each(['22003', '22021', '22P05'])('answers a refused value (SQLSTATE %s) as invalid input, nothing saved', (code) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const error = appErrorFromDatabase(wrapped(code));
    expect(error?.code).toBe('invalid_input');
    expect(error?.message).toBe('A value in the request is out of range or holds characters that cannot be stored; nothing was saved.');
    expect(warn).toHaveBeenCalledWith(`Database refused a value (SQLSTATE ${code}); validation should have caught it first`);
  });

  it.each(['23503', '40001', '40P01'])('answers a race (SQLSTATE %s) as a conflict the client can retry', (code) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const error = appErrorFromDatabase(wrapped(code));
    expect(error?.code).toBe('conflict');
    expect(error?.message).toBe('Something this change depends on changed at the same time; nothing was saved. Try again.');
    expect(warn).toHaveBeenCalledWith(`Concurrent change refused a write (SQLSTATE ${code})`);
  });

  it('leaves every other failure to be a 500: other SQLSTATEs, no code, codes that are no SQLSTATE', () => {
    for (const error of [wrapped('23505'), wrapped('42P01'), wrapped(undefined), wrapped('ECONNREFUSED'), wrapped('2200'), wrapped('22a03'), wrapped(22003), new Error('plain'), 'text', null, undefined]) {
      expect(appErrorFromDatabase(error)).toBeNull();
    }
  });

  it('finds the SQLSTATE up to four causes deep, the outermost first', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(appErrorFromDatabase(wrapped('22003', 0))?.code).toBe('invalid_input');
    expect(appErrorFromDatabase(wrapped('40001', 4))?.code).toBe('conflict');
    expect(appErrorFromDatabase(wrapped('40001', 5))).toBeNull();
    const outer = Object.assign(new Error('outer', { cause: wrapped('22003') }), { code: '40001' });
    expect(appErrorFromDatabase(outer)?.code).toBe('conflict');
    // A code that only contains five such characters is no SQLSTATE: the one underneath counts.
    for (const code of ['ERR_22003', '22003_X', 'x40001']) {
      expect(appErrorFromDatabase(Object.assign(new Error('outer', { cause: wrapped('40001') }), { code }))?.code, code).toBe('conflict');
    }
  });

  it('names a field in every refused value (issue 31: some 422s named none): the column PostgreSQL names, or the body', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(appErrorFromDatabase(wrapped('22021'))?.problems.map((p) => p.field)).toEqual(['body']);
    const range = Object.assign(new Error('driver'), { code: '22003', column: 'duration_ms' });
    expect(appErrorFromDatabase(new Error('Failed query', { cause: range }))?.problems.map((p) => p.field)).toEqual(['duration_ms']);
  });
});
