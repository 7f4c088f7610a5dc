import { randomUUID } from 'node:crypto';
import * as montagesRoute from '../../app/api/montages/route';
import * as montageRoute from '../../app/api/montages/[id]/route';
import { getDb } from '../../db/client';
import { observe, startSession, type RecorderState } from '../../lib/domain/session-record';
import { buildTimeline } from '../../lib/domain/timeline';
import { resolveOwner } from '../../lib/server/owner-session';
import { Visitor } from './api-client';

/** What the tests of recorded workouts (sessions-api, progress-export) share. */

/** A new visitor with a 20-minute circuit of their own: the montage as the API reads it, and the visitor's owner id. */
export async function visitorWithMontage() {
  const visitor = new Visitor();
  const created = await visitor.call(montagesRoute.POST, 'POST', { body: { mode: 'circuit', lengthMin: 20 } });
  const montage = (await visitor.call(montageRoute.GET, 'GET', { params: { id: created.body.id } })).body.montage;
  const ownerId = (await resolveOwner(await getDb(), decodeURIComponent(visitor.cookie!.split('=')[1]!)))!;
  return { visitor, montage, ownerId };
}

/** The montage as a session names it. */
export const sessionMontage = (montage: any) => ({ id: montage.id, name: montage.name, mode: montage.mode, version: montage.version });

/** Follows `montage` from `startedAt` for `untilMs` of its clock in 1 s ticks, as the follow-along page records it. */
export function followWorkout(montage: any, untilMs: number, startedAt: number): RecorderState {
  const steps = buildTimeline(montage.entries);
  let state = startSession({ id: randomUUID(), montage: sessionMontage(montage), steps, nowMs: startedAt, elapsedMs: 0 });
  for (let ms = 1000; ms <= untilMs; ms += 1000) state = observe(state, steps, { nowMs: startedAt + ms, elapsedMs: ms, isRunning: true });
  return state;
}
