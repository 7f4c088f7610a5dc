import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { getTokens, saveRefreshedTokens, signInSpotifyUser } from '../../db/queries/users';
import { appSettings } from '../../db/schema';
import { spotifyTokens } from '../../db/schema-spotify';
import { open } from '../../lib/server/security/secret-box';
import { sealSecretsAtRest } from '../../lib/server/security/secrets-at-rest';

const tokens = (n: number) => ({ accessToken: `BQD-access-${n}`, refreshToken: `AQ-refresh-${n}`, scope: 'user-library-read', expiresAt: new Date(Date.now() + 3600_000) });

async function rawTokens(userId: string) {
  const [row] = await (await getDb()).select().from(spotifyTokens).where(eq(spotifyTokens.userId, userId));
  return row!;
}

describe('secrets at rest', () => {
  it('keeps Spotify tokens sealed in the database and gives them back plain to the app', async () => {
    const db = await getDb();
    const user = await signInSpotifyUser(db, { spotifyId: `sealed-${Date.now()}`, displayName: null, anonymousOwnerId: null, tokens: tokens(1) });
    const raw = await rawTokens(user.userId);
    expect(raw.accessToken).toMatch(/^enc1:/);
    expect(raw.refreshToken).toMatch(/^enc1:/);
    expect(JSON.stringify(raw)).not.toContain('BQD-access-1');
    expect(JSON.stringify(raw)).not.toContain('AQ-refresh-1');
    expect(await getTokens(db, user.userId)).toMatchObject({ accessToken: 'BQD-access-1', refreshToken: 'AQ-refresh-1' });

    await saveRefreshedTokens(db, user.userId, tokens(2));
    expect((await rawTokens(user.userId)).refreshToken).not.toContain('AQ-refresh-2');
    expect(await getTokens(db, user.userId)).toMatchObject({ accessToken: 'BQD-access-2', refreshToken: 'AQ-refresh-2' });
  });

  it('seals rows written before encryption (tokens and the cookie secret), and they still read the same', async () => {
    const db = await getDb();
    const user = await signInSpotifyUser(db, { spotifyId: `legacy-${Date.now()}`, displayName: null, anonymousOwnerId: null, tokens: tokens(3) });
    // A row as the app wrote it before this change: plain text.
    await db.update(spotifyTokens).set({ accessToken: 'BQD-plain', refreshToken: 'AQ-plain' }).where(eq(spotifyTokens.userId, user.userId));
    await db.insert(appSettings).values({ key: 'cookie_secret', value: 'plain-cookie-secret-from-before' }).onConflictDoUpdate({ target: appSettings.key, set: { value: 'plain-cookie-secret-from-before' } });
    expect(await getTokens(db, user.userId)).toMatchObject({ accessToken: 'BQD-plain', refreshToken: 'AQ-plain' });

    const sealed = await sealSecretsAtRest(db);
    expect(sealed.tokens).toBeGreaterThanOrEqual(1);
    expect(sealed.settings).toBe(1);
    const raw = await rawTokens(user.userId);
    expect(raw.accessToken).toMatch(/^enc1:/);
    expect(await getTokens(db, user.userId)).toMatchObject({ accessToken: 'BQD-plain', refreshToken: 'AQ-plain' });
    const [setting] = await db.select().from(appSettings).where(eq(appSettings.key, 'cookie_secret'));
    expect(setting!.value).toMatch(/^enc1:/);
    expect(open(setting!.value)).toBe('plain-cookie-secret-from-before');
    expect(await sealSecretsAtRest(db)).toEqual({ tokens: 0, settings: 0 }); // nothing left to seal
  });

  it('refuses a sealed value that was tampered with', async () => {
    const db = await getDb();
    const user = await signInSpotifyUser(db, { spotifyId: `tamper-${Date.now()}`, displayName: null, anonymousOwnerId: null, tokens: tokens(4) });
    const raw = await rawTokens(user.userId);
    const parts = raw.accessToken.split(':');
    const body = Buffer.from(parts[4]!, 'base64url');
    body[0] = body[0]! ^ 1;
    parts[4] = body.toString('base64url');
    expect(() => open(parts.join(':'))).toThrow();
  });
});
