import { describe, expect, it } from 'vitest';
import { findDraftProblems, formatLength, parseLength } from './interval-draft';

describe('lengths as people write them', () => {
  it('reads m:ss, seconds and tenths; refuses negatives and nonsense', () => {
    expect(parseLength('1:30')).toBe(90_000);
    expect(parseLength('35')).toBe(35_000);
    expect(parseLength('035')).toBe(35_000);
    expect(parseLength('0:39.7')).toBe(39_700);
    expect(parseLength('2,5')).toBe(2_500);
    for (const bad of ['', '-5', '-1:-5', '1:75', 'abc', '1:2:3']) expect(parseLength(bad)).toBeNull();
  });

  it('writes m:ss with at most a tenth, never negative', () => {
    expect(formatLength(39_669)).toBe('0:39.7');
    expect(formatLength(277_000)).toBe('4:37');
    expect(formatLength(-65_000)).toBe('0:00');
    expect(formatLength(59_960)).toBe('1:00');
  });
});

describe('draft problems', () => {
  const row = (durationMs: number | null, exercise = 'Log carry', cue = '') => ({ exercise, cue, durationMs });

  it('puts a coverage problem on the last length, in m:ss', () => {
    expect(findDraftProblems([row(200_000), row(32_000)], 277_000)).toEqual([
      { index: 1, field: 'length', message: 'The intervals end at 3:52 but the track lasts 4:37: 0:45 not covered yet.' },
    ]);
    expect(findDraftProblems([row(200_000), row(80_000)], 277_000)[0]!.message).toContain('0:03 too long');
    expect(findDraftProblems([row(200_000), row(77_000)], 277_000)).toEqual([]);
  });

  it('names each field at fault once', () => {
    const problems = findDraftProblems([row(500, ''), row(null, 'x'.repeat(61), 'y'.repeat(201))], 10_000);
    expect(problems.map((p) => `${p.index}.${p.field}`)).toEqual(['0.exercise', '0.length', '1.exercise', '1.length', '1.cue']);
    expect(problems[2]!.message).toBe('At most 60 characters: 1 too many.');
  });
});
