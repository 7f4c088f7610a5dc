import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutWeeks, maxCadenceStepSpm, planProblems } from './layout';
import { isGoalReached, weeklyLoadMin, type PlanState } from './plan-state';
import { LOAD_BAND } from './rules';
import { doneAsPrescribed, MISSED, simulatePlan, type Athlete } from './simulate';
import type { PlanChange, PlanSpec, PrescribedSession, SessionLog } from './types';

const START = '2027-01-04';

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Plans the rules accept: a run to a higher cadence, or a circuit level, over 6–14 weeks. */
const specArb: fc.Arbitrary<PlanSpec> = fc
  .record({
    isRun: fc.boolean(),
    weeks: fc.integer({ min: 6, max: 14 }),
    sessionsPerWeek: fc.integer({ min: 2, max: 6 }),
    workSec: fc.integer({ min: 4, max: 18 }).map((n) => n * 5),
    restSec: fc.integer({ min: 2, max: 12 }).map((n) => n * 5),
    rounds: fc.integer({ min: 3, max: 12 }),
    cadenceSpm: fc.integer({ min: 150, max: 178 }),
    workSteps: fc.integer({ min: 0, max: 6 }),
    restSteps: fc.integer({ min: 0, max: 3 }),
    roundSteps: fc.integer({ min: 0, max: 5 }),
    cadenceUp: fc.integer({ min: 1, max: 14 }),
    loadKg: fc.integer({ min: 10, max: 120 }),
    reps: fc.integer({ min: 3, max: 15 }),
  })
  .map((r): PlanSpec => ({
    mode: r.isRun ? 'run' : 'circuit',
    goal: r.isRun
      ? { kind: 'cadence', toSpm: r.cadenceSpm + r.cadenceUp }
      : { kind: 'level', workSec: r.workSec + r.workSteps * 5, restSec: Math.max(5, r.restSec - r.restSteps * 5), rounds: r.rounds + r.roundSteps },
    startDate: START,
    fightNight: addDays(START, (r.weeks - 1) * 7 + 5),
    sessionsPerWeek: r.sessionsPerWeek,
    start: {
      workSec: r.workSec,
      restSec: r.restSec,
      rounds: r.rounds,
      cadenceSpm: r.isRun ? r.cadenceSpm : null,
      exercises: r.isRun ? {} : { 'Cart press': { reps: r.reps, loadKg: r.loadKg }, 'Pull-ups': { reps: r.reps } },
    },
  }))
  .filter((spec) => planProblems(spec).length === 0);

const outcomeArb = fc.record({
  kind: fc.constantFrom('done', 'done', 'done', 'abandoned', 'missed'),
  rpe: fc.option(fc.integer({ min: 1, max: 10 }), { nil: null, freq: 8 }),
  skipped: fc.constantFrom(0, 0, 0, 1, 2, 3),
  liftShare: fc.double({ min: 0.7, max: 1.2, noNaN: true }),
});
type Outcome = typeof outcomeArb extends fc.Arbitrary<infer T> ? T : never;

/** An athlete following random outcomes, slot by slot (thousands of histories across the runs). */
function randomAthlete(outcomes: readonly Outcome[]): Athlete {
  return (session, slot) => {
    const o = outcomes[slot % outcomes.length]!;
    if (o.kind === 'missed') return MISSED;
    const log: SessionLog = { ...doneAsPrescribed(session, o.rpe ?? 0, o.liftShare), rpe: o.rpe };
    const skipped = Math.min(o.skipped, session.targets.rounds);
    return { ...log, status: o.kind === 'done' ? 'completed' : 'abandoned', workSkipped: skipped, workDone: session.targets.rounds - skipped };
  };
}

const historyArb = fc.tuple(specArb, fc.array(outcomeArb, { minLength: 1, maxLength: 84 }));
/** 5 properties × 400 runs: 2,000 simulated histories of 6–14 weeks per test run. */
const RUNS = { numRuns: 400 };
const TIMEOUT_MS = 60_000;

function isUp(change: PlanChange): boolean {
  return change.field === 'restSec' ? change.to < change.from : change.to > change.from;
}

function pairs(state: PlanState): [PrescribedSession, PrescribedSession][] {
  return state.sessions.slice(1).map((next, i) => [state.sessions[i]!, next]);
}

describe('a plan adapting to simulated athletes', () => {
  it('never progresses right after an abandoned or very hard session', () => {
    fc.assert(
      fc.property(historyArb, ([spec, outcomes]) => {
        const state = simulatePlan(spec, randomAthlete(outcomes));
        for (const [done, next] of pairs(state)) {
          const log = done.log!;
          if (log.status !== 'abandoned' && !(log.status === 'completed' && (log.rpe ?? 0) >= 9)) continue;
          expect(next.decision).toBe('back_off');
          expect(next.changes.filter(isUp)).toEqual([]);
          expect(next.loadMin).toBeLessThanOrEqual(done.loadMin);
        }
      }),
      RUNS,
    );
  }, TIMEOUT_MS);

  it('keeps every week’s planned load within 0.8–1.3× the week before, and the lighter weeks lighter', () => {
    fc.assert(
      fc.property(historyArb, ([spec, outcomes]) => {
        const state = simulatePlan(spec, randomAthlete(outcomes));
        const loads = weeklyLoadMin(state);
        for (let w = 1; w < loads.length; w += 1) {
          const ratio = loads[w]! / loads[w - 1]!;
          expect(ratio).toBeGreaterThanOrEqual(LOAD_BAND.min - 1e-9);
          expect(ratio).toBeLessThanOrEqual(LOAD_BAND.max + 1e-9);
          if (state.weeks[w]!.kind === 'lighter') expect(loads[w]!).toBeLessThan(loads[w - 1]!);
        }
      }),
      RUNS,
    );
  }, TIMEOUT_MS);

  it('raises cadence at most 2 % at a time and at most once a week, never past the goal', () => {
    fc.assert(
      fc.property(historyArb, ([spec, outcomes]) => {
        const state = simulatePlan(spec, randomAthlete(outcomes));
        const stepsPerWeek = new Map<number, number>();
        for (const session of state.sessions) {
          for (const change of session.changes.filter((c) => c.field === 'cadenceSpm')) {
            expect(change.to - change.from).toBeGreaterThan(0);
            expect(change.to - change.from).toBeLessThanOrEqual(maxCadenceStepSpm(change.from));
            expect(change.to).toBeLessThanOrEqual(spec.goal.kind === 'cadence' ? spec.goal.toSpm : Infinity);
            stepsPerWeek.set(session.week, (stepsPerWeek.get(session.week) ?? 0) + 1);
          }
        }
        expect([...stepsPerWeek.values()].every((n) => n === 1)).toBe(true);
      }),
      RUNS,
    );
  }, TIMEOUT_MS);

  it('reaches the goal by fight night when every session is finished at moderate effort', () => {
    fc.assert(
      fc.property(specArb, fc.array(fc.integer({ min: 5, max: 7 }), { minLength: 1, maxLength: 84 }), (spec, efforts) => {
        const state = simulatePlan(spec, (session, slot) => doneAsPrescribed(session, efforts[slot % efforts.length]!));
        expect(state.sessions).toHaveLength(layoutWeeks(spec).length * spec.sessionsPerWeek);
        expect(isGoalReached(state)).toBe(true);
      }),
      RUNS,
    );
  }, TIMEOUT_MS);

  it('explains every changed target in one sentence that states the change', () => {
    fc.assert(
      fc.property(historyArb, ([spec, outcomes]) => {
        const state = simulatePlan(spec, randomAthlete(outcomes));
        for (const [done, next] of pairs(state)) {
          const changed = (['workSec', 'restSec', 'rounds', 'cadenceSpm'] as const).filter((f) => done.targets[f] !== next.targets[f]);
          expect(next.changes.filter((c) => !c.exercise).map((c) => c.field)).toEqual(changed);
          for (const change of next.changes) {
            const match = /^([+\u2212])(\d+(?:\.\d)?) (s per work interval|s per rest|rounds?|steps\/min|kg on|reps? of)(?: [^:]+)?: .+\.$/.exec(change.sentence);
            expect(match, change.sentence).not.toBeNull();
            const delta = (match![1] === '+' ? 1 : -1) * Number(match![2]);
            expect(delta).toBeCloseTo(change.to - change.from, 1);
            const unit = { workSec: 's per work interval', restSec: 's per rest', rounds: 'round', cadenceSpm: 'steps/min', loadKg: 'kg on', reps: 'rep' }[change.field];
            expect(match![3]!.startsWith(unit)).toBe(true);
            if (change.exercise) expect(change.sentence).toContain(change.exercise);
          }
        }
      }),
      RUNS,
    );
  }, TIMEOUT_MS);

  it('does not pile missed sessions up: the plan keeps its length and date', () => {
    fc.assert(
      fc.property(historyArb, ([spec, outcomes]) => {
        const state = simulatePlan(spec, randomAthlete(outcomes));
        expect(state.sessions).toHaveLength(layoutWeeks(spec).length * spec.sessionsPerWeek);
        for (const week of layoutWeeks(spec)) expect(state.sessions.filter((s) => s.week === week.index)).toHaveLength(spec.sessionsPerWeek);
      }),
      { numRuns: 200 },
    );
  }, TIMEOUT_MS);
});
