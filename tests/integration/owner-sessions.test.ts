import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as montagesRoute from '../../app/api/montages/route';
import * as montageRoute from '../../app/api/montages/[id]/route';
import * as sessionRoute from '../../app/api/session/route';
import { getDb } from '../../db/client';
import { owners, ownerSessions } from '../../db/schema';
import { signOwner } from '../../lib/server/owner-cookie';
import { getCookieSecret } from '../../lib/server/owner-session';
import { Visitor } from './api-client';

// Opening the database (migrations, the catalog) may take longer than one test on a loaded machine.
beforeAll(async () => {
  await getDb();
}, 120_000);

async function visitorWithMontage() {
  const visitor = new Visitor();
  const created = await visitor.call(montagesRoute.POST, 'POST', { body: { mode: 'circuit', lengthMin: 20 } });
  expect(created.status).toBe(201);
  return { visitor, id: created.body.id as string, setCookie: created.setCookie! };
}

const sessionIdOf = (cookie: string) => decodeURIComponent(cookie.split('=')[1]!).split('.')[1]!;

describe('owner sessions', () => {
  it('gives the owner cookie an expiry and a server-side session', async () => {
    const { setCookie, visitor } = await visitorWithMontage();
    const maxAge = Number(/Max-Age=(\d+)/.exec(setCookie)![1]);
    expect(maxAge).toBe(180 * 24 * 3600);
    const db = await getDb();
    const [session] = await db.select().from(ownerSessions).where(eq(ownerSessions.id, sessionIdOf(visitor.cookie!)));
    expect(session!.revokedAt).toBeNull();
    expect(session!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 179 * 24 * 3600 * 1000);
  });

  it('"forget this device" revokes the session: a copy of the old cookie proves nothing', async () => {
    const { visitor, id } = await visitorWithMontage();
    const stolen = visitor.cookie;
    const forgotten = await visitor.call(sessionRoute.DELETE, 'DELETE');
    expect(forgotten.status).toBe(200);
    expect(forgotten.setCookie).toMatch(/montage_owner=;.*Max-Age=0/);
    const thief = new Visitor();
    thief.cookie = stolen;
    expect((await thief.call(montageRoute.GET, 'GET', { params: { id } })).status).toBe(404);
    expect((await thief.call(montagesRoute.GET, 'GET')).body.montages).toEqual([]);
  });

  it('a session past half its life is extended at the next visit, and its cookie re-issued', async () => {
    const { visitor, id } = await visitorWithMontage();
    const db = await getDb();
    const sessionId = sessionIdOf(visitor.cookie!);
    await db.update(ownerSessions).set({ expiresAt: new Date(Date.now() + 10 * 24 * 3600 * 1000) }).where(eq(ownerSessions.id, sessionId));
    const second = await visitor.call(montagesRoute.POST, 'POST', { body: { mode: 'circuit', lengthMin: 20 } });
    expect(second.status).toBe(201);
    expect(Number(/Max-Age=(\d+)/.exec(second.setCookie!)![1])).toBe(180 * 24 * 3600);
    expect(sessionIdOf(visitor.cookie!)).toBe(sessionId);
    const [session] = await db.select().from(ownerSessions).where(eq(ownerSessions.id, sessionId));
    expect(session!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 179 * 24 * 3600 * 1000);
    expect((await visitor.call(montageRoute.GET, 'GET', { params: { id } })).status).toBe(200);
  });

  it('an expired session proves nothing', async () => {
    const { visitor, id } = await visitorWithMontage();
    const db = await getDb();
    await db.update(ownerSessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(ownerSessions.id, sessionIdOf(visitor.cookie!)));
    expect((await visitor.call(montageRoute.GET, 'GET', { params: { id } })).status).toBe(404);
  });

  it('a cookie from before sessions whose owner is gone proves nothing: the next write starts a new owner', async () => {
    const db = await getDb();
    const old = new Visitor();
    const gone = '00000000-0000-4000-8000-000000000000';
    old.cookie = `montage_owner=${encodeURIComponent(signOwner(gone, await getCookieSecret(db)))}`;
    const created = await old.call(montagesRoute.POST, 'POST', { body: { mode: 'circuit', lengthMin: 20 } });
    expect(created.status).toBe(201);
    const [session] = await db.select().from(ownerSessions).where(eq(ownerSessions.id, sessionIdOf(old.cookie!)));
    expect(session!.ownerId).not.toBe(gone);
  });

  it('keeps a cookie from before sessions working, and moves it onto a session at the next write', async () => {
    const { visitor, id } = await visitorWithMontage();
    const db = await getDb();
    const [session] = await db.select().from(ownerSessions).where(eq(ownerSessions.id, sessionIdOf(visitor.cookie!)));
    // An owner from before sessions has none.
    await db.delete(ownerSessions).where(eq(ownerSessions.ownerId, session!.ownerId));
    const old = new Visitor();
    old.cookie = `montage_owner=${encodeURIComponent(signOwner(session!.ownerId, await getCookieSecret(db)))}`;
    expect((await old.call(montageRoute.GET, 'GET', { params: { id } })).status).toBe(200);
    const second = await old.call(montagesRoute.POST, 'POST', { body: { mode: 'circuit', lengthMin: 20 } });
    expect(second.setCookie).toMatch(/Max-Age=15552000/);
    expect(decodeURIComponent(old.cookie!.split('=')[1]!).split('.')).toHaveLength(3);
    expect((await old.call(montagesRoute.GET, 'GET')).body.montages).toHaveLength(2);
  });

  /** An owner from before sessions (none in the database), its montage, and its old cookie. */
  async function preSessionOwner() {
    const { visitor, id } = await visitorWithMontage();
    const db = await getDb();
    const [session] = await db.select().from(ownerSessions).where(eq(ownerSessions.id, sessionIdOf(visitor.cookie!)));
    await db.delete(ownerSessions).where(eq(ownerSessions.ownerId, session!.ownerId));
    const cookie = `montage_owner=${encodeURIComponent(signOwner(session!.ownerId, await getCookieSecret(db)))}`;
    const withCookie = () => Object.assign(new Visitor(), { cookie });
    return { id, ownerId: session!.ownerId, withCookie };
  }

  it('a cookie from before sessions proves nothing after "Forget this device", once moved onto a session, or after a session’s lifetime', async () => {
    const forgotten = await preSessionOwner();
    expect((await forgotten.withCookie().call(montageRoute.GET, 'GET', { params: { id: forgotten.id } })).status).toBe(200);
    expect((await forgotten.withCookie().call(sessionRoute.DELETE, 'DELETE')).status).toBe(200);
    expect((await forgotten.withCookie().call(montageRoute.GET, 'GET', { params: { id: forgotten.id } })).status).toBe(404);

    const moved = await preSessionOwner();
    const mover = moved.withCookie();
    expect((await mover.call(montagesRoute.POST, 'POST', { body: { mode: 'circuit', lengthMin: 20 } })).status).toBe(201);
    expect((await mover.call(montageRoute.GET, 'GET', { params: { id: moved.id } })).status).toBe(200); // the new cookie
    expect((await moved.withCookie().call(montageRoute.GET, 'GET', { params: { id: moved.id } })).status).toBe(404); // a copy of the old one

    const old = await preSessionOwner();
    const db = await getDb();
    await db.update(owners).set({ createdAt: new Date(Date.now() - 181 * 24 * 3600 * 1000) }).where(eq(owners.id, old.ownerId));
    expect((await old.withCookie().call(montageRoute.GET, 'GET', { params: { id: old.id } })).status).toBe(404);
  });
});
