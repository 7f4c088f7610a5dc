import { and, eq } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { appSettings } from '../../../db/schema';
import { spotifyTokens } from '../../../db/schema-spotify';
import { needsResealing, open, seal } from './secret-box';

/** Settings that hold secrets (sealed like tokens). */
const SECRET_SETTINGS = ['cookie_secret'];

/**
 * Seals every secret at rest that is plain text (rows from before encryption) or sealed with an
 * old key (after a rotation) with the current key. Each row is replaced only if it is unchanged
 * since it was read, so a token refreshed meanwhile is never overwritten. Returns what it sealed.
 */
export async function sealSecretsAtRest(db: Database): Promise<{ tokens: number; settings: number }> {
  let tokens = 0;
  for (const row of await db.select().from(spotifyTokens)) {
    if (!needsResealing(row.accessToken) && !needsResealing(row.refreshToken)) continue;
    const updated = await db
      .update(spotifyTokens)
      .set({ accessToken: seal(open(row.accessToken)), refreshToken: seal(open(row.refreshToken)) })
      .where(and(eq(spotifyTokens.userId, row.userId), eq(spotifyTokens.accessToken, row.accessToken), eq(spotifyTokens.refreshToken, row.refreshToken)))
      .returning({ userId: spotifyTokens.userId });
    tokens += updated.length;
  }
  let settings = 0;
  for (const key of SECRET_SETTINGS) {
    const [row] = await db.select().from(appSettings).where(eq(appSettings.key, key));
    if (!row || !needsResealing(row.value)) continue;
    const updated = await db
      .update(appSettings)
      .set({ value: seal(open(row.value)) })
      .where(and(eq(appSettings.key, key), eq(appSettings.value, row.value)))
      .returning({ key: appSettings.key });
    settings += updated.length;
  }
  return { tokens, settings };
}
