import { describe, expect, it } from 'vitest';
import type { IntervalRecord } from './session-record';
import { summariseSession } from './session-summary';

const interval = (kind: 'work' | 'rest', status: IntervalRecord['status']): IntervalRecord => ({
  position: 0,
  entryIndex: 0,
  trackTitle: 'War',
  kind,
  exercise: kind === 'rest' ? 'Rest' : 'Sled pull',
  intensity: kind === 'rest' ? 'rest' : 'hard',
  plannedMs: 30_000,
  activeMs: 30_000,
  status,
});

describe('the finished screen’s summary', () => {
  it('counts work intervals done in full of all work intervals, with the active time and the pauses', () => {
    const intervals = [interval('work', 'done'), interval('rest', 'done'), interval('work', 'cut_short'), interval('rest', 'skipped'), interval('work', 'done')];
    expect(summariseSession({ intervals, activeMs: 1_180_000, pauseCount: 1 })).toBe('2 of 3 work intervals done · 19:40 active · 1 pause');
    expect(summariseSession({ intervals, activeMs: 59_000, pauseCount: 0 })).toBe('2 of 3 work intervals done · 0:59 active · no pause');
    expect(summariseSession({ intervals: [interval('work', 'skipped')], activeMs: 0, pauseCount: 3 })).toBe('0 of 1 work intervals done · 0:00 active · 3 pauses');
  });
});
