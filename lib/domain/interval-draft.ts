import { INTERVAL_LIMITS } from './intervals';

/**
 * A length as people write it: "1:30", "0:39.7" or "45" (seconds), to the millisecond.
 * Null for anything else, including negative or empty text.
 */
export function parseLength(text: string): number | null {
  const match = /^\s*(?:(\d{1,3}):)?(\d{1,4}(?:[.,]\d{1,3})?)\s*$/u.exec(text);
  if (!match) return null;
  const minutes = match[1] === undefined ? 0 : Number(match[1]);
  const seconds = Number(match[2]!.replace(',', '.'));
  if (match[1] !== undefined && seconds >= 60) return null;
  return Math.round((minutes * 60 + seconds) * 1000);
}

/** "1:30", or "0:39.7" when not a whole second (tenths, never "39.669"); never negative. */
export function formatLength(ms: number): string {
  const tenths = Math.round(Math.max(0, ms) / 100);
  const minutes = Math.floor(tenths / 600);
  const secondTenths = tenths - minutes * 600;
  const seconds = Math.floor(secondTenths / 10).toString().padStart(2, '0');
  const fraction = secondTenths % 10;
  return `${minutes}:${seconds}${fraction === 0 ? '' : `.${fraction}`}`;
}

export type DraftField = 'exercise' | 'length' | 'cue';

export interface DraftRow {
  exercise: string;
  cue: string;
  /** Null while the length typed cannot be read. */
  durationMs: number | null;
}

export interface DraftProblem {
  index: number;
  field: DraftField;
  message: string;
}

/**
 * What stops a draft of one track's intervals from being saved, each at the field to fix, in
 * the words and units (m:ss) the editor shows: an empty or over-long name or cue, a length that
 * cannot be read or is under the minimum, and intervals that do not add up to the track (told at
 * the last interval's length, with how much to add or take away).
 */
export function findDraftProblems(rows: readonly DraftRow[], trackDurationMs: number): DraftProblem[] {
  const problems: DraftProblem[] = [];
  rows.forEach((row, index) => {
    if (row.exercise.trim() === '') problems.push({ index, field: 'exercise', message: 'Name the exercise.' });
    else if (row.exercise.length > INTERVAL_LIMITS.exerciseMaxLength)
      problems.push({ index, field: 'exercise', message: `At most ${INTERVAL_LIMITS.exerciseMaxLength} characters: ${row.exercise.length - INTERVAL_LIMITS.exerciseMaxLength} too many.` });
    if (row.durationMs === null) problems.push({ index, field: 'length', message: 'Write the length as m:ss, e.g. 1:30.' });
    else if (row.durationMs < INTERVAL_LIMITS.minDurationMs) problems.push({ index, field: 'length', message: `At least ${formatLength(INTERVAL_LIMITS.minDurationMs)}.` });
    if (row.cue.length > INTERVAL_LIMITS.cueMaxLength)
      problems.push({ index, field: 'cue', message: `At most ${INTERVAL_LIMITS.cueMaxLength} characters: ${row.cue.length - INTERVAL_LIMITS.cueMaxLength} too many.` });
  });
  if (rows.length > 0 && rows.every((row) => row.durationMs !== null)) {
    const totalMs = rows.reduce((sum, row) => sum + row.durationMs!, 0);
    if (totalMs !== trackDurationMs) {
      const by = formatLength(Math.abs(trackDurationMs - totalMs));
      problems.push({
        index: rows.length - 1,
        field: 'length',
        message: `The intervals end at ${formatLength(totalMs)} but the track lasts ${formatLength(trackDurationMs)}: ${totalMs < trackDurationMs ? `${by} not covered yet` : `${by} too long`}.`,
      });
    }
  }
  return problems;
}
