import { decideAfter, type DecisionWithReason } from './decide';
import { nextExerciseTargets } from './exercise-targets';
import { layoutWeeks } from './layout';
import { backOffLevel, nextCadenceSpm, progressLevel } from './level-step';
import { fitLevelToWeek, lighterLevel, loadMinOf, type WeekLoadContext } from './load';
import { LOAD_BAND } from './rules';
import { changeSentence } from './sentences';
import type { PlanChange, PlanSpec, PlanWeek, PrescribedSession, SessionLog, SessionTargets, TargetLevel } from './types';

/** A plan under way: its weeks, the level it builds on, and every session so far (the last one is next, unless the plan is over). */
export interface PlanState {
  spec: PlanSpec;
  weeks: PlanWeek[];
  level: TargetLevel;
  sessions: PrescribedSession[];
  missedInRow: number;
}

const BAND_BECAUSE = `that keeps this week's load within ${LOAD_BAND.min}–${LOAD_BAND.max}× last week's, where injury risk is lowest`;
const LIGHTER_BECAUSE = 'a lighter week lets the body absorb the training';
const AFTER_LIGHTER_BECAUSE = 'the lighter week is over';
const BAND_EASED = `eased to keep this week's load within ${LOAD_BAND.min}–${LOAD_BAND.max}× last week's`;
const BAND_ROOM_BECAUSE = "this week's load leaves room for your level again";
/** How far from the intended level the weekly fit may look (work seconds, rounds). */
const FIT_REACH = { workSec: 30, rounds: 3 } as const;

function levelOf(t: TargetLevel): TargetLevel {
  return { workSec: t.workSec, restSec: t.restSec, rounds: t.rounds, cadenceSpm: t.cadenceSpm };
}

/** Sessions in the whole plan: every week has `sessionsPerWeek`; the very last is the test. */
export function slotCount(state: Pick<PlanState, 'weeks' | 'spec'>): number {
  return state.weeks.length * state.spec.sessionsPerWeek;
}

function weekContext(state: PlanState, slot: number): WeekLoadContext {
  const perWeek = state.spec.sessionsPerWeek;
  const week = Math.floor(slot / perWeek);
  const loadOf = (w: number) => state.sessions.filter((s) => s.week === w).reduce((sum, s) => sum + s.loadMin, 0);
  return {
    previousWeekMin: week === 0 ? null : loadOf(week - 1),
    earlierThisWeekMin: state.sessions.filter((s, i) => s.week === week && i < slot).reduce((sum, s) => sum + s.loadMin, 0),
    sessionsLeft: perWeek - (slot % perWeek),
    sessionsPerWeek: perWeek,
    isLighterWeek: state.weeks[week]?.kind === 'lighter',
  };
}

/** Starts a plan at the person's own level (assumes planProblems(spec) is empty). */
export function startPlan(spec: PlanSpec): PlanState {
  const weeks = layoutWeeks(spec);
  const level = levelOf(spec.start);
  const targets: SessionTargets = { ...level, exercises: { ...spec.start.exercises } };
  const first: PrescribedSession = {
    week: 0,
    indexInWeek: 0,
    kind: weeks.length * spec.sessionsPerWeek === 1 ? 'test' : 'train',
    targets,
    loadMin: loadMinOf(targets),
    decision: 'hold',
    reason: 'Where you start: your own level today.',
    changes: [],
    log: null,
  };
  return { spec, weeks, level, sessions: [first], missedInRow: 0 };
}

/** The session to do next; null once the test session is logged. */
export function nextSession(state: PlanState): PrescribedSession | null {
  const last = state.sessions.at(-1);
  return last && last.log === null ? last : null;
}

function decisionFor(log: SessionLog, state: PlanState, week: PlanWeek): DecisionWithReason {
  const rule = decideAfter(log, state.missedInRow, state.spec.sessionsPerWeek);
  if (rule.decision !== 'progress' || week.kind === 'build') return rule;
  const why = week.kind === 'lighter' ? 'this is a lighter week' : 'fight-night week holds the level for the test';
  return { decision: 'hold', because: `${rule.because}, but ${why}` };
}

/**
 * Records the log of the session due and prescribes the next one by the rules (decideAfter), its
 * load fitted to the week (fitLevelToWeek), each changed target with its sentence. A missed session
 * is logged as missed: the next one takes its place, nothing is added.
 */
export function recordSession(state: PlanState, log: SessionLog): PlanState {
  const current = nextSession(state);
  if (!current) return state;
  const slot = state.sessions.length - 1;
  const sessions = [...state.sessions.slice(0, -1), { ...current, log }];
  const missedInRow = log.status === 'missed' ? state.missedInRow + 1 : 0;
  const after: PlanState = { ...state, sessions, missedInRow };
  const nextSlot = slot + 1;
  if (nextSlot >= slotCount(state)) return after;

  const perWeek = state.spec.sessionsPerWeek;
  const week = state.weeks[Math.floor(nextSlot / perWeek)]!;
  const { decision, because } = decisionFor(log, after, week);
  const previous = current.targets;

  let stepped = state.level;
  if (decision === 'progress') {
    const buildSlotsLeft = state.weeks.filter((w) => w.kind === 'build' && w.index >= week.index).length * perWeek - (nextSlot % perWeek);
    stepped = progressLevel(state.level, state.spec, buildSlotsLeft);
    const hasCadenceStepThisWeek = sessions.some((s) => s.week === week.index && s.changes.some((c) => c.field === 'cadenceSpm'));
    if (!hasCadenceStepThisWeek) {
      const buildWeeksLeft = state.weeks.filter((w) => w.kind === 'build' && w.index >= week.index).length;
      stepped = { ...stepped, cadenceSpm: nextCadenceSpm(stepped.cadenceSpm, state.spec, buildWeeksLeft) };
    }
  } else if (decision === 'back_off') {
    stepped = backOffLevel(state.level, state.spec.start);
  }
  const isDown = decision === 'back_off';
  const full = week.kind === 'lighter' ? lighterLevel(stepped) : stepped;
  // Backing off never asks for more than the last session did, even coming out of a lighter week.
  const base = isDown ? { ...full, workSec: Math.min(full.workSec, previous.workSec), rounds: Math.min(full.rounds, previous.rounds) } : full;
  const pickEach = (f: (a: number, b: number) => number): TargetLevel => ({ ...base, workSec: f(previous.workSec, base.workSec), rounds: f(previous.rounds, base.rounds) });
  // Backing off may be eased (up to the last session's targets) when the week's band needs it, never more.
  const ceiling = isDown ? { ...base, workSec: previous.workSec, rounds: previous.rounds } : pickEach(Math.max);
  // The fit looks a few steps around the intended level, never past the rule's direction.
  const floor = { ...base, workSec: Math.min(ceiling.workSec, base.workSec - FIT_REACH.workSec), rounds: Math.min(ceiling.rounds, base.rounds - FIT_REACH.rounds) };
  const fitted = fitLevelToWeek(base, floor, ceiling, weekContext(after, nextSlot));

  const targets: SessionTargets = { ...fitted, exercises: nextExerciseTargets(previous.exercises, log, decision) };
  const previousWeek = state.weeks[current.week]!;
  /** The reason a level field changed: the band's fit, the lighter week, the rule, or coming back to the level. */
  const whyChanged = (field: 'workSec' | 'restSec' | 'rounds' | 'cadenceSpm'): string => {
    if (fitted[field] !== base[field]) return decision === 'hold' ? BAND_BECAUSE : `${because} (${BAND_EASED})`;
    if (full[field] !== stepped[field]) return LIGHTER_BECAUSE;
    const returnWhy = week.kind === 'lighter' ? LIGHTER_BECAUSE : previousWeek.kind === 'lighter' && week.index !== previousWeek.index ? AFTER_LIGHTER_BECAUSE : BAND_ROOM_BECAUSE;
    if (stepped[field] === state.level[field]) return returnWhy;
    return previous[field] === state.level[field] ? because : `${because}, and ${returnWhy}`;
  };
  const changes: PlanChange[] = [];
  for (const field of ['workSec', 'restSec', 'rounds', 'cadenceSpm'] as const) {
    const from = previous[field];
    const to = targets[field];
    if (from === null || to === null || from === to) continue;
    const why = whyChanged(field);
    changes.push({ field, from, to, sentence: changeSentence({ field, from, to }, why) });
  }
  for (const [exercise, target] of Object.entries(targets.exercises)) {
    for (const field of ['reps', 'loadKg'] as const) {
      const from = previous.exercises[exercise]?.[field];
      const to = target[field];
      if (from === undefined || to === undefined || from === to) continue;
      changes.push({ field, exercise, from, to, sentence: changeSentence({ field, exercise, from, to }, because) });
    }
  }
  const label = decision === 'progress' ? 'Progress' : decision === 'hold' ? 'Hold' : 'Back off';
  const next: PrescribedSession = {
    week: week.index,
    indexInWeek: nextSlot % perWeek,
    kind: nextSlot === slotCount(state) - 1 ? 'test' : 'train',
    targets,
    loadMin: loadMinOf(targets),
    decision,
    reason: `${label}: ${because}.`,
    changes,
    log: null,
  };
  const level = week.kind === 'lighter' ? stepped : levelOf(fitted);
  return { ...after, level, sessions: [...sessions, next] };
}

/** Planned load per week (minutes of work), oldest first, for the weeks prescribed so far. */
export function weeklyLoadMin(state: PlanState): number[] {
  const loads: number[] = [];
  for (const s of state.sessions) loads[s.week] = (loads[s.week] ?? 0) + s.loadMin;
  return loads;
}

/** The goal is reached when the test session was finished at the goal's targets. */
export function isGoalReached(state: PlanState): boolean {
  const test = state.sessions.at(-1);
  if (!test || test.kind !== 'test' || !test.log || test.log.status !== 'completed') return false;
  const t = test.targets;
  const goal = state.spec.goal;
  if (goal.kind === 'cadence') return t.cadenceSpm !== null && t.cadenceSpm >= goal.toSpm;
  return t.workSec >= goal.workSec && t.restSec <= goal.restSec && t.rounds >= goal.rounds;
}
