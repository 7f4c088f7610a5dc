import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as sessionsRoute from '../../app/api/sessions/route';
import * as sessionRoute from '../../app/api/sessions/[id]/route';
import { getDb } from '../../db/client';
import { listSessionIntervals, listSessions } from '../../db/queries/sessions';
import { signInSpotifyUser } from '../../db/queries/users';
import { workoutSessions } from '../../db/schema-sessions';
import { buildTimeline } from '../../lib/domain/timeline';
import { logEntry, observe, startSession, type SessionRecord } from '../../lib/domain/session-record';
import { resolveOwner } from '../../lib/server/owner-session';
import { Visitor } from './api-client';
import { followWorkout, sessionMontage, visitorWithMontage } from './workouts';

/** Follows `montage` for `untilMs` of its clock in 1 s ticks, as the follow-along page would record it. */
function recordWorkout(montage: any, untilMs: number, startedAt = Date.parse('2026-11-20T07:00:00Z')): SessionRecord {
  return followWorkout(montage, untilMs, startedAt).record;
}

async function rowCount() {
  return (await (await getDb()).select().from(workoutSessions)).length;
}

describe('recording workout sessions', () => {
  it('stores a finished workout with every interval, linked to the montage it followed', async () => {
    const { visitor, montage, ownerId } = await visitorWithMontage();
    const session = recordWorkout(montage, montage.totalMs);
    const sent = await visitor.call(sessionsRoute.POST, 'POST', { body: session });
    expect(sent.status).toBe(201);
    const [stored] = await listSessions(await getDb(), ownerId);
    expect(stored).toMatchObject({ id: session.id, status: 'completed', montageId: montage.id, montageName: montage.name, montageVersion: montage.version });
    expect(stored!.activeMs).toBe(session.activeMs);
    const intervals = await listSessionIntervals(await getDb(), ownerId);
    const planned = montage.entries.reduce((n: number, e: any) => n + e.intervals.length, 0);
    expect(intervals).toHaveLength(planned);
    expect(intervals.every((i) => i.status === 'done')).toBe(true);
  });

  it('sending the same session again (a retry, a beacon, the next visit) never doubles it', async () => {
    const { visitor, montage, ownerId } = await visitorWithMontage();
    const session = recordWorkout(montage, 120_000);
    const results = await Promise.all([1, 2, 3].map(() => visitor.call(sessionsRoute.POST, 'POST', { body: session })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(await listSessions(await getDb(), ownerId)).toHaveLength(1);
    const intervalsBefore = await listSessionIntervals(await getDb(), ownerId);
    const again = await visitor.call(sessionsRoute.POST, 'POST', { body: session });
    expect(again.body.outcome).toBe('unchanged');
    expect(await listSessionIntervals(await getDb(), ownerId)).toEqual(intervalsBefore);
  });

  it('a later revision replaces the stored one; an older one arriving late changes nothing', async () => {
    const { visitor, montage, ownerId } = await visitorWithMontage();
    const halfway = recordWorkout(montage, 60_000);
    const finished = { ...recordWorkout(montage, montage.totalMs), id: halfway.id };
    expect(finished.revision).toBeGreaterThan(halfway.revision);
    await visitor.call(sessionsRoute.POST, 'POST', { body: halfway });
    expect((await visitor.call(sessionsRoute.POST, 'POST', { body: finished })).body.outcome).toBe('updated');
    expect((await visitor.call(sessionsRoute.POST, 'POST', { body: halfway })).body.outcome).toBe('unchanged');
    const [stored] = await listSessions(await getDb(), ownerId);
    expect(stored!.status).toBe('completed');
    expect(await listSessionIntervals(await getDb(), ownerId)).toHaveLength(finished.intervals.length);
  });

  it("a session's id held by someone else is not found, and theirs is left as it was", async () => {
    const first = await visitorWithMontage();
    const second = await visitorWithMontage();
    const session = recordWorkout(first.montage, 30_000);
    await first.visitor.call(sessionsRoute.POST, 'POST', { body: session });
    const stolen = await second.visitor.call(sessionsRoute.POST, 'POST', { body: { ...session, revision: session.revision + 5, status: 'completed' } });
    expect(stolen.status).toBe(404);
    expect(stolen.body.error.message).toBe('Session not found');
    const [kept] = await listSessions(await getDb(), first.ownerId);
    expect(kept!.status).toBe('abandoned');
    const deleted = await second.visitor.call(sessionRoute.DELETE, 'DELETE', { params: { id: session.id } });
    expect(deleted.status).toBe(404);
    expect(deleted.body.error.message).toBe('Session not found');
    expect(await listSessions(await getDb(), first.ownerId)).toHaveLength(1);
  });

  it('a session started after the last interval (nothing to credit) is stored with no intervals', async () => {
    const { visitor, montage, ownerId } = await visitorWithMontage();
    const steps = buildTimeline(montage.entries);
    const now = Date.parse('2026-11-21T07:00:00Z');
    const { record } = startSession({ id: randomUUID(), montage: sessionMontage(montage), steps, nowMs: now, elapsedMs: montage.totalMs });
    expect(record.intervals).toEqual([]);
    expect((await visitor.call(sessionsRoute.POST, 'POST', { body: record })).status).toBe(201);
    expect((await listSessions(await getDb(), ownerId)).map((s) => s.id)).toEqual([record.id]);
    expect(await listSessionIntervals(await getDb(), ownerId)).toEqual([]);
  });

  it('keeps every figure logged after an interval: reps, load, distance and time', async () => {
    const { visitor, montage, ownerId } = await visitorWithMontage();
    const steps = buildTimeline(montage.entries);
    const t0 = Date.parse('2026-11-22T07:00:00Z');
    let state = startSession({ id: randomUUID(), montage: sessionMontage(montage), steps, nowMs: t0, elapsedMs: 0 });
    state = observe(state, steps, { nowMs: t0 + 5000, elapsedMs: 5000, isRunning: true });
    state = logEntry(state, 0, { reps: 12, loadKg: 40, distanceM: 400, timeSec: 95 });
    await visitor.call(sessionsRoute.POST, 'POST', { body: state.record });
    const [first] = await listSessionIntervals(await getDb(), ownerId);
    expect(first).toMatchObject({ reps: 12, loadKg: 40, distanceM: 400, timeSec: 95 });
  });

  it("a session of another's montage (a shared link) is kept by name, without a link to it", async () => {
    const first = await visitorWithMontage();
    const stranger = new Visitor();
    const session = recordWorkout(first.montage, 30_000);
    const sent = await stranger.call(sessionsRoute.POST, 'POST', { body: session });
    expect(sent.status).toBe(201);
    const strangerOwner = (await resolveOwner(await getDb(), decodeURIComponent(stranger.cookie!.split('=')[1]!)))!;
    const [stored] = await listSessions(await getDb(), strangerOwner);
    expect(stored).toMatchObject({ montageId: null, montageName: first.montage.name });
  });

  it('refuses bad sessions naming the field, and writes nothing', async () => {
    const { visitor, montage } = await visitorWithMontage();
    const good = recordWorkout(montage, 30_000);
    const before = await rowCount();
    const cases: [unknown, number, string][] = [
      [{ ...good, id: 'not-a-uuid' }, 422, 'id'],
      [{ ...good, endedAt: '2020-01-01T00:00:00Z' }, 422, 'endedAt'],
      [{ ...good, intervals: [{ ...good.intervals[0], status: 'maybe' }] }, 422, 'intervals.0.status'],
      [{ ...good, intervals: [{ ...good.intervals[0], entry: { reps: -1 } }] }, 422, 'intervals.0.entry.reps'],
      [{ ...good, intervals: [good.intervals[0], good.intervals[0]] }, 422, 'intervals'],
    ];
    for (const [body, status, field] of cases) {
      const result = await visitor.call(sessionsRoute.POST, 'POST', { body });
      expect(result.status).toBe(status);
      expect(result.body.error.problems.map((p: any) => p.field)).toContain(field);
    }
    expect((await visitor.call(sessionsRoute.POST, 'POST', { rawBody: '{"id":' })).status).toBe(400);
    expect(await rowCount()).toBe(before);
  });

  it('deleting a session removes it and its intervals', async () => {
    const { visitor, montage, ownerId } = await visitorWithMontage();
    const session = recordWorkout(montage, 60_000);
    await visitor.call(sessionsRoute.POST, 'POST', { body: session });
    expect((await visitor.call(sessionRoute.DELETE, 'DELETE', { params: { id: session.id } })).status).toBe(200);
    expect(await listSessions(await getDb(), ownerId)).toEqual([]);
    expect(await listSessionIntervals(await getDb(), ownerId)).toEqual([]);
  });

  it('sessions made anonymously move to the account on sign-in, as montages do', async () => {
    const db = await getDb();
    const phone = await visitorWithMontage();
    const account = await signInSpotifyUser(db, { spotifyId: `ivan-${randomUUID()}`, displayName: null, anonymousOwnerId: null, tokens: { accessToken: 'a', refreshToken: 'r', scope: '', expiresAt: new Date(Date.now() + 3_600_000) } });
    const session = recordWorkout(phone.montage, 45_000);
    await phone.visitor.call(sessionsRoute.POST, 'POST', { body: session });
    await signInSpotifyUser(db, { spotifyId: (await db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, account.userId) }))!.spotifyId, displayName: null, anonymousOwnerId: phone.ownerId, tokens: { accessToken: 'b', refreshToken: 'r2', scope: '', expiresAt: new Date(Date.now() + 3_600_000) } });
    const moved = await listSessions(db, account.ownerId);
    expect(moved.map((s) => s.id)).toEqual([session.id]);
    expect(moved[0]!.montageId).toBe(phone.montage.id);
    expect(await listSessionIntervals(db, account.ownerId)).toHaveLength(session.intervals.length);
  });
});
