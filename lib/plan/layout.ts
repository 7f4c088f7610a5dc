import { weekOf } from '../domain/progress';
import { loadMinOf } from './load';
import { CADENCE_STEP_MAX_FRACTION, LIGHTER_EVERY_WEEKS, STEP, TARGET_LIMITS } from './rules';
import type { PlanSpec, PlanWeek, TargetLevel } from './types';

const DAY_MS = 86_400_000;
/** The largest load ratio one progression step may have: a quarter more, inside LOAD_BAND.max. */
const MAX_STEP_RATIO = 1.25;
const MIN_ROUNDS_TO_STEP = 4;
const MIN_WORK_TO_STEP = 20;
/**
 * With one session a week every step is a whole week's change, and coming back from a lighter week
 * plus one step passes the band: the plan adapts between sessions, so it asks for two or more.
 */
const MIN_SESSIONS_PER_WEEK = 2;
/**
 * The weekly growth a goal may count on: half the band's headroom (1.3), since lighter weeks and
 * the band's fit around them take the rest.
 */
const PLANNED_WEEKLY_GROWTH = 1.15;
const STEP_RESERVE = 0.75;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export interface PlanProblem {
  field: keyof PlanSpec | 'goal.toSpm' | 'goal.level';
  message: string;
}

function mondayOf(date: string): number {
  return Date.parse(`${weekOf(new Date(`${date}T00:00:00Z`))}T00:00:00Z`);
}

/**
 * The weeks from the start's week to fight night's, Monday to Monday: build weeks, every
 * `LIGHTER_EVERY_WEEKS`-th week lighter, and the last week the test week (its last session is the
 * test). Assumes a spec without problems (see planProblems).
 */
export function layoutWeeks(spec: PlanSpec): PlanWeek[] {
  const first = mondayOf(spec.startDate);
  const count = Math.round((mondayOf(spec.fightNight) - first) / (7 * DAY_MS)) + 1;
  return Array.from({ length: count }, (_, index) => ({
    index,
    startDate: new Date(first + index * 7 * DAY_MS).toISOString().slice(0, 10),
    kind: index === count - 1 ? 'test' : (index + 1) % LIGHTER_EVERY_WEEKS === 0 ? 'lighter' : 'build',
    sessions: spec.sessionsPerWeek,
  }));
}

/**
 * Steps (of STEP) from a level to the goal's work, rest and rounds; 0 when there or past it. A
 * cadence plan keeps the volume it started with: its goal volume is the start (so a back-off is
 * won back).
 */
export function stepsToGoal(level: TargetLevel, spec: PlanSpec): { workSec: number; restSec: number; rounds: number } {
  const goal = spec.goal.kind === 'level' ? spec.goal : spec.start;
  return {
    workSec: Math.max(0, Math.ceil((goal.workSec - level.workSec) / STEP.workSec)),
    restSec: Math.max(0, Math.ceil((level.restSec - goal.restSec) / STEP.restSec)),
    rounds: Math.max(0, goal.rounds - level.rounds),
  };
}

/** The largest cadence step the rule allows from `cadenceSpm` (whole steps/min, at least 1). */
export function maxCadenceStepSpm(cadenceSpm: number): number {
  return Math.max(1, Math.floor(cadenceSpm * CADENCE_STEP_MAX_FRACTION));
}

/**
 * What is wrong with a spec, each naming its field; empty when the plan can be laid out and its
 * goal reached by fight night at the rules' pace (one step per build session, one cadence step
 * per build week) for someone who finishes every session at moderate effort.
 */
export function planProblems(spec: PlanSpec): PlanProblem[] {
  const problems: PlanProblem[] = [];
  if (!Number.isInteger(spec.sessionsPerWeek) || spec.sessionsPerWeek < MIN_SESSIONS_PER_WEEK || spec.sessionsPerWeek > 7) {
    problems.push({ field: 'sessionsPerWeek', message: `sessions per week must be a whole number from ${MIN_SESSIONS_PER_WEEK} to 7` });
  }
  if (!DATE_RE.test(spec.startDate) || Number.isNaN(Date.parse(spec.startDate))) problems.push({ field: 'startDate', message: 'start date must be YYYY-MM-DD' });
  if (!DATE_RE.test(spec.fightNight) || Number.isNaN(Date.parse(spec.fightNight))) problems.push({ field: 'fightNight', message: 'fight night must be YYYY-MM-DD' });
  if (problems.length > 0) return problems;
  const weeks = layoutWeeks(spec);
  if (weeks.length < 2) return [{ field: 'fightNight', message: 'fight night must be at least a week after the start' }];
  const { start } = spec;
  const L = TARGET_LIMITS;
  if (start.workSec < L.minWorkSec || start.workSec > L.maxWorkSec || start.restSec < L.minRestSec || start.restSec > L.maxRestSec || start.rounds < L.minRounds || start.rounds > L.maxRounds) {
    problems.push({ field: 'start', message: `start must be ${L.minWorkSec}–${L.maxWorkSec} s work, ${L.minRestSec}–${L.maxRestSec} s rest, ${L.minRounds}–${L.maxRounds} rounds` });
  }
  const buildWeeks = weeks.filter((w) => w.kind === 'build').length;
  if (spec.goal.kind === 'cadence') {
    if (spec.mode !== 'run') problems.push({ field: 'goal', message: 'a cadence goal is for a run plan' });
    if (start.cadenceSpm === null) return [...problems, { field: 'start', message: 'a cadence goal needs the cadence you run at today' }];
    let cadence = start.cadenceSpm;
    for (let w = 0; w < buildWeeks; w += 1) cadence += maxCadenceStepSpm(cadence);
    if (spec.goal.toSpm <= start.cadenceSpm) problems.push({ field: 'goal.toSpm', message: 'the cadence to reach must be above today’s' });
    else if (spec.goal.toSpm > cadence) problems.push({ field: 'goal.toSpm', message: `at most ${cadence} steps/min is reachable by fight night in steps of 2 % a week` });
  } else {
    const goal = spec.goal;
    if (goal.workSec > L.maxWorkSec || goal.restSec < L.minRestSec || goal.rounds > L.maxRounds) problems.push({ field: 'goal.level', message: 'the goal is outside the workout limits' });
    // One step (a round, 5 s of work) must fit inside the weekly band even with one session a week.
    const stepRatio = Math.max((start.rounds + 1) / start.rounds, (start.workSec + STEP.workSec) / start.workSec);
    if (stepRatio > MAX_STEP_RATIO) problems.push({ field: 'start', message: `start must have at least ${MIN_ROUNDS_TO_STEP} rounds of at least ${MIN_WORK_TO_STEP} s so that one step keeps the weekly load in its band` });
    const steps = stepsToGoal(start, spec);
    const needed = steps.workSec + steps.restSec + steps.rounds;
    // A quarter of the build sessions is kept in reserve for the steps the weekly band defers.
    const available = Math.floor((buildWeeks * spec.sessionsPerWeek - 1) * STEP_RESERVE);
    const growth = loadMinOf(goal) / loadMinOf(start);
    const maxGrowth = Math.pow(PLANNED_WEEKLY_GROWTH, buildWeeks - 1);
    if (growth > maxGrowth) problems.push({ field: 'goal.level', message: `the goal asks ${growth.toFixed(2)}× today's work; at most ${maxGrowth.toFixed(2)}× fits before fight night at a safe rate` });
    if (needed === 0) problems.push({ field: 'goal.level', message: 'the goal must be harder than where you start' });
    else if (needed > available) problems.push({ field: 'goal.level', message: `the goal needs ${needed} steps; ${available} build sessions come before fight night` });
  }
  return problems;
}
