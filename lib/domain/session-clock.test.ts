import { describe, expect, it } from 'vitest';
import { observe, startSession, type RecorderState } from './session-record';
import type { TimelineStep } from './timeline';

function step(startMs: number, endMs: number, exercise: string, kind: 'work' | 'rest' = 'work'): TimelineStep {
  return { startMs, endMs, entryIndex: 0, trackTitle: 'War', trackArtist: 'Vince DiCola', kind, exercise, intensity: kind === 'rest' ? 'rest' : 'hard', cue: '' };
}
const steps = [step(0, 30_000, 'Sled pull'), step(30_000, 45_000, 'Rest', 'rest'), step(45_000, 75_000, 'Log carry'), step(75_000, 90_000, 'Rest', 'rest')];
const montage = { id: null, name: 'Rocky circuit', mode: 'circuit', version: 3 };
const T0 = Date.parse('2026-11-29T06:00:00Z');
const start = () => startSession({ id: 'clock', montage, steps, nowMs: T0, elapsedMs: 0 });
const at = (state: RecorderState, wallMs: number, elapsedMs: number, isRunning = true) => observe(state, steps, { nowMs: T0 + wallMs, elapsedMs, isRunning });
const active = (state: RecorderState, position: number) => state.record.intervals.find((i) => i.position === position)?.activeMs;

describe('the session as the clock moves', () => {
  it('plans the whole montage, and records nothing for a clock already at the end', () => {
    expect(start().record.plannedMs).toBe(90_000);
    expect(startSession({ id: 'late', montage, steps, nowMs: T0, elapsedMs: 90_000 }).record.intervals).toEqual([]);
  });

  it('a look at a clock that did not move changes nothing (nothing new to send)', () => {
    const ten = at(start(), 10_000, 10_000);
    expect(at(ten, 10_000, 10_000)).toBe(ten);
  });

  it('a finished session is final', () => {
    const done = at(start(), 90_000, 90_000);
    expect(done.record.status).toBe('completed');
    expect(at(done, 95_000, 10_000)).toBe(done);
  });

  it('"Next" credits the interval left only with the time really spent in it, and the ones jumped over are skipped', () => {
    let state = at(start(), 10_000, 10_000);
    state = at(state, 10_100, 45_000);
    expect(active(state, 0)).toBe(10_100);
    expect(active(state, 2)).toBe(0);
    state = at(state, 40_100, 75_000);
    state = at(state, 55_100, 90_000);
    expect(state.record.intervals.map((i) => i.status)).toEqual(['cut_short', 'skipped', 'done', 'done']);
  });

  it('"Previous" credits nothing more to the interval left', () => {
    let state = at(start(), 20_000, 20_000);
    state = at(state, 20_100, 0);
    expect(active(state, 0)).toBe(20_000);
  });

  it('a clock running up to a second ahead of the wall is still training; more is a jump', () => {
    const flowed = at(start(), 100, 1_100);
    expect(active(flowed, 0)).toBe(1_100);
    const jumped = at(start(), 100, 1_101);
    expect(active(jumped, 0)).toBe(100);
  });

  it('while paused the session does not run on: its end stays at the pause, and the pause is timed on resuming', () => {
    let state = at(start(), 10_000, 10_000);
    state = at(state, 10_000, 10_000, false);
    expect(state.record.pauseCount).toBe(1);
    state = at(state, 60_000, 10_000, false);
    expect(Date.parse(state.record.endedAt) - T0).toBe(10_000);
    state = at(state, 70_000, 10_000, true);
    expect(state.record.pausedMs).toBe(60_000);
    expect(Date.parse(state.record.endedAt) - T0).toBe(70_000);
    expect(state.record.activeMs).toBe(10_000);
  });
});
