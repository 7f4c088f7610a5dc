import { describe, expect, it } from 'vitest';
import { barMs, bestMultiplier, effectiveTempo, formatDuration } from './tempo';

describe('tempo', () => {
  it('counts half/double time: a 90 BPM song fits 180 steps/min', () => {
    expect(bestMultiplier(90, 180)).toBe(2);
    expect(effectiveTempo(90, bestMultiplier(90, 180))).toBe(180);
  });
  it('halves a fast track for a slow target and keeps 1× when it is closest', () => {
    expect(bestMultiplier(200, 100)).toBe(0.5);
    expect(bestMultiplier(126.2, 130)).toBe(1);
  });
  it('gives the length of a 4/4 bar', () => {
    expect(barMs(120)).toBe(2000);
    expect(barMs(98.1, 3)).toBeCloseTo(1834.86, 1);
  });
  it('formats durations as m:ss', () => {
    expect(formatDuration(231_000)).toBe('3:51');
    expect(formatDuration(59_999)).toBe('0:59');
  });
});
