import { effortOf, isFinished } from './session-log';
import { DETRAINING_AFTER_WEEKS_MISSED } from './rules';
import type { Decision, SessionLog } from './types';

export interface DecisionWithReason {
  decision: Decision;
  /** Why, as the second half of a sentence ("the last session was finished at effort 6"). */
  because: string;
}

/**
 * The rule for the session after `log`:
 * - missed: hold (missed sessions are not made up: the plan moves on, nothing piles up); a whole
 *   week missed in a row backs off one step (once per week missed);
 * - abandoned, or rated very hard (RPE 9–10): back off;
 * - finished (see isFinished) at easy or moderate effort (RPE ≤ 7): progress;
 * - hard (RPE 8), not rated, or too many work intervals skipped or cut short: hold.
 * `missedInRow` counts this log too when it is a miss.
 */
export function decideAfter(log: SessionLog, missedInRow: number, sessionsPerWeek: number): DecisionWithReason {
  if (log.status === 'missed') {
    if (missedInRow % (DETRAINING_AFTER_WEEKS_MISSED * sessionsPerWeek) === 0) {
      return { decision: 'back_off', because: `${missedInRow} sessions in a row were missed, so the plan eases back in instead of making them up` };
    }
    return { decision: 'hold', because: 'the last session was missed; it is not made up, the plan moves on' };
  }
  const effort = effortOf(log.rpe);
  if (log.status === 'abandoned') return { decision: 'back_off', because: 'the last session was stopped before the end' };
  if (effort === 'very_hard') return { decision: 'back_off', because: `the last session was very hard (effort ${log.rpe})` };
  if (!isFinished(log)) {
    const missed = log.workSkipped + log.workCutShort;
    return { decision: 'hold', because: `${missed} work intervals were skipped or cut short last time` };
  }
  if (effort === null) return { decision: 'hold', because: 'the last session was finished but not rated' };
  if (effort === 'hard') return { decision: 'hold', because: `the last session was hard (effort ${log.rpe})` };
  return { decision: 'progress', because: `the last session was finished at effort ${log.rpe}` };
}
