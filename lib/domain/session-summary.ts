import type { SessionRecord } from './session-record';
import { formatCountdown } from './timeline';

/**
 * The finished screen's line about the session just recorded, in a person's words: how many work
 * intervals were done in full (of how many), the active time, and the pauses, e.g.
 * "12 of 14 work intervals done · 19:40 active · 1 pause". Rests are left out of the count.
 */
export function summariseSession(record: Pick<SessionRecord, 'intervals' | 'activeMs' | 'pauseCount'>): string {
  const work = record.intervals.filter((i) => i.kind === 'work');
  const done = work.filter((i) => i.status === 'done').length;
  const pauses = record.pauseCount === 0 ? 'no pause' : record.pauseCount === 1 ? '1 pause' : `${record.pauseCount} pauses`;
  return `${done} of ${work.length} work intervals done · ${formatCountdown(record.activeMs)} active · ${pauses}`;
}
