/** Plain data of a training plan: the goal, the weeks, each session's targets and why they changed. */
import type { ExerciseEntry } from '../domain/session-record';
import type { WorkoutMode } from '../domain/types';

/** Reps and load to aim for on one exercise, from the person's own last best. */
export interface ExerciseTarget {
  reps?: number;
  loadKg?: number;
}

/**
 * What one session asks for. Work/rest rounds for every mode (for a run: blocks at the cadence with
 * walks between); `cadenceSpm` only for runs.
 */
export interface SessionTargets {
  workSec: number;
  restSec: number;
  rounds: number;
  cadenceSpm: number | null;
  exercises: Record<string, ExerciseTarget>;
}

/** The level of work/rest/rounds (and cadence) the plan builds toward. */
export type TargetLevel = Pick<SessionTargets, 'workSec' | 'restSec' | 'rounds' | 'cadenceSpm'>;

/**
 * A goal: a run cadence to reach (its rounds held steady while the cadence rises), or a circuit
 * level (Rocky's circuit, Drago's lab, HIIT) to get through.
 */
export type PlanGoal = { kind: 'cadence'; toSpm: number } | { kind: 'level'; workSec: number; restSec: number; rounds: number };

export interface PlanSpec {
  mode: WorkoutMode;
  goal: PlanGoal;
  /** First day of the plan, "YYYY-MM-DD". */
  startDate: string;
  /** Fight night: the test session is the last one before or on it, "YYYY-MM-DD". */
  fightNight: string;
  sessionsPerWeek: number;
  /** Where the person starts: today's level and their last bests per exercise. */
  start: SessionTargets;
}

export const WEEK_KINDS = ['build', 'lighter', 'test'] as const;
export type WeekKind = (typeof WEEK_KINDS)[number];

export interface PlanWeek {
  index: number;
  /** Monday of the week, "YYYY-MM-DD". */
  startDate: string;
  kind: WeekKind;
  sessions: number;
}

export const EFFORTS = ['easy', 'moderate', 'hard', 'very_hard'] as const;
export type Effort = (typeof EFFORTS)[number];

/** What the plan reads from one logged session (see session-log.ts for how a SessionRecord becomes one). */
export interface SessionLog {
  status: 'completed' | 'abandoned' | 'missed';
  /** RPE 1–10 asked at the end; null when not given. */
  rpe: number | null;
  workDone: number;
  workSkipped: number;
  workCutShort: number;
  /** The best entry logged per exercise in this session. */
  entries: Record<string, ExerciseEntry>;
  /** Minutes the clock ran (for session-RPE load). */
  activeMin: number;
}

export const DECISIONS = ['progress', 'hold', 'back_off'] as const;
export type Decision = (typeof DECISIONS)[number];

export const CHANGE_FIELDS = ['workSec', 'restSec', 'rounds', 'cadenceSpm', 'reps', 'loadKg'] as const;
export type ChangeField = (typeof CHANGE_FIELDS)[number];

/** One target that changed from the previous session, with the sentence shown on the montage. */
export interface PlanChange {
  field: ChangeField;
  /** Set for reps and loadKg. */
  exercise?: string;
  from: number;
  to: number;
  sentence: string;
}

export interface PrescribedSession {
  week: number;
  indexInWeek: number;
  kind: 'train' | 'test';
  targets: SessionTargets;
  /** Planned training load: minutes of work (see load.ts). */
  loadMin: number;
  decision: Decision;
  /** Why the targets are what they are, in one sentence, even when nothing changed. */
  reason: string;
  changes: PlanChange[];
  log: SessionLog | null;
}
