import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as montagesRoute from '../../app/api/montages/route';
import * as shareRoute from '../../app/api/montages/[id]/share/route';
import * as sharedRoute from '../../app/api/share/[token]/route';
import { getDb } from '../../db/client';
import { createOwnerWithSession } from '../../db/queries/owner-sessions';
import { purgeExpired } from '../../db/queries/retention';
import { montages, owners, ownerSessions, shareLinks } from '../../db/schema';
import { Visitor } from './api-client';

const DAY = 24 * 3600 * 1000;

describe('purgeExpired', () => {
  it('deletes links revoked and owners empty for longer than the retention period, and nothing else', async () => {
    const db = await getDb();
    const now = new Date();
    const ago = (days: number) => new Date(now.getTime() - days * DAY);

    // An owner with a montage, an old revoked link, a recently revoked one and an active one.
    const owner = new Visitor();
    const { id } = (await owner.call(montagesRoute.POST, 'POST', { body: { mode: 'circuit', lengthMin: 20 } })).body;
    const oldToken = (await owner.call(shareRoute.POST, 'POST', { params: { id } })).body.token;
    await owner.call(shareRoute.DELETE, 'DELETE', { params: { id } });
    const recentToken = (await owner.call(shareRoute.POST, 'POST', { params: { id } })).body.token;
    await owner.call(shareRoute.DELETE, 'DELETE', { params: { id } });
    const activeToken = (await owner.call(shareRoute.POST, 'POST', { params: { id } })).body.token;
    await db.update(shareLinks).set({ revokedAt: ago(40) }).where(eq(shareLinks.token, oldToken));
    await db.update(shareLinks).set({ revokedAt: ago(2) }).where(eq(shareLinks.token, recentToken));
    const [montage] = await db.select({ ownerId: montages.ownerId }).from(montages).where(eq(montages.id, id));
    await db.update(owners).set({ createdAt: ago(400) }).where(eq(owners.id, montage!.ownerId));

    // Owners that hold nothing: one made 40 days ago whose session ended, one made yesterday.
    const abandoned = await createOwnerWithSession(db, ago(35));
    await db.update(owners).set({ createdAt: ago(40) }).where(eq(owners.id, abandoned.ownerId));
    await db.update(ownerSessions).set({ createdAt: ago(40) }).where(eq(ownerSessions.id, abandoned.sessionId));
    const fresh = await createOwnerWithSession(db, new Date(now.getTime() + 30 * DAY));

    const report = await purgeExpired(db, { now, retentionDays: 30 });
    expect(report.revokedLinks).toBeGreaterThanOrEqual(1);
    expect(report.emptyOwners).toBeGreaterThanOrEqual(1);

    const tokens = (await db.select({ token: shareLinks.token }).from(shareLinks).where(inArray(shareLinks.token, [oldToken, recentToken, activeToken]))).map((r) => r.token);
    expect(tokens.sort()).toEqual([recentToken, activeToken].sort());
    expect((await owner.call(sharedRoute.GET, 'GET', { params: { token: activeToken } })).status).toBe(200);
    const left = (await db.select({ id: owners.id }).from(owners).where(inArray(owners.id, [abandoned.ownerId, fresh.ownerId]))).map((r) => r.id);
    expect(left).toEqual([fresh.ownerId]);
    // The owner with a montage stays, whatever its age.
    const montageOwner = (await owner.call(montagesRoute.GET, 'GET')).body.montages;
    expect(montageOwner).toHaveLength(1);

    expect(await purgeExpired(db, { now, retentionDays: 30 })).toMatchObject({ revokedLinks: 0, emptyOwners: 0 });
  });
});
