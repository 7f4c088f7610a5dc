import { and, asc, eq } from 'drizzle-orm';
import { planProblems } from '../../lib/plan/layout';
import { nextSession, recordSession, startPlan, type PlanState } from '../../lib/plan/plan-state';
import type { PlanSpec, PrescribedSession, SessionLog } from '../../lib/plan/types';
import { AppError, notFound } from '../../lib/server/errors';
import type { Database, Transaction } from '../client';
import { trainingPlanChanges, trainingPlans, trainingPlanSessions } from '../schema-plans';

export interface CreateTrainingPlanParams {
  ownerId: string;
  spec: PlanSpec;
}

export interface RecordPlanSessionParams {
  ownerId: string;
  planId: string;
  log: SessionLog;
  /** The recorded workout the log came from, if any. */
  workoutSessionId?: string | null;
}

type PlanRow = typeof trainingPlans.$inferSelect;
type SessionRow = typeof trainingPlanSessions.$inferSelect;

function specOf(row: PlanRow): PlanSpec {
  return {
    mode: row.mode as PlanSpec['mode'],
    goal: row.goalKind === 'cadence' ? { kind: 'cadence', toSpm: row.goalToSpm! } : { kind: 'level', workSec: row.goalWorkSec!, restSec: row.goalRestSec!, rounds: row.goalRounds! },
    startDate: row.startDate,
    fightNight: row.fightNight,
    sessionsPerWeek: row.sessionsPerWeek,
    start: { workSec: row.startWorkSec, restSec: row.startRestSec, rounds: row.startRounds, cadenceSpm: row.startCadenceSpm, exercises: row.startExercises },
  };
}

function logOf(row: SessionRow): SessionLog | null {
  if (row.logStatus === null) return null;
  return {
    status: row.logStatus,
    rpe: row.rpe,
    workDone: row.workDone ?? 0,
    workSkipped: row.workSkipped ?? 0,
    workCutShort: row.workCutShort ?? 0,
    entries: row.entries ?? {},
    activeMin: row.activeMin ?? 0,
  };
}

/** The plan's state, replayed from its spec and logs by the pure rules (the stored rows are what was shown). */
function replay(spec: PlanSpec, rows: readonly SessionRow[]): PlanState {
  let state = startPlan(spec);
  for (const row of rows) {
    const log = logOf(row);
    if (log) state = recordSession(state, log);
  }
  return state;
}

async function insertSession(tx: Transaction, planId: string, slot: number, session: PrescribedSession): Promise<void> {
  const t = session.targets;
  await tx.insert(trainingPlanSessions).values({
    planId,
    slot,
    week: session.week,
    kind: session.kind,
    workSec: t.workSec,
    restSec: t.restSec,
    rounds: t.rounds,
    cadenceSpm: t.cadenceSpm,
    exerciseTargets: t.exercises,
    loadMin: session.loadMin,
    decision: session.decision,
    reason: session.reason,
  });
  if (session.changes.length > 0) {
    await tx.insert(trainingPlanChanges).values(
      session.changes.map((c, position) => ({ planId, slot, position, field: c.field, exercise: c.exercise ?? null, fromValue: c.from, toValue: c.to, sentence: c.sentence })),
    );
  }
}

/**
 * Creates a plan and its first session in one transaction. A spec the rules refuse (planProblems)
 * is `invalid_input` naming each field, and nothing is written.
 */
export async function createTrainingPlan(db: Database, { ownerId, spec }: CreateTrainingPlanParams): Promise<string> {
  const problems = planProblems(spec);
  if (problems.length > 0) throw new AppError('invalid_input', 'This plan cannot be made as asked.', problems.map((p) => ({ field: p.field, message: p.message })));
  return db.transaction(async (tx) => {
    const goal = spec.goal;
    const [row] = await tx
      .insert(trainingPlans)
      .values({
        ownerId,
        mode: spec.mode,
        goalKind: goal.kind,
        goalToSpm: goal.kind === 'cadence' ? goal.toSpm : null,
        goalWorkSec: goal.kind === 'level' ? goal.workSec : null,
        goalRestSec: goal.kind === 'level' ? goal.restSec : null,
        goalRounds: goal.kind === 'level' ? goal.rounds : null,
        startDate: spec.startDate,
        fightNight: spec.fightNight,
        sessionsPerWeek: spec.sessionsPerWeek,
        startWorkSec: spec.start.workSec,
        startRestSec: spec.start.restSec,
        startRounds: spec.start.rounds,
        startCadenceSpm: spec.start.cadenceSpm,
        startExercises: spec.start.exercises,
      })
      .returning({ id: trainingPlans.id });
    await insertSession(tx, row!.id, 0, nextSession(startPlan(spec))!);
    return row!.id;
  });
}

/** The owner's plan as the rules see it now, or "Plan not found" (also for another owner's plan). */
export async function getTrainingPlan(db: Database, { ownerId, planId }: { ownerId: string; planId: string }): Promise<PlanState> {
  const [plan] = await db.select().from(trainingPlans).where(and(eq(trainingPlans.id, planId), eq(trainingPlans.ownerId, ownerId)));
  if (!plan) throw notFound('Plan');
  const rows = await db.select().from(trainingPlanSessions).where(eq(trainingPlanSessions.planId, planId)).orderBy(asc(trainingPlanSessions.slot));
  return replay(specOf(plan), rows);
}

/**
 * Logs the session due and writes the next one with its changes, in one transaction with the plan
 * row locked (two devices logging at once: one wins, the other is a `conflict`). A finished plan
 * is a `conflict` too.
 */
export async function recordPlanSession(db: Database, { ownerId, planId, log, workoutSessionId = null }: RecordPlanSessionParams): Promise<PrescribedSession | null> {
  return db.transaction(async (tx) => {
    const [plan] = await tx
      .select()
      .from(trainingPlans)
      .where(and(eq(trainingPlans.id, planId), eq(trainingPlans.ownerId, ownerId)))
      .for('update');
    if (!plan) throw notFound('Plan');
    const rows = await tx.select().from(trainingPlanSessions).where(eq(trainingPlanSessions.planId, planId)).orderBy(asc(trainingPlanSessions.slot));
    const state = replay(specOf(plan), rows);
    const due = nextSession(state);
    if (!due) throw new AppError('conflict', 'This plan is finished: its test session is logged.');
    const slot = state.sessions.length - 1;
    const after = recordSession(state, log);
    await tx
      .update(trainingPlanSessions)
      .set({
        logStatus: log.status,
        rpe: log.rpe,
        workDone: log.workDone,
        workSkipped: log.workSkipped,
        workCutShort: log.workCutShort,
        activeMin: log.activeMin,
        entries: log.entries,
        workoutSessionId,
        loggedAt: new Date(),
      })
      .where(and(eq(trainingPlanSessions.planId, planId), eq(trainingPlanSessions.slot, slot)));
    const next = nextSession(after);
    if (next) await insertSession(tx, planId, slot + 1, next);
    return next;
  });
}
