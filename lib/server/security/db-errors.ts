import { AppError } from '../errors';

/** The SQLSTATE of a database error, looked for through drizzle's wrapping `cause` chain. */
function sqlState(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return null;
}

/** The column a database error names (PostgreSQL's `column` field), looked for like its SQLSTATE. */
function columnOf(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const column = (e as { column?: unknown }).column;
    if (typeof column === 'string' && column !== '') return column;
  }
  return null;
}

/**
 * The last line behind input validation: a database refusal that a client's input or a concurrent
 * request caused is answered as such (422 / 409), never as a 500. Each is logged, since validation
 * should have caught it first.
 */
export function appErrorFromDatabase(error: unknown): AppError | null {
  const state = sqlState(error);
  if (state === null) return null;
  // 22xxx: data exceptions (a number out of range, NUL in text, a bad encoding).
  if (state.startsWith('22')) {
    console.warn(`Database refused a value (SQLSTATE ${state}); validation should have caught it first`);
    // The column PostgreSQL names when it can; else the request body as a whole: a 422 always names a field.
    const column = columnOf(error);
    const message = 'is out of range or holds characters that cannot be stored';
    return new AppError('invalid_input', `A value in the request ${message}; nothing was saved.`, [{ field: column ?? 'body', message }]);
  }
  // 23503 (a referenced row just went away), 40001/40P01 (serialization failure, deadlock): a race the client can retry.
  if (state === '23503' || state === '40001' || state === '40P01') {
    console.warn(`Concurrent change refused a write (SQLSTATE ${state})`);
    return new AppError('conflict', 'Something this change depends on changed at the same time; nothing was saved. Try again.');
  }
  return null;
}
