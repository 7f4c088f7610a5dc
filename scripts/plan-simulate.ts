/**
 * `npm run plan:simulate`: the closing note of issue 30. Three simulated athletes (steady,
 * overreaching, dropping out) follow the same 12-week plans (a Rocky circuit to a harder level,
 * and a run from 162 to 170 steps/min): per week the planned load (minutes of work), the load they
 * logged (session RPE × minutes, Foster 2001), sessions done, the changes the plan made with their
 * sentences, and whether the goal was reached on fight night. Deterministic: no randomness.
 */
import { planProblems } from '../lib/plan/layout';
import { isGoalReached, weeklyLoadMin, type PlanState } from '../lib/plan/plan-state';
import { sessionRpeLoad } from '../lib/plan/session-log';
import { droppingOutAthlete, overreachingAthlete, simulatePlan, steadyAthlete, type Athlete } from '../lib/plan/simulate';
import { loadMinOf } from '../lib/plan/load';
import type { PlanSpec } from '../lib/plan/types';

const PLANS: { title: string; spec: PlanSpec }[] = [
  {
    title: 'Rocky circuit: 6 × 40 s / 30 s rest → 10 × 60 s / 15 s rest',
    spec: {
      mode: 'circuit',
      goal: { kind: 'level', workSec: 60, restSec: 15, rounds: 10 },
      startDate: '2027-01-04',
      fightNight: '2027-03-27',
      sessionsPerWeek: 3,
      start: { workSec: 40, restSec: 30, rounds: 6, cadenceSpm: null, exercises: { 'Cart press': { reps: 8, loadKg: 40 }, 'Pull-ups': { reps: 6 } } },
    },
  },
  {
    title: 'Run: 4 × 4 min at 162 → 170 steps/min',
    spec: {
      mode: 'run',
      goal: { kind: 'cadence', toSpm: 170 },
      startDate: '2027-01-04',
      fightNight: '2027-03-27',
      sessionsPerWeek: 3,
      start: { workSec: 240, restSec: 60, rounds: 4, cadenceSpm: 162, exercises: {} },
    },
  },
];

function athletes(spec: PlanSpec): { name: string; athlete: Athlete }[] {
  return [
    { name: 'steady', athlete: steadyAthlete },
    { name: 'overreaching', athlete: overreachingAthlete(loadMinOf(spec.start), spec.sessionsPerWeek) },
    { name: 'dropping out', athlete: droppingOutAthlete(spec.sessionsPerWeek) },
  ];
}

const pad = (s: string | number, n: number) => String(s).padEnd(n);

function report(state: PlanState): string[] {
  const planned = weeklyLoadMin(state);
  const lines = [`${pad('week', 5)}${pad('kind', 8)}${pad('planned min', 12)}${pad('ratio', 7)}${pad('logged sRPE', 12)}${pad('done', 6)}level at week end`];
  for (const week of state.weeks) {
    const sessions = state.sessions.filter((s) => s.week === week.index);
    const logged = sessions.reduce((sum, s) => sum + (s.log ? sessionRpeLoad(s.log) : 0), 0);
    const done = sessions.filter((s) => s.log?.status === 'completed').length;
    const ratio = week.index === 0 ? '' : (planned[week.index]! / planned[week.index - 1]!).toFixed(2);
    const t = sessions.at(-1)!.targets;
    const level = `${t.rounds} × ${t.workSec} s / ${t.restSec} s${t.cadenceSpm === null ? '' : ` @ ${t.cadenceSpm} spm`}`;
    lines.push(`${pad(week.index + 1, 5)}${pad(week.kind, 8)}${pad(planned[week.index]!.toFixed(1), 12)}${pad(ratio, 7)}${pad(Math.round(logged), 12)}${pad(`${done}/${sessions.length}`, 6)}${level}`);
    for (const s of sessions) for (const c of s.changes) lines.push(`       s${s.indexInWeek + 1} ${c.sentence}`);
  }
  lines.push(`goal reached on fight night: ${isGoalReached(state) ? 'yes' : 'no'}`);
  return lines;
}

for (const { title, spec } of PLANS) {
  const problems = planProblems(spec);
  if (problems.length > 0) throw new Error(`${title}: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
  console.log(`\n=== ${title} (${spec.sessionsPerWeek} sessions a week, fight night ${spec.fightNight}) ===`);
  const summary: string[] = [];
  for (const { name, athlete } of athletes(spec)) {
    const state = simulatePlan(spec, athlete);
    console.log(`\n--- ${name} ---`);
    for (const line of report(state)) console.log(line);
    const changes = state.sessions.reduce((n, s) => n + s.changes.length, 0);
    summary.push(`${pad(name, 14)}planned min/week ${weeklyLoadMin(state).map((l) => l.toFixed(0)).join(' ')} · ${changes} changes · goal ${isGoalReached(state) ? 'reached' : 'not reached'}`);
  }
  console.log('\nsummary');
  for (const line of summary) console.log(`  ${line}`);
}
