import { describe, expect, it } from 'vitest';
import type { SessionRecord } from '../domain/session-record';
import { layoutWeeks, planProblems } from './layout';
import { nextSession, recordSession, startPlan } from './plan-state';
import { sessionLogOf } from './session-log';
import { doneAsPrescribed, MISSED } from './simulate';
import type { PlanSpec } from './types';

const circuit: PlanSpec = {
  mode: 'circuit',
  goal: { kind: 'level', workSec: 60, restSec: 15, rounds: 10 },
  startDate: '2027-01-04',
  fightNight: '2027-03-27',
  sessionsPerWeek: 3,
  start: { workSec: 40, restSec: 30, rounds: 6, cadenceSpm: null, exercises: { 'Cart press': { reps: 8, loadKg: 40 }, 'Pull-ups': { reps: 6 } } },
};
const run: PlanSpec = {
  mode: 'run',
  goal: { kind: 'cadence', toSpm: 170 },
  startDate: '2027-01-04',
  fightNight: '2027-03-27',
  sessionsPerWeek: 3,
  start: { workSec: 240, restSec: 60, rounds: 4, cadenceSpm: 162, exercises: {} },
};

describe('laying out a plan', () => {
  it('gives 12 weeks to a 12-week plan: build weeks, every fourth lighter, the test week last', () => {
    expect(layoutWeeks(circuit).map((w) => w.kind)).toEqual(['build', 'build', 'build', 'lighter', 'build', 'build', 'build', 'lighter', 'build', 'build', 'build', 'test']);
    expect(layoutWeeks(circuit)[11]!.startDate).toBe('2027-03-22');
  });

  it('refuses a goal out of reach by fight night, naming the field', () => {
    expect(planProblems(circuit)).toEqual([]);
    expect(planProblems(run)).toEqual([]);
    expect(planProblems({ ...run, goal: { kind: 'cadence', toSpm: 200 } }).map((p) => p.field)).toEqual(['goal.toSpm']);
    expect(planProblems({ ...circuit, fightNight: '2027-01-20', goal: { kind: 'level', workSec: 120, restSec: 10, rounds: 20 } }).map((p) => p.field)).toEqual(['goal.level', 'goal.level']);
    expect(planProblems({ ...circuit, sessionsPerWeek: 0 }).map((p) => p.field)).toEqual(['sessionsPerWeek']);
    expect(planProblems({ ...circuit, fightNight: '2027-01-05' }).map((p) => p.field)).toEqual(['fightNight']);
  });
});

describe('adapting to what was logged', () => {
  it('progresses after a session finished at effort 6 and says so, loads from the logged best', () => {
    const plan = startPlan(circuit);
    const first = nextSession(plan)!;
    const log = doneAsPrescribed(first, 6);
    const next = nextSession(recordSession(plan, { ...log, entries: { 'Cart press': { reps: 8, loadKg: 42 } } }))!;
    expect(next.decision).toBe('progress');
    expect(next.changes.map((c) => c.sentence)).toEqual([
      '+5 s per work interval: the last session was finished at effort 6.',
      '+3.5 kg on Cart press (43.5 kg): the last session was finished at effort 6.',
    ]);
  });

  it('holds after a hard session and backs off after an abandoned one', () => {
    const plan = startPlan(circuit);
    const hard = nextSession(recordSession(plan, doneAsPrescribed(nextSession(plan)!, 8)))!;
    expect(hard.decision).toBe('hold');
    expect(hard.reason).toBe('Hold: the last session was hard (effort 8).');
    expect(hard.changes).toEqual([]);
    const abandoned = nextSession(recordSession(plan, { ...doneAsPrescribed(nextSession(plan)!, 7), status: 'abandoned' }))!;
    expect(abandoned.decision).toBe('back_off');
    expect(abandoned.targets.rounds).toBeLessThan(6);
    expect(abandoned.changes.find((c) => c.field === 'rounds')!.sentence).toBe('\u22121 round: the last session was stopped before the end.');
  });

  it('moves on after a missed session with the same targets, and eases back in after a week missed', () => {
    let plan = startPlan(run);
    plan = recordSession(plan, MISSED);
    expect(nextSession(plan)!.decision).toBe('hold');
    expect(nextSession(plan)!.targets.cadenceSpm).toBe(162);
    plan = recordSession(recordSession(plan, MISSED), MISSED);
    expect(nextSession(plan)!.decision).toBe('back_off');
    expect(nextSession(plan)!.reason).toContain('3 sessions in a row were missed');
  });

  it('raises the cadence one small step a week toward 170, explained', () => {
    let plan = startPlan(run);
    plan = recordSession(plan, doneAsPrescribed(nextSession(plan)!, 6));
    const next = nextSession(plan)!;
    expect(next.changes).toEqual([{ field: 'cadenceSpm', from: 162, to: 163, sentence: '+1 steps/min (cadence 163): the last session was finished at effort 6.' }]);
    plan = recordSession(plan, doneAsPrescribed(next, 6));
    expect(nextSession(plan)!.targets.cadenceSpm).toBe(163);
  });

  it('reads completion, skips and the best entries from a recorded session', () => {
    const interval = { entryIndex: 0, trackTitle: 'War', intensity: 'hard' as const, plannedMs: 30_000, activeMs: 30_000 };
    const record: SessionRecord = {
      id: 's',
      montage: { id: null, name: 'Rocky circuit', mode: 'circuit', version: 1 },
      status: 'completed',
      startedAt: '2027-01-04T06:00:00Z',
      endedAt: '2027-01-04T06:01:30Z',
      plannedMs: 90_000,
      activeMs: 90_000,
      pausedMs: 0,
      pauseCount: 0,
      revision: 4,
      intervals: [
        { ...interval, position: 0, kind: 'work', exercise: 'Cart press', status: 'done', entry: { reps: 8, loadKg: 40 } },
        { ...interval, position: 1, kind: 'rest', exercise: 'Rest', status: 'done' },
        { ...interval, position: 2, kind: 'work', exercise: 'Cart press', status: 'cut_short', entry: { reps: 6, loadKg: 45 } },
        { ...interval, position: 3, kind: 'work', exercise: 'Pull-ups', status: 'skipped' },
      ],
    };
    expect(sessionLogOf(record, 7)).toEqual({ status: 'completed', rpe: 7, workDone: 1, workSkipped: 1, workCutShort: 1, entries: { 'Cart press': { reps: 8, loadKg: 45 } }, activeMin: 1.5 });
  });
});
