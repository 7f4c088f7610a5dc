/**
 * The Spotify adapter's error vocabulary. Every failure that leaves the adapter is a SpotifyError
 * with a literal `code`; the app maps codes to what the person sees (reconnect, wait, try again).
 * Vendor bodies stay in `detail` for logs and are never meant to be shown as they are.
 */
export type SpotifyErrorCode =
  /** A request was refused with 401 even after one token refresh. */
  | 'unauthorized'
  /** No usable user token: never connected, or Spotify refused the refresh token (`invalid_grant`). */
  | 'reconnect_required'
  /** 403: a scope is missing, the playlist is not theirs, or the account is not allow-listed (Development Mode). */
  | 'forbidden'
  | 'not_found'
  /** 400: the adapter sent something Spotify does not accept (a bug on our side). */
  | 'bad_request'
  /** 429 after the bounded retries, or a Retry-After longer than we are willing to wait. */
  | 'rate_limited'
  /** 429 whose body says QUOTA_EXCEEDED: the app's quota is spent; retrying does not help. */
  | 'quota_exceeded'
  /** 5xx, timeout or network failure after the bounded retries. */
  | 'unavailable'
  /** The accounts service refused the app's own credentials (client id or secret). */
  | 'invalid_client'
  /** Spotify answered 2xx with a body the adapter cannot read. */
  | 'invalid_response'
  /** 403 PREMIUM_REQUIRED: controlling playback (Connect) needs Spotify Premium. */
  | 'premium_required'
  /** 404 NO_ACTIVE_DEVICE: no Spotify app is open (and active) to play on. */
  | 'no_active_device';

export interface SpotifyErrorOptions {
  status?: number | null;
  /** Seconds Spotify asked us to wait (429), when known. */
  retryAfterSec?: number | null;
  /**
   * True when a request that is not safe to repeat (e.g. POST add items) failed in a way that
   * leaves open whether Spotify applied it (timeout, 5xx). Callers reconcile before retrying.
   */
  mayHaveApplied?: boolean;
  /** Vendor error text or body, for logs only. */
  detail?: string;
  cause?: unknown;
}

/**
 * The mark every SpotifyError carries, registered globally (`Symbol.for`) so it is the same symbol
 * in every copy of this module. A production build bundles this file more than once: the adapter
 * made at server start (instrumentation) throws the instrumentation copy's class, and route code
 * holds another, so `instanceof` there is false and a refusal became a 500 (issue 32).
 */
const SPOTIFY_ERROR_MARK = Symbol.for('montage.spotify-error');

export class SpotifyError extends Error {
  readonly [SPOTIFY_ERROR_MARK] = true;
  readonly code: SpotifyErrorCode;
  readonly status: number | null;
  readonly retryAfterSec: number | null;
  readonly mayHaveApplied: boolean;
  readonly detail: string | null;

  constructor(code: SpotifyErrorCode, message: string, options: SpotifyErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SpotifyError';
    this.code = code;
    this.status = options.status ?? null;
    this.retryAfterSec = options.retryAfterSec ?? null;
    this.mayHaveApplied = options.mayHaveApplied ?? false;
    this.detail = options.detail ?? null;
  }
}

/**
 * Whether `error` is a SpotifyError (with that `code`, when given), whichever copy of this module
 * made it: checked by its mark, never by `instanceof` (see SPOTIFY_ERROR_MARK).
 */
export function isSpotifyError(error: unknown, code?: SpotifyErrorCode): error is SpotifyError {
  if (typeof error !== 'object' || error === null) return false;
  if ((error as { [SPOTIFY_ERROR_MARK]?: unknown })[SPOTIFY_ERROR_MARK] !== true) return false;
  return code === undefined || (error as SpotifyError).code === code;
}

/** Messages a person can act on. */
export const SPOTIFY_MESSAGES = {
  unauthorized: 'Spotify did not accept our sign-in for your account. Connect Spotify again.',
  reconnect_required: 'Your Spotify connection has expired or was removed. Connect Spotify again.',
  forbidden:
    'Spotify refused this request. If your account is not on this app’s allow-list, or you did not grant a permission, connect Spotify again or ask the app owner.',
  not_found: 'Spotify could not find that item.',
  bad_request: 'Spotify did not accept the request. Nothing was changed; please report this.',
  rate_limited: (retryAfterSec: number | null) =>
    retryAfterSec === null
      ? 'Spotify is receiving too many requests from Montage. Try again in a minute.'
      : `Spotify is receiving too many requests from Montage. Try again in ${formatWait(retryAfterSec)}.`,
  quota_exceeded:
    'Montage has used up its Spotify quota for now. Your montage is safe here; try saving to Spotify later.',
  unavailable: 'Spotify is not answering right now. Your montage is safe here; try again in a few minutes.',
  invalid_client: 'Montage’s Spotify app credentials were refused. The app owner needs to check them.',
  invalid_response: 'Spotify sent an answer Montage could not read. Try again later.',
  premium_required:
    'Spotify lets apps start or control playback only for Spotify Premium accounts. Without Premium, play the montage in Spotify yourself, or use the player on this page.',
  no_active_device: 'No Spotify app is open on any of your devices. Open Spotify on your phone (or computer), then choose it here.',
} as const;

function formatWait(seconds: number): string {
  if (seconds <= 1) return '1 second';
  if (seconds < 90) return `${Math.ceil(seconds)} seconds`;
  if (seconds < 90 * 60) return `${Math.ceil(seconds / 60)} minutes`;
  return `${Math.ceil(seconds / 3600)} hours`;
}
