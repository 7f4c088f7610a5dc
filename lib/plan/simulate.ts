import type { ExerciseEntry } from '../domain/session-record';
import { nextSession, recordSession, startPlan, type PlanState } from './plan-state';
import type { PlanSpec, PrescribedSession, SessionLog } from './types';

/** Decides how a simulated athlete does a prescribed session (its position in the plan given). */
export type Athlete = (session: PrescribedSession, slot: number) => SessionLog;

/** A small seeded PRNG (mulberry32): the same seed gives the same athlete. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A session done as prescribed, at the given effort, logging the targets (scaled by `liftShare`). */
export function doneAsPrescribed(session: PrescribedSession, rpe: number, liftShare = 1): SessionLog {
  const entries: Record<string, ExerciseEntry> = {};
  for (const [exercise, target] of Object.entries(session.targets.exercises)) {
    const entry: ExerciseEntry = {};
    if (target.reps !== undefined) entry.reps = Math.max(1, Math.round(target.reps * liftShare));
    if (target.loadKg !== undefined) entry.loadKg = Math.round(target.loadKg * liftShare * 2) / 2;
    entries[exercise] = entry;
  }
  const t = session.targets;
  return {
    status: 'completed',
    rpe,
    workDone: t.rounds,
    workSkipped: 0,
    workCutShort: 0,
    entries,
    activeMin: (t.rounds * (t.workSec + t.restSec)) / 60,
  };
}

export const MISSED: SessionLog = { status: 'missed', rpe: null, workDone: 0, workSkipped: 0, workCutShort: 0, entries: {}, activeMin: 0 };

/** Steady: every session finished at effort 6. */
export const steadyAthlete: Athlete = (session) => doneAsPrescribed(session, 6);

/**
 * Overreaching: fitness (the work minutes handled at moderate effort) starts at the plan's first
 * session and grows 3 % a week, slower than the plan would like; effort follows load over fitness
 * and a session far above it is abandoned halfway.
 */
export function overreachingAthlete(startLoadMin: number, sessionsPerWeek: number): Athlete {
  return (session, slot) => {
    const fitnessMin = startLoadMin * Math.pow(1.03, slot / sessionsPerWeek);
    const ratio = session.loadMin / fitnessMin;
    if (ratio > 1.25) {
      const half = Math.floor(session.targets.rounds / 2);
      return { ...doneAsPrescribed(session, 10, 0.8), status: 'abandoned', workDone: half, workSkipped: session.targets.rounds - half };
    }
    const rpe = Math.min(10, Math.max(3, Math.round(6 + (ratio - 1) * 15)));
    return doneAsPrescribed(session, rpe, rpe >= 9 ? 0.9 : 1);
  };
}

/** Dropping out: steady for four weeks, then misses two weeks, one session in two after that. */
export function droppingOutAthlete(sessionsPerWeek: number): Athlete {
  return (session, slot) => {
    const week = Math.floor(slot / sessionsPerWeek);
    if (week < 4) return doneAsPrescribed(session, 6);
    if (week < 6) return MISSED;
    return slot % 2 === 0 ? doneAsPrescribed(session, 7) : MISSED;
  };
}

/** Runs a plan to its end with one athlete. */
export function simulatePlan(spec: PlanSpec, athlete: Athlete): PlanState {
  let state = startPlan(spec);
  for (let session = nextSession(state); session; session = nextSession(state)) {
    state = recordSession(state, athlete(session, state.sessions.length - 1));
  }
  return state;
}
