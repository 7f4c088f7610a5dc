import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as montagesRoute from '../../app/api/montages/route';
import * as tempoRoute from '../../app/api/tracks/[trackId]/tempo/route';
import { getDb } from '../../db/client';
import { listMontagesByOwner } from '../../db/queries/montages';
import { listPoolTracks } from '../../db/queries/tracks';
import { getTokens, getUserByOwner, markNeedsReconnect, saveRefreshedTokens, signInSpotifyUser } from '../../db/queries/users';
import { spotifyTokens } from '../../db/schema-spotify';
import { catalogTrackId } from '../../lib/catalog/rocky-iv';
import { resolveOwner } from '../../lib/server/owner-session';
import { Visitor } from './api-client';

const tokens = (n: number) => ({ accessToken: `access-${n}`, refreshToken: `refresh-${n}`, scope: 'user-library-read', expiresAt: new Date(Date.now() + 3_600_000) });

async function anonymousWithMontage(name: string) {
  const visitor = new Visitor();
  await visitor.call(montagesRoute.POST, 'POST', { body: { mode: 'circuit', lengthMin: 20, name } });
  const db = await getDb();
  const ownerId = (await resolveOwner(db, decodeURIComponent(visitor.cookie!.split('=')[1]!)))!;
  return { visitor, ownerId };
}

describe('signing in with Spotify', () => {
  it('keeps what was made anonymously, and signing in again from another browser brings it together', async () => {
    const db = await getDb();
    const first = await anonymousWithMontage('Made before sign-in');
    const user = await signInSpotifyUser(db, { spotifyId: 'rocky', displayName: 'Rocky', anonymousOwnerId: first.ownerId, tokens: tokens(1) });
    expect(user.ownerId).toBe(first.ownerId);
    expect((await getUserByOwner(db, user.ownerId))?.spotifyId).toBe('rocky');

    const second = await anonymousWithMontage('Made on the phone');
    await second.visitor.call(tempoRoute.PUT, 'PUT', { params: { trackId: catalogTrackId(3) }, body: { bpm: 118, previousBpm: null } });
    const again = await signInSpotifyUser(db, { spotifyId: 'rocky', displayName: 'Rocky B.', anonymousOwnerId: second.ownerId, tokens: tokens(2) });
    expect(again).toEqual(user);
    const names = (await listMontagesByOwner(db, user.ownerId)).map((m) => m.name).sort();
    expect(names).toEqual(['Made before sign-in', 'Made on the phone']);
    const pool = await listPoolTracks(db, user.ownerId);
    expect(pool.find((t) => t.id === catalogTrackId(3))).toMatchObject({ bpm: 118, tempoSource: 'manual' });
    expect((await getTokens(db, user.userId))?.accessToken).toBe('access-2');
    expect(await getUserByOwner(db, second.ownerId)).toBeNull();
  });

  it('never hands one account the owner of another', async () => {
    const db = await getDb();
    const apollo = await signInSpotifyUser(db, { spotifyId: 'apollo', displayName: null, anonymousOwnerId: null, tokens: tokens(3) });
    const drago = await signInSpotifyUser(db, { spotifyId: 'drago', displayName: null, anonymousOwnerId: apollo.ownerId, tokens: tokens(4) });
    expect(drago.ownerId).not.toBe(apollo.ownerId);
    expect((await getUserByOwner(db, apollo.ownerId))?.spotifyId).toBe('apollo');
  });

  it("the account's own tempo wins where both set one for the same track", async () => {
    const db = await getDb();
    const account = await anonymousWithMontage('On the laptop');
    expect((await account.visitor.call(tempoRoute.PUT, 'PUT', { params: { trackId: catalogTrackId(3) }, body: { bpm: 120, previousBpm: null } })).status).toBe(200);
    const user = await signInSpotifyUser(db, { spotifyId: 'duke', displayName: null, anonymousOwnerId: account.ownerId, tokens: tokens(5) });
    const phone = await anonymousWithMontage('On the phone');
    expect((await phone.visitor.call(tempoRoute.PUT, 'PUT', { params: { trackId: catalogTrackId(3) }, body: { bpm: 96, previousBpm: null } })).status).toBe(200);
    await signInSpotifyUser(db, { spotifyId: 'duke', displayName: null, anonymousOwnerId: phone.ownerId, tokens: tokens(6) });
    expect((await listPoolTracks(db, user.ownerId)).find((t) => t.id === catalogTrackId(3))).toMatchObject({ bpm: 120, tempoSource: 'manual' });
    expect((await listMontagesByOwner(db, user.ownerId)).map((m) => m.name).sort()).toEqual(['On the laptop', 'On the phone']);
  });

  it('a refused refresh asks for a reconnect until the person signs in again or a refresh succeeds', async () => {
    const db = await getDb();
    const user = await signInSpotifyUser(db, { spotifyId: 'adrian', displayName: null, anonymousOwnerId: null, tokens: tokens(7) });
    expect((await getUserByOwner(db, user.ownerId))?.needsReconnect).toBe(false);
    await markNeedsReconnect(db, user.userId);
    expect((await getUserByOwner(db, user.ownerId))?.needsReconnect).toBe(true);
    await signInSpotifyUser(db, { spotifyId: 'adrian', displayName: null, anonymousOwnerId: null, tokens: tokens(8) });
    expect((await getUserByOwner(db, user.ownerId))?.needsReconnect).toBe(false);
    await markNeedsReconnect(db, user.userId);
    await saveRefreshedTokens(db, user.userId, tokens(9));
    expect(await getTokens(db, user.userId)).toMatchObject({ accessToken: 'access-9', refreshToken: 'refresh-9', needsReconnect: false });
    // An account whose tokens are gone must connect again.
    await db.delete(spotifyTokens).where(eq(spotifyTokens.userId, user.userId));
    expect((await getUserByOwner(db, user.ownerId))?.needsReconnect).toBe(true);
  });
});
