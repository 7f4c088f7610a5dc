import { describe, expect, it, vi } from 'vitest';
import { SPOTIFY_MESSAGES, SpotifyError, isSpotifyError } from './errors';

describe('Spotify errors', () => {
  it('carry their code, what Spotify said, and the cause only when there is one', () => {
    const cause = new Error('socket hang up');
    const error = new SpotifyError('unavailable', SPOTIFY_MESSAGES.unavailable, { cause, status: 503, detail: 'upstream' });
    expect(error).toMatchObject({ name: 'SpotifyError', code: 'unavailable', status: 503, retryAfterSec: null, mayHaveApplied: false, detail: 'upstream' });
    expect(error.cause).toBe(cause);
    expect(String(error)).toBe(`SpotifyError: ${SPOTIFY_MESSAGES.unavailable}`);
    const plain = new SpotifyError('not_found', SPOTIFY_MESSAGES.not_found, { cause: undefined });
    expect('cause' in plain).toBe(false);
    expect(plain).toMatchObject({ status: null, detail: null, mayHaveApplied: false });
  });

  it('are told apart by code', () => {
    const error = new SpotifyError('rate_limited', SPOTIFY_MESSAGES.rate_limited(3), { retryAfterSec: 3 });
    expect(isSpotifyError(error)).toBe(true);
    expect(isSpotifyError(error, 'rate_limited')).toBe(true);
    expect(isSpotifyError(error, 'unavailable')).toBe(false);
    expect(isSpotifyError(new Error('rate_limited'))).toBe(false);
    expect(isSpotifyError({ code: 'rate_limited' }, 'rate_limited')).toBe(false);
  });

  it('are recognised whichever copy of this module made them (a production build bundles it more than once)', async () => {
    vi.resetModules();
    const otherCopy = await import('./errors');
    expect(otherCopy.SpotifyError).not.toBe(SpotifyError);
    const refused = new otherCopy.SpotifyError('forbidden', SPOTIFY_MESSAGES.forbidden, { status: 403 });
    expect(isSpotifyError(refused)).toBe(true);
    expect(isSpotifyError(refused, 'forbidden')).toBe(true);
    expect(isSpotifyError(refused, 'quota_exceeded')).toBe(false);
    expect(otherCopy.isSpotifyError(new SpotifyError('quota_exceeded', SPOTIFY_MESSAGES.quota_exceeded), 'quota_exceeded')).toBe(true);
  });

  it('tell a person how long to wait in seconds, minutes or hours, rounded up (“1 second”, not “1 seconds”)', () => {
    const wait = (seconds: number) => SPOTIFY_MESSAGES.rate_limited(seconds).replace(/^.*Try again in /, '');
    expect(SPOTIFY_MESSAGES.rate_limited(null)).toBe('Spotify is receiving too many requests from Montage. Try again in a minute.');
    expect([0.2, 1, 1.2, 30, 89.5, 90, 91, 5399, 5400, 7201].map(wait)).toEqual([
      '1 second.',
      '1 second.',
      '2 seconds.',
      '30 seconds.',
      '90 seconds.',
      '2 minutes.',
      '2 minutes.',
      '90 minutes.',
      '2 hours.',
      '3 hours.',
    ]);
  });
});
