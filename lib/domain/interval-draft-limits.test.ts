import { describe, expect, it } from 'vitest';
import { findDraftProblems, parseLength } from './interval-draft';

describe('lengths typed in the interval editor', () => {
  it('reads minutes of up to three digits and seconds to the millisecond', () => {
    expect(parseLength('12:30')).toBe(750_000);
    expect(parseLength('120:00')).toBe(7_200_000);
    expect(parseLength('0:39.75')).toBe(39_750);
    expect(parseLength('39,125')).toBe(39_125);
  });

  it('takes 60 seconds or more only without minutes', () => {
    expect(parseLength('90')).toBe(90_000);
    expect(parseLength('1:59.9')).toBe(119_900);
    expect(parseLength('1:60')).toBeNull();
  });
});

describe('what stops a draft from being saved, at the limits', () => {
  const row = (durationMs: number | null, exercise = 'Log carry', cue = '') => ({ exercise, cue, durationMs });

  it('a name of spaces is no name; 60 characters and a 200-character cue are fine, one more is told by how many', () => {
    expect(findDraftProblems([row(10_000, '   ')], 10_000)).toEqual([{ index: 0, field: 'exercise', message: 'Name the exercise.' }]);
    expect(findDraftProblems([row(10_000, 'x'.repeat(60), 'y'.repeat(200))], 10_000)).toEqual([]);
    expect(findDraftProblems([row(10_000, 'Log carry', 'y'.repeat(203))], 10_000)).toEqual([{ index: 0, field: 'cue', message: 'At most 200 characters: 3 too many.' }]);
  });

  it('a length of exactly one second is fine, under it is told the minimum; an unreadable one says how to write it', () => {
    expect(findDraftProblems([row(9_000), row(1_000)], 10_000)).toEqual([]);
    expect(findDraftProblems([row(9_001), row(999)], 10_000)).toEqual([{ index: 1, field: 'length', message: 'At least 0:01.' }]);
    expect(findDraftProblems([row(null)], 10_000)).toEqual([{ index: 0, field: 'length', message: 'Write the length as m:ss, e.g. 1:30.' }]);
  });

  it('no rows at all is not told as a coverage problem here', () => {
    expect(findDraftProblems([], 10_000)).toEqual([]);
  });
});
