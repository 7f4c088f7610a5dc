import { z } from 'zod';
import { redirectUriProblem, spotifyCallbackUrl } from '../spotify/redirect-uri';

/**
 * A 32-byte key written as base64 (44 characters), base64url (43) or hex (64). 43 base64 characters
 * are 258 bits: always 32 bytes, whichever of the two alphabets (Node reads either with either).
 */
function isKey(text: string): boolean {
  return /^(?:[0-9a-f]{64}|[A-Za-z0-9+/_-]{43}=?)$/i.test(text.trim());
}

/**
 * The only reader of process.env. Every value has a default that lets the embedded mode start
 * with no environment at all.
 */
const envSchema = z.object({
  /** Set by Next: `next start` runs production, where workout pages are kept for offline use. */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** PostgreSQL server; unset means the embedded PGlite database. */
  DATABASE_URL: z.string().url().optional(),
  /**
   * Redis shared by every process: Next's page cache (cache-handler.mjs) and its invalidation, and
   * the rate-limit counters. Unset: each process caches for itself; limits live in PostgreSQL (with
   * DATABASE_URL) or in memory.
   */
  REDIS_URL: z.string().url().optional(),
  /** Prefix of every Redis key the app writes (give each app or test its own). */
  REDIS_KEY_PREFIX: z.string().min(1).default('montage:'),
  /** Where PGlite keeps its files; `memory://` keeps nothing. */
  MONTAGE_DATA_DIR: z.string().min(1).default('.data/pglite'),
  /** Signs the anonymous-owner cookie; unset means a random secret kept in the database. */
  MONTAGE_SECRET: z.string().min(32).optional(),
  /** How long an owner cookie (and its server-side session) lasts without a visit that writes, in days. */
  MONTAGE_SESSION_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
  /** Scales every rate limit (2 doubles them); for an instance with many people behind one address. */
  MONTAGE_RATE_LIMIT_FACTOR: z.coerce.number().positive().max(1000).default(1),
  /**
   * How many proxies in front of the app append to X-Forwarded-For (a load balancer: 1). 0, the
   * default, ignores the header: the client is the socket's peer (what a client writes there is not evidence).
   */
  MONTAGE_TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
  /**
   * AES-256-GCM key (32 bytes, base64 or hex) sealing secrets at rest: Spotify tokens, the
   * generated cookie secret. Unset in the embedded mode: a key file beside the data folder.
   */
  MONTAGE_ENCRYPTION_KEY: z.string().refine(isKey, 'must be 32 bytes in base64 or hex (openssl rand -base64 32)').optional(),
  /** Earlier keys, comma-separated, still able to open values while `npm run secrets:rotate` re-seals them. */
  MONTAGE_ENCRYPTION_OLD_KEYS: z
    .string()
    .refine((keys) => keys.split(',').filter((k) => k.trim() !== '').every(isKey), 'must be 32-byte keys in base64 or hex, comma-separated')
    .optional(),
  /** Days a revoked share link, an owner holding nothing, or an ended session is kept before purgeExpired deletes it. */
  MONTAGE_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Marks cookies `Secure`: set when the app is served over https. */
  MONTAGE_SECURE_COOKIES: z.enum(['true', 'false']).default('false'),
  /** Spotify app credentials; unset means Spotify features stay hidden and everything else works. */
  SPOTIFY_CLIENT_ID: z.string().min(1).optional(),
  SPOTIFY_CLIENT_SECRET: z.string().min(1).optional(),
  SPOTIFY_ACCOUNTS_BASE_URL: z.string().url().default('https://accounts.spotify.com'),
  SPOTIFY_API_BASE_URL: z.string().url().default('https://api.spotify.com'),
  /**
   * Where the app is served; Spotify redirects back to `${NEXTAUTH_URL}/api/auth/callback/spotify`,
   * so it must be a redirect URI Spotify accepts: https, or http only on 127.0.0.1 / [::1].
   */
  NEXTAUTH_URL: z
    .string()
    .url()
    .superRefine((value, ctx) => {
      const problem = redirectUriProblem(spotifyCallbackUrl(value));
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
  NEXTAUTH_SECRET: z.string().min(32).optional(),
  /**
   * Not a setting: the address `next start` listens on (e.g. `http://127.0.0.1:3000`), which Next
   * itself sets (next/dist/server/lib/start-server.js) before it loads the app. Link previews use
   * it when NEXTAUTH_URL is unset; without it Next would fill in `http://localhost:<port>`.
   */
  __NEXT_PRIVATE_ORIGIN: z.string().url().optional(),
  /** Spotify's embedded player (the iFrame API script and the players it makes); tests point it at a loopback fake. */
  SPOTIFY_EMBED_BASE_URL: z.string().url().default('https://open.spotify.com'),
  /** The public tempo lookup (Deezer's track `bpm` by ISRC); tests point it at a loopback fake. */
  DEEZER_API_BASE_URL: z.string().url().default('https://api.deezer.com'),
});

/**
 * With a PostgreSQL server (DATABASE_URL) the app runs as a service: its secrets must come from
 * the environment (every process the same), never be generated into the database it protects.
 */
const serviceSchema = envSchema.superRefine((value, ctx) => {
  if (!value.DATABASE_URL) return;
  for (const name of ['MONTAGE_SECRET', 'MONTAGE_ENCRYPTION_KEY'] as const) {
    if (!value[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'is required when DATABASE_URL is set' });
  }
});

export type Env = z.infer<typeof envSchema>;

/** Validates an environment (the process's, or one a test builds). */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = serviceSchema.safeParse(source);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment (fix these variables): ${detail}`);
  }
  return parsed.data;
}

export const env: Env = parseEnv(process.env);
