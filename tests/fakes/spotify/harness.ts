import { createSpotifyAdapter, createUserTokenSource, type RetryPolicy, type SpotifyAdapter, type TokenSet } from '../../../lib/spotify';
import type { FakeSpotify, SeededUser } from './server';

/** Wiring the real adapter to the fake the way the app will: base URLs and credentials as configuration. */

export interface TokenStore {
  load(): Promise<{ accessToken: string; refreshToken: string; expiresAtMs: number } | null>;
  save(tokens: TokenSet): Promise<void>;
  saves: TokenSet[];
  needsReconnect: boolean;
}

/** Stands in for the app's spotify_tokens row. */
export function memoryTokenStore(seeded: SeededUser): TokenStore {
  let current = { accessToken: seeded.accessToken, refreshToken: seeded.refreshToken, expiresAtMs: seeded.expiresAtMs };
  const store: TokenStore = {
    saves: [],
    needsReconnect: false,
    async load() {
      return store.needsReconnect ? null : current;
    },
    async save(tokens) {
      store.saves.push(tokens);
      current = { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken ?? current.refreshToken, expiresAtMs: tokens.expiresAtMs };
    },
  };
  return store;
}

export interface Harness {
  /** Acting for the seeded user (when one was given). */
  adapter: SpotifyAdapter;
  /** App-only: no user token. */
  app: SpotifyAdapter;
  /**
   * Every wait the retry policy asked for, in ms. Nothing really waits: the fake's clock moves on
   * by the wait instead, so a retry after Retry-After is not refused as early.
   */
  sleeps: number[];
  store: TokenStore | null;
  refreshCalls: string[];
}

export function connect(
  fake: FakeSpotify,
  options: { user?: SeededUser; timeoutMs?: number; retry?: Partial<RetryPolicy>; realSleep?: boolean; now?: () => number } = {},
): Harness {
  const sleeps: number[] = [];
  const app = createSpotifyAdapter({
    apiBaseUrl: fake.apiBaseUrl,
    accountsBaseUrl: fake.accountsBaseUrl,
    clientId: fake.clientId,
    clientSecret: fake.clientSecret,
    timeoutMs: options.timeoutMs,
    retry: options.retry,
    now: options.now ?? (() => fake.state.now()),
    sleep: async (ms) => {
      sleeps.push(ms);
      if (options.realSleep) await new Promise((resolve) => setTimeout(resolve, ms));
      else fake.advanceTime(ms);
    },
  });
  if (!options.user) return { adapter: app, app, sleeps, store: null, refreshCalls: [] };
  const store = memoryTokenStore(options.user);
  const refreshCalls: string[] = [];
  const tokens = createUserTokenSource({
    key: options.user.user.id,
    load: () => store.load(),
    save: (t) => store.save(t),
    refresh: (refreshToken) => {
      refreshCalls.push(refreshToken);
      return app.refreshUserToken(refreshToken);
    },
    onReconnectRequired: async () => {
      store.needsReconnect = true;
    },
    now: options.now ?? (() => fake.state.now()),
    // The fake's tokens may live only seconds; the app's default 60 s margin would refresh every time.
    skewMs: 1_000,
    inFlight: new Map(),
  });
  return { adapter: app.withUser(tokens), app, sleeps, store, refreshCalls };
}
