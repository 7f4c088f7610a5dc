import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { createOwner } from '../../db/queries/owners';
import { createTrainingPlan, getTrainingPlan, recordPlanSession } from '../../db/queries/training-plans';
import { trainingPlanChanges, trainingPlans, trainingPlanSessions } from '../../db/schema-plans';
import { nextSession } from '../../lib/plan/plan-state';
import { doneAsPrescribed, MISSED } from '../../lib/plan/simulate';
import type { PlanSpec } from '../../lib/plan/types';

const circuit: PlanSpec = {
  mode: 'circuit',
  goal: { kind: 'level', workSec: 60, restSec: 15, rounds: 10 },
  startDate: '2027-01-04',
  fightNight: '2027-03-27',
  sessionsPerWeek: 3,
  start: { workSec: 40, restSec: 30, rounds: 6, cadenceSpm: null, exercises: { 'Cart press': { reps: 8, loadKg: 40 } } },
};

async function countRows(planId: string) {
  const db = await getDb();
  return {
    sessions: (await db.select().from(trainingPlanSessions).where(eq(trainingPlanSessions.planId, planId))).length,
    changes: (await db.select().from(trainingPlanChanges).where(eq(trainingPlanChanges.planId, planId))).length,
  };
}

describe('training plans in the database', () => {
  it('stores a plan, logs sessions and keeps each next session with its sentences, as the rules replay it', async () => {
    const db = await getDb();
    const ownerId = await createOwner(db);
    const planId = await createTrainingPlan(db, { ownerId, spec: circuit });
    const first = nextSession(await getTrainingPlan(db, { ownerId, planId }))!;
    expect(first.targets).toMatchObject({ workSec: 40, restSec: 30, rounds: 6 });

    const second = await recordPlanSession(db, { ownerId, planId, log: doneAsPrescribed(first, 6) });
    expect(second!.changes.map((c) => c.sentence)).toContain('+5 s per work interval: the last session was finished at effort 6.');
    const third = await recordPlanSession(db, { ownerId, planId, log: MISSED });
    expect(third!.decision).toBe('hold');

    const state = await getTrainingPlan(db, { ownerId, planId });
    expect(state.sessions.map((s) => s.log?.status ?? null)).toEqual(['completed', 'missed', null]);
    expect(nextSession(state)).toEqual(third);
    const stored = await db.select().from(trainingPlanChanges).where(eq(trainingPlanChanges.planId, planId));
    expect(stored.map((c) => c.sentence).sort()).toEqual([...second!.changes, ...third!.changes].map((c) => c.sentence).sort());
    expect(await countRows(planId)).toEqual({ sessions: 3, changes: second!.changes.length + third!.changes.length });
  });

  it('refuses a goal out of reach naming the field, and writes nothing', async () => {
    const db = await getDb();
    const ownerId = await createOwner(db);
    const before = (await db.select().from(trainingPlans).where(eq(trainingPlans.ownerId, ownerId))).length;
    await expect(createTrainingPlan(db, { ownerId, spec: { ...circuit, goal: { kind: 'level', workSec: 300, restSec: 5, rounds: 30 } } })).rejects.toMatchObject({
      code: 'invalid_input',
      problems: expect.arrayContaining([expect.objectContaining({ field: 'goal.level' })]),
    });
    expect((await db.select().from(trainingPlans).where(eq(trainingPlans.ownerId, ownerId))).length).toBe(before);
  });

  it("never shows or logs another owner's plan", async () => {
    const db = await getDb();
    const ownerId = await createOwner(db);
    const stranger = await createOwner(db);
    const planId = await createTrainingPlan(db, { ownerId, spec: circuit });
    await expect(getTrainingPlan(db, { ownerId: stranger, planId })).rejects.toMatchObject({ code: 'not_found' });
    await expect(recordPlanSession(db, { ownerId: stranger, planId, log: MISSED })).rejects.toMatchObject({ code: 'not_found' });
    expect(await countRows(planId)).toEqual({ sessions: 1, changes: 0 });
  });

  it('writes a log, the next session and its changes together or not at all', async () => {
    const db = await getDb();
    const ownerId = await createOwner(db);
    // A name so long its change sentence breaks the 300-character check: the last of the three writes fails.
    const longName = 'Cart press '.repeat(30);
    const planId = await createTrainingPlan(db, { ownerId, spec: { ...circuit, start: { ...circuit.start, exercises: { [longName]: { reps: 8 } } } } });
    const first = nextSession(await getTrainingPlan(db, { ownerId, planId }))!;
    await expect(recordPlanSession(db, { ownerId, planId, log: { ...doneAsPrescribed(first, 6), entries: { [longName]: { reps: 9 } } } })).rejects.toThrow();
    expect(await countRows(planId)).toEqual({ sessions: 1, changes: 0 });
    const state = await getTrainingPlan(db, { ownerId, planId });
    expect(state.sessions).toHaveLength(1);
    expect(state.sessions[0]!.log).toBeNull();
  });

  it('lets two devices logging at once record one session each, never the same one twice', async () => {
    const db = await getDb();
    const ownerId = await createOwner(db);
    const planId = await createTrainingPlan(db, { ownerId, spec: circuit });
    await Promise.all([recordPlanSession(db, { ownerId, planId, log: MISSED }), recordPlanSession(db, { ownerId, planId, log: MISSED })]);
    const state = await getTrainingPlan(db, { ownerId, planId });
    expect(state.sessions.map((s) => s.log?.status ?? null)).toEqual(['missed', 'missed', null]);
  });
});
