import type { ExerciseEntry, SessionRecord } from '../domain/session-record';
import { FINISHED_MAX_MISSED_WORK, RPE } from './rules';
import type { Effort, SessionLog } from './types';

/** What the plan reads from a recorded session and the effort rating (RPE 1–10) asked at its end. */
export function sessionLogOf(record: SessionRecord, rpe: number | null): SessionLog {
  const work = record.intervals.filter((i) => i.kind === 'work');
  const entries: Record<string, ExerciseEntry> = {};
  for (const interval of work) {
    if (!interval.entry) continue;
    const kept = entries[interval.exercise];
    entries[interval.exercise] = kept ? bestOf(kept, interval.entry) : { ...interval.entry };
  }
  return {
    status: record.status,
    rpe,
    workDone: work.filter((i) => i.status === 'done').length,
    workSkipped: work.filter((i) => i.status === 'skipped').length,
    workCutShort: work.filter((i) => i.status === 'cut_short').length,
    entries,
    activeMin: record.activeMs / 60_000,
  };
}

function bestOf(a: ExerciseEntry, b: ExerciseEntry): ExerciseEntry {
  const max = (x?: number, y?: number) => (x === undefined ? y : y === undefined ? x : Math.max(x, y));
  const best: ExerciseEntry = {};
  const reps = max(a.reps, b.reps);
  const loadKg = max(a.loadKg, b.loadKg);
  if (reps !== undefined) best.reps = reps;
  if (loadKg !== undefined) best.loadKg = loadKg;
  return best;
}

/** The effort band of an RPE on Borg's CR-10 scale (see RPE in rules.ts); null when not rated. */
export function effortOf(rpe: number | null): Effort | null {
  if (rpe === null) return null;
  if (rpe <= RPE.easyMax) return 'easy';
  if (rpe <= RPE.moderateMax) return 'moderate';
  if (rpe <= RPE.hardMax) return 'hard';
  return 'very_hard';
}

/** Completed, with at most FINISHED_MAX_MISSED_WORK work intervals skipped or cut short. */
export function isFinished(log: SessionLog): boolean {
  return log.status === 'completed' && log.workSkipped + log.workCutShort <= FINISHED_MAX_MISSED_WORK;
}

/** Session-RPE training load (Foster 2001): effort × minutes; a missed or unrated session has none. */
export function sessionRpeLoad(log: SessionLog): number {
  return log.rpe === null || log.status === 'missed' ? 0 : log.rpe * log.activeMin;
}
