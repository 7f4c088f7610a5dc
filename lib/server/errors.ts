/** The one error vocabulary: domain and query code throws these; the HTTP layer maps codes to statuses. */
export type AppErrorCode =
  | 'malformed_request'
  | 'invalid_input'
  | 'not_found'
  | 'stale_version'
  | 'conflict'
  | 'payload_too_large'
  /** Refused: a state-changing request from another site (a cross-site form or fetch riding on the cookie), or Spotify refusing the account (403). */
  | 'forbidden'
  /** A body that is not JSON where JSON is expected. */
  | 'unsupported_media_type'
  /** Too many requests of one kind from one client or owner; `Retry-After` says when to try again. */
  | 'rate_limited'
  /** The Spotify connection must be made again (expired or revoked refresh token). */
  | 'reconnect_required'
  /** Spotify failed (rate limit, quota, outage) after our retries; the message says what to do. */
  | 'upstream';

export interface FieldProblem {
  /** Dotted path of the field at fault, e.g. `intervals.2.durationMs`. */
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly problems: FieldProblem[];

  constructor(code: AppErrorCode, message: string, problems: FieldProblem[] = []) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.problems = problems;
  }
}

export const STATUS_BY_CODE: Record<AppErrorCode, number> = {
  malformed_request: 400,
  invalid_input: 422,
  not_found: 404,
  stale_version: 409,
  conflict: 409,
  payload_too_large: 413,
  forbidden: 403,
  unsupported_media_type: 415,
  rate_limited: 429,
  reconnect_required: 401,
  upstream: 503,
};

export function notFound(what: string): AppError {
  return new AppError('not_found', `${what} not found`);
}

export function staleVersion(current: number): AppError {
  return new AppError(
    'stale_version',
    `This montage changed since you loaded it (now at version ${current}). Reload to see the latest, then make your change again.`,
  );
}

/** A refusal of the sequencer (see `SequencerInputError`) as a 422 naming the same field. */
export function fromSequencerInput(error: unknown): unknown {
  if (error instanceof Error && (error as { code?: unknown }).code === 'invalid_sequencer_input') {
    const field = String((error as { field?: unknown }).field ?? 'body');
    return new AppError('invalid_input', error.message, [{ field, message: error.message }]);
  }
  return error;
}
