import { beforeAll, describe, expect, it } from 'vitest';
import * as sessionsRoute from '../../app/api/sessions/route';
import { getDb } from '../../db/client';
import { listLibraryFilters } from '../../db/queries/library-filters';
import { getMontageForOwner, listMontagesByOwner } from '../../db/queries/montages';
import { getProgress } from '../../db/queries/progress';
import { listSessionIntervals, listSessions } from '../../db/queries/sessions';
import { exerciseSeries } from '../../lib/domain/progress';
import { logEntry } from '../../lib/domain/session-record';
import { followWorkout, visitorWithMontage } from './workouts';

/**
 * Issue 31, item 11: with the owner filter removed from the progress entries query every test still
 * passed, since no test had two owners with logged entries. Here two owners each have a montage and
 * a workout with logged reps (different numbers), and every owner-scoped read of what they made
 * shows each only its own.
 */
beforeAll(async () => {
  await getDb();
}, 120_000);

async function ownerWithLoggedWorkout(reps: number, day: string) {
  const { visitor, montage, ownerId } = await visitorWithMontage();
  let state = followWorkout(montage, 90_000, Date.parse(`${day}T07:00:00Z`));
  state = logEntry(state, 0, { reps, loadKg: reps });
  expect((await visitor.call(sessionsRoute.POST, 'POST', { body: state.record })).status).toBe(201);
  return { ownerId, montage, session: state.record };
}

describe('owner-scoped queries with a second owner’s data present', () => {
  it('progress, sessions, their intervals and montages: each owner sees only its own', async () => {
    const db = await getDb();
    const a = await ownerWithLoggedWorkout(11, '2026-11-02');
    const b = await ownerWithLoggedWorkout(97, '2026-11-03');
    for (const [me, other] of [
      [a, b],
      [b, a],
    ] as const) {
      const progress = await getProgress(db, me.ownerId);
      const logged = exerciseSeries(progress.entries).flatMap((series) => series.points.map((point) => point.value));
      expect(logged.length).toBeGreaterThan(0);
      expect(logged.every((value) => value === (me === a ? 11 : 97))).toBe(true);
      expect(progress.recent.map((s) => s.id)).toEqual([me.session.id]);
      expect(progress.weeks.reduce((n, w) => n + w.sessions, 0)).toBe(1);
      expect((await listSessions(db, me.ownerId)).map((s) => s.id)).toEqual([me.session.id]);
      expect(new Set((await listSessionIntervals(db, me.ownerId)).map((i) => i.sessionId))).toEqual(new Set([me.session.id]));
      expect((await listMontagesByOwner(db, me.ownerId)).map((m) => m.id)).toEqual([me.montage.id]);
      expect(await getMontageForOwner(db, other.montage.id, me.ownerId)).toBeNull();
      expect(await listLibraryFilters(db, me.ownerId)).toEqual([]);
    }
  });
});
