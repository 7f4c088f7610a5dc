import { describe, expect, it } from 'vitest';
import { findCoverageProblems, layEndToEnd } from './intervals';

describe('findCoverageProblems', () => {
  it('accepts intervals that cover the track end to end', () => {
    expect(findCoverageProblems([{ offsetMs: 0, durationMs: 200_000 }, { offsetMs: 200_000, durationMs: 31_000 }], 231_000)).toEqual([]);
  });

  it('names a gap and its size', () => {
    const problems = findCoverageProblems([{ offsetMs: 0, durationMs: 100_000 }, { offsetMs: 101_000, durationMs: 130_000 }], 231_000);
    expect(problems).toEqual([{ index: 1, field: 'offsetMs', message: expect.stringContaining('a gap of 1000 ms') }]);
  });

  it('names an overlap', () => {
    const problems = findCoverageProblems([{ offsetMs: 0, durationMs: 100_000 }, { offsetMs: 99_000, durationMs: 132_000 }], 231_000);
    expect(problems[0]).toMatchObject({ index: 1, field: 'offsetMs', message: expect.stringContaining('an overlap of 1000 ms') });
  });

  it('refuses a plan that stops short of the end or starts late', () => {
    expect(findCoverageProblems([{ offsetMs: 0, durationMs: 200_000 }], 231_000)[0]).toMatchObject({ field: 'intervals', index: null });
    expect(findCoverageProblems([{ offsetMs: 5_000, durationMs: 226_000 }], 231_000)[0]).toMatchObject({ index: 0, field: 'offsetMs' });
  });

  it('refuses durations under a second and an empty plan', () => {
    const problems = findCoverageProblems([{ offsetMs: 0, durationMs: 500 }, { offsetMs: 500, durationMs: 230_500 }], 231_000);
    expect(problems).toEqual([{ index: 0, field: 'durationMs', message: expect.stringContaining('at least 1 s') }]);
    expect(findCoverageProblems([], 231_000)).toHaveLength(1);
  });
});

it('lays durations end to end from zero', () => {
  expect(layEndToEnd([{ durationMs: 10 }, { durationMs: 20 }, { durationMs: 5 }]).map((i) => i.offsetMs)).toEqual([0, 10, 30]);
});
