import { describe, expect, it } from 'vitest';
import { logEntry, observe, startSession, type RecorderState } from './session-record';
import type { TimelineStep } from './timeline';

function step(startMs: number, endMs: number, exercise: string, kind: 'work' | 'rest' = 'work'): TimelineStep {
  return { startMs, endMs, entryIndex: 0, trackTitle: 'War', trackArtist: 'Vince DiCola', kind, exercise, intensity: kind === 'rest' ? 'rest' : 'hard', cue: '' };
}
const steps = [step(0, 30_000, 'Sled pull'), step(30_000, 45_000, 'Rest', 'rest'), step(45_000, 75_000, 'Log carry'), step(75_000, 90_000, 'Rest', 'rest')];
const montage = { id: null, name: 'Rocky circuit', mode: 'circuit', version: 3 };
const T0 = Date.parse('2026-11-29T06:00:00Z');

/** Runs the clock from `fromMs` to `toMs` in ticks of 100 ms of wall time. */
function run(state: RecorderState, fromWall: number, fromMs: number, toMs: number): { state: RecorderState; wall: number } {
  let wall = fromWall;
  for (let ms = fromMs + 100; ms <= toMs; ms += 100) {
    wall += 100;
    state = observe(state, steps, { nowMs: wall, elapsedMs: ms, isRunning: true });
  }
  return { state, wall };
}

describe('recording a session', () => {
  it('a workout followed to the end is completed with every interval done and its active time', () => {
    const start = startSession({ id: 'a', montage, steps, nowMs: T0, elapsedMs: 0 });
    const { state } = run(start, T0, 0, 90_000);
    expect(state.record.status).toBe('completed');
    expect(state.record.intervals.map((i) => i.status)).toEqual(['done', 'done', 'done', 'done']);
    expect(state.record.activeMs).toBe(90_000);
    expect(state.record.intervals.map((i) => i.activeMs)).toEqual([30_000, 15_000, 30_000, 15_000]);
    expect(Date.parse(state.record.endedAt) - Date.parse(state.record.startedAt)).toBe(90_000);
  });

  it('reaching the end stops the clock without counting a pause: the page stops its clock there, the person did not pause (issue 32, item 14)', () => {
    let { state, wall } = run(startSession({ id: 'end', montage, steps, nowMs: T0, elapsedMs: 0 }), T0, 0, 89_900);
    expect(state.record.status).toBe('abandoned');
    // The last tick: the clock reaches the end and the page stops it in the same look.
    state = observe(state, steps, { nowMs: (wall += 100), elapsedMs: 90_000, isRunning: false });
    // Later looks at the stopped clock (the page still shown) change nothing.
    state = observe(state, steps, { nowMs: (wall += 30_000), elapsedMs: 90_000, isRunning: false });
    expect(state.record).toMatchObject({ status: 'completed', pauseCount: 0, pausedMs: 0, activeMs: 90_000 });
    expect(state.record.intervals.map((i) => i.status)).toEqual(['done', 'done', 'done', 'done']);
  });

  it('"Next" early cuts an interval short, straight past it skips it, and a pause is counted and timed', () => {
    let state = startSession({ id: 'b', montage, steps, nowMs: T0, elapsedMs: 0 });
    let wall = T0;
    ({ state, wall } = run(state, wall, 0, 10_000));
    // Next: the clock jumps to the rest.
    state = observe(state, steps, { nowMs: (wall += 50), elapsedMs: 30_000, isRunning: true });
    // Next again at once: the rest is skipped.
    state = observe(state, steps, { nowMs: (wall += 50), elapsedMs: 45_000, isRunning: true });
    ({ state, wall } = run(state, wall, 45_000, 50_000));
    state = observe(state, steps, { nowMs: (wall += 100), elapsedMs: 50_000, isRunning: false });
    state = observe(state, steps, { nowMs: (wall += 60_000), elapsedMs: 50_000, isRunning: true });
    ({ state, wall } = run(state, wall, 50_000, 90_000));
    const [sled, rest, log] = state.record.intervals;
    expect(sled!.status).toBe('cut_short');
    expect(rest!.status).toBe('skipped');
    expect(log!.status).toBe('done');
    expect(state.record.pauseCount).toBe(1);
    expect(state.record.pausedMs).toBe(60_000);
    expect(state.record.status).toBe('completed');
  });

  it('a session left halfway is abandoned, keeps what was done, and records no interval it never reached', () => {
    const { state } = run(startSession({ id: 'c', montage, steps, nowMs: T0, elapsedMs: 0 }), T0, 0, 40_000);
    expect(state.record.status).toBe('abandoned');
    expect(state.record.intervals.map((i) => [i.exercise, i.status])).toEqual([
      ['Sled pull', 'done'],
      ['Rest', 'cut_short'],
    ]);
    expect(state.record.activeMs).toBe(40_000);
  });

  it('each change raises the revision, and a logged entry is kept with its interval', () => {
    const { state } = run(startSession({ id: 'd', montage, steps, nowMs: T0, elapsedMs: 0 }), T0, 0, 31_000);
    const logged = logEntry(state, 0, { reps: 12, loadKg: 40 });
    expect(logged.record.revision).toBeGreaterThan(state.record.revision);
    expect(logged.record.intervals[0]!.entry).toEqual({ reps: 12, loadKg: 40 });
    expect(logEntry(logged, 0, {}).record.intervals[0]!.entry).toBeUndefined();
  });
});

describe('what the recorder keeps between two looks at the clock', () => {
  it('each look that changes something raises the revision by one; a look that changes nothing returns the same state', () => {
    const start = startSession({ id: 'e', montage, steps, nowMs: T0, elapsedMs: 0 });
    const once = observe(start, steps, { nowMs: T0 + 100, elapsedMs: 100, isRunning: true });
    const twice = observe(once, steps, { nowMs: T0 + 200, elapsedMs: 200, isRunning: true });
    expect([start.record.revision, once.record.revision, twice.record.revision]).toEqual([0, 1, 2]);
    expect(observe(twice, steps, { nowMs: T0 + 200, elapsedMs: 200, isRunning: true })).toBe(twice);
  });

  it('a seek back within an interval at the same instant is followed: the time trained after it is credited', () => {
    const { state: ran, wall } = run(startSession({ id: 'f', montage, steps, nowMs: T0, elapsedMs: 0 }), T0, 0, 20_000);
    const sought = observe(ran, steps, { nowMs: wall, elapsedMs: 5_000, isRunning: true });
    const { state } = run(sought, wall, 5_000, 15_000);
    expect(state.record.intervals[0]!.activeMs).toBe(30_000);
  });

  it('a clock that stands still while playing (the player buffering) is still active time, and the session runs until now', () => {
    let { state, wall } = run(startSession({ id: 'g', montage, steps, nowMs: T0, elapsedMs: 0 }), T0, 0, 10_000);
    state = observe(state, steps, { nowMs: (wall += 5_000), elapsedMs: 10_000, isRunning: true });
    expect(state.record.activeMs).toBe(15_000);
    expect(state.record.endedAt).toBe(new Date(T0 + 15_000).toISOString());
  });

  it('a jump credits the wall time spent before it to the interval it left', () => {
    let { state, wall } = run(startSession({ id: 'h', montage, steps, nowMs: T0, elapsedMs: 0 }), T0, 0, 50_000);
    // Three seconds later "Next" sends the clock from the log carry (53 s) to the last rest.
    state = observe(state, steps, { nowMs: (wall += 3_000), elapsedMs: 75_000, isRunning: true });
    expect(state.record.intervals.map((i) => [i.exercise, i.activeMs])).toEqual([
      ['Sled pull', 30_000],
      ['Rest', 15_000],
      ['Log carry', 8_000],
      ['Rest', 0],
    ]);
  });

  it('a session opened at its very end and sent back to the start records the first interval', () => {
    let state = startSession({ id: 'i', montage, steps, nowMs: T0, elapsedMs: 90_000 });
    expect(state.record.intervals).toEqual([]);
    state = observe(state, steps, { nowMs: T0 + 1_000, elapsedMs: 0, isRunning: true });
    expect(state.record.intervals.map((i) => [i.exercise, i.activeMs])).toEqual([['Sled pull', 0]]);
  });
});
