import { describe, expect, it } from 'vitest';
import { rejectionOf } from '../../tests/support/rejection';
import { SPOTIFY_MESSAGES, SpotifyError } from './errors';
import { createUserTokenSource, type StoredUserTokens } from './token-source';
import type { TokenSet } from './types';

const NOW = 1_000_000;

function source(stored: StoredUserTokens | null, refresh: (refreshToken: string) => Promise<TokenSet> = async () => ({ accessToken: 'new', refreshToken: 'r2', expiresAtMs: NOW + 3_600_000, scopes: [] })) {
  const calls = { refresh: 0, saved: [] as TokenSet[], reconnect: 0 };
  const tokens = createUserTokenSource({
    key: 'rocky',
    load: async () => stored,
    save: async (fresh) => {
      calls.saved.push(fresh);
    },
    refresh: async (refreshToken) => {
      calls.refresh += 1;
      return refresh(refreshToken);
    },
    onReconnectRequired: async () => {
      calls.reconnect += 1;
    },
    now: () => NOW,
    skewMs: 60_000,
    inFlight: new Map(),
  });
  return { tokens, calls };
}

describe('a person’s access token', () => {
  it('is used while it has more than the skew left, refreshed from exactly the skew on', async () => {
    const fresh = source({ accessToken: 'old', refreshToken: 'r1', expiresAtMs: NOW + 60_001 });
    expect(await fresh.tokens.getAccessToken()).toBe('old');
    expect(fresh.calls.refresh).toBe(0);
    for (const left of [60_000, 30_000]) {
      const due = source({ accessToken: 'old', refreshToken: 'r1', expiresAtMs: NOW + left });
      expect(await due.tokens.getAccessToken(), `${left} ms left`).toBe('new');
      expect(due.calls).toMatchObject({ refresh: 1, saved: [{ accessToken: 'new' }] });
    }
  });

  it('a refused token already replaced in the store is answered with the new one, with no second refresh', async () => {
    const { tokens, calls } = source({ accessToken: 'replaced', refreshToken: 'r2', expiresAtMs: NOW + 3_600_000 });
    expect(await tokens.refreshAccessToken!('refused')).toBe('replaced');
    expect(calls.refresh).toBe(0);
    expect(await tokens.refreshAccessToken!('replaced')).toBe('new');
    expect(calls.refresh).toBe(1);
  });

  it('asks the person to reconnect when nothing is stored, or Spotify refused the refresh token — and only then', async () => {
    const none = source(null);
    expect(await rejectionOf(none.tokens.getAccessToken(), SpotifyError)).toMatchObject({ code: 'reconnect_required', detail: 'no stored tokens' });
    const expired = { accessToken: 'old', refreshToken: 'r1', expiresAtMs: NOW };
    const revoked = source(expired, async () => {
      throw new SpotifyError('reconnect_required', SPOTIFY_MESSAGES.reconnect_required);
    });
    expect(await rejectionOf(revoked.tokens.getAccessToken(), SpotifyError)).toMatchObject({ code: 'reconnect_required' });
    expect(revoked.calls.reconnect).toBe(1);
    const down = source(expired, async () => {
      throw new SpotifyError('unavailable', SPOTIFY_MESSAGES.unavailable);
    });
    expect(await rejectionOf(down.tokens.getAccessToken(), SpotifyError)).toMatchObject({ code: 'unavailable' });
    expect(down.calls).toMatchObject({ reconnect: 0, saved: [] });
  });
});
