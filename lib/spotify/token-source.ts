import type { BearerTokens } from './client';
import { SPOTIFY_MESSAGES, SpotifyError, isSpotifyError } from './errors';
import type { TokenSet } from './types';

/** A person's tokens as the app stores them (server-side only). */
export interface StoredUserTokens {
  accessToken: string;
  refreshToken: string;
  expiresAtMs: number;
}

export interface UserTokenSourceOptions {
  /** Whose tokens: refreshes for the same key never overlap in this process. */
  key: string;
  load(): Promise<StoredUserTokens | null>;
  save(tokens: TokenSet): Promise<void>;
  /**
   * Usually `adapter.refreshUserToken`. `seenAccessToken` is the access token stored with
   * `refreshToken` when it was read, so a store shared by several processes can tell that another
   * one refreshed in between (the tokens changed) without comparing clocks.
   */
  refresh(refreshToken: string, seenAccessToken: string): Promise<TokenSet>;
  /** Called when Spotify refused the refresh token, before the `reconnect_required` error is rethrown. */
  onReconnectRequired?(): Promise<void>;
  now?: () => number;
  /** Refresh this long before the stored expiry. Default 60 s. */
  skewMs?: number;
  /** Refreshes in flight, by key. Defaults to one map per process. */
  inFlight?: Map<string, Promise<string>>;
}

const processInFlight = new Map<string, Promise<string>>();

/**
 * Hands the adapter a person's access token, refreshing it when it is about to expire or Spotify
 * refused it — one refresh at a time per person: concurrent callers share the refresh in flight,
 * and a caller whose refused token was already replaced gets the new one without another refresh.
 * This covers one server process; across processes the store's own lock must serialise `refresh`.
 */
export function createUserTokenSource(options: UserTokenSourceOptions): BearerTokens {
  const now = options.now ?? Date.now;
  const skewMs = options.skewMs ?? 60_000;
  const inFlight = options.inFlight ?? processInFlight;
  const isFresh = (tokens: StoredUserTokens) => tokens.expiresAtMs - skewMs > now();

  async function loadOrThrow(): Promise<StoredUserTokens> {
    const tokens = await options.load();
    if (!tokens) throw new SpotifyError('reconnect_required', SPOTIFY_MESSAGES.reconnect_required, { detail: 'no stored tokens' });
    return tokens;
  }

  function refreshOnce(staleToken: string | null): Promise<string> {
    const running = inFlight.get(options.key);
    if (running) return running;
    const refresh = (async () => {
      const stored = await loadOrThrow();
      if (stored.accessToken !== staleToken && isFresh(stored)) return stored.accessToken;
      let fresh: TokenSet;
      try {
        fresh = await options.refresh(stored.refreshToken, stored.accessToken);
      } catch (error) {
        if (isSpotifyError(error, 'reconnect_required')) await options.onReconnectRequired?.();
        throw error;
      }
      await options.save(fresh);
      return fresh.accessToken;
    })().finally(() => inFlight.delete(options.key));
    inFlight.set(options.key, refresh);
    return refresh;
  }

  return {
    async getAccessToken() {
      const stored = await loadOrThrow();
      return isFresh(stored) ? stored.accessToken : refreshOnce(stored.accessToken);
    },
    refreshAccessToken(rejectedToken) {
      return refreshOnce(rejectedToken);
    },
  };
}
