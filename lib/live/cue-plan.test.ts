import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TimelineStep } from '../domain/timeline';
import { planCues, reconcileCues, type PlannedCue, type PlanOptions } from './cue-plan';
import { createSessionTimeline, replayEvents, type LeaderAction, type SessionTimeline } from './session-timeline';

function step(startMs: number, endMs: number, exercise: string, kind: 'work' | 'rest' = 'work', cue = ''): TimelineStep {
  return { startMs, endMs, entryIndex: 0, trackTitle: 'Training Montage', trackArtist: 'Vince DiCola', kind, exercise, intensity: kind === 'rest' ? 'rest' : 'hard', cue };
}
const steps = [step(0, 20_000, 'Log carry', 'work', 'Shoulder it.'), step(20_000, 30_000, 'Rest', 'rest'), step(30_000, 100_000, 'Sled pull'), step(100_000, 110_000, 'Rest', 'rest')];
const T = Date.parse('2026-12-08T06:00:00Z');
const LEAD_MS = 400;

function session(...actions: [LeaderAction, number][]): SessionTimeline {
  const result = replayEvents(
    createSessionTimeline({ steps, leaderId: 'rocky', actionLeadMs: LEAD_MS }),
    actions.map(([action, atMs]) => ({ action, byParticipantId: 'rocky', atServerMs: T + atMs })),
  );
  if (!result.ok) throw new Error(result.code);
  return result.timeline;
}
/** A phone whose clock reads `offsetMs` behind the server's (estimated exactly), its audio clock started 2 s after boot. */
const phone = (offsetMs: number, atServerMs: number, horizonMs = 10_000): PlanOptions => ({
  nowDeviceMs: atServerMs - offsetMs,
  offsetMs,
  audioClock: { audioTimeS: 0, deviceMs: T - offsetMs - 2000 },
  horizonMs,
});
const ids = (cues: readonly PlannedCue[]) => cues.map((cue) => cue.id);
// Started with a 5 s countdown: the clock reads 0 at T + 5 s.
const started = session([{ type: 'start', startAtServerMs: T + 5000 }, 0]);

describe('the cues a device schedules ahead', () => {
  it('counts down to the start and says the first exercise at it, on the device clock and its audio clock', () => {
    const cues = planCues(started, phone(1234, T));
    expect(cues.map((cue) => [cue.kind, cue.atServerMs - T])).toEqual([
      ['count', 2000],
      ['count', 3000],
      ['count', 4000],
      ['start', 5000],
    ]);
    const go = cues[3]!;
    expect(go.spoken).toBe('Log carry. Shoulder it. Next: Rest.');
    expect(go.atDeviceMs).toBe(T + 5000 - 1234);
    expect(go.atAudioTimeS).toBeCloseTo(7, 9);
  });

  it('every phone puts the same cue at the same true moment, whatever its clock reads', () => {
    fc.assert(
      fc.property(fc.integer({ min: -3_600_000, max: 3_600_000 }), fc.integer({ min: -3_600_000, max: 3_600_000 }), fc.integer({ min: 0, max: 120_000 }), (offsetA, offsetB, atMs) => {
        const a = planCues(started, phone(offsetA, T + atMs));
        const b = planCues(started, phone(offsetB, T + atMs));
        expect(ids(a)).toEqual(ids(b));
        a.forEach((cue, i) => expect(cue.atDeviceMs + offsetA).toBe(b[i]!.atDeviceMs + offsetB));
      }),
    );
  });

  it('a late joiner schedules only what is ahead: no burst of cues already passed', () => {
    const cues = planCues(started, phone(0, T + 5000 + 15_000));
    expect(cues.map((cue) => [cue.kind, cue.secondsLeft, cue.atServerMs - T - 5000])).toEqual([
      ['count', 3, 17_000],
      ['count', 2, 18_000],
      ['count', 1, 19_000],
      ['start', null, 20_000],
    ]);
    expect(planCues(started, phone(0, T + 5000 + 55_000)).map((cue) => cue.kind)).toEqual(['halfway']);
  });

  it('a pause cancels what would sound after it; the resume plans the rest at their new times and says where it resumes', () => {
    const paused = session([{ type: 'start', startAtServerMs: T + 5000 }, 0], [{ type: 'pause' }, 20_000]);
    const before = planCues(started, phone(0, T + 19_000));
    const after = planCues(paused, phone(0, T + 19_200));
    const changes = reconcileCues(before, after, { nowDeviceMs: T + 19_200, toleranceMs: 2 });
    expect(after.every((cue) => cue.atServerMs < T + 20_000 + LEAD_MS)).toBe(true);
    expect(ids(changes.cancel)).toEqual(['0:0:count:3', '0:0:count:2', '0:0:count:1', '0:1:start']);
    expect(changes.schedule).toEqual([]);

    const resumed = session([{ type: 'start', startAtServerMs: T + 5000 }, 0], [{ type: 'pause' }, 20_000], [{ type: 'resume' }, 60_000]);
    const plan = planCues(resumed, phone(0, T + 60_000));
    expect(plan[0]).toMatchObject({ kind: 'resume', spoken: 'Log carry. Go.', atServerMs: T + 60_000 + LEAD_MS });
    // 15.4 s of the 20 s interval had run: the 3-2-1 comes 1.6 s after the resume.
    expect(plan.find((cue) => cue.kind === 'count')!.atServerMs).toBe(T + 60_000 + LEAD_MS + 1600);
  });

  it('"next" lands on an interval start: its start cue sounds when the jump takes effect, not a "resume"', () => {
    const skipped = session([{ type: 'start', startAtServerMs: T }, 0], [{ type: 'next' }, 5000]);
    const plan = planCues(skipped, phone(0, T + 5000));
    expect(plan[0]).toMatchObject({ id: '1:1:start', kind: 'start', atServerMs: T + 5000 + LEAD_MS });
    expect(plan.some((cue) => cue.kind === 'resume')).toBe(false);
  });

  it('ends with "Workout done." at the last second, and plans nothing once ended', () => {
    const plan = planCues(started, phone(0, T + 5000 + 105_000));
    expect(plan.at(-1)).toMatchObject({ kind: 'finish', atServerMs: T + 5000 + 110_000 });
    const ended = session([{ type: 'start', startAtServerMs: T }, 0], [{ type: 'end' }, 10_000]);
    expect(planCues(ended, phone(0, T + 10_000 + LEAD_MS))).toEqual([]);
    expect(planCues(session(), phone(0, T))).toEqual([]);
  });
});

describe('re-planning is idempotent', () => {
  it('the same timeline planned again (later, or with a slightly better offset) changes nothing scheduled', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 5000 }), fc.integer({ min: -2, max: 2 }), (atMs, laterMs, nudgeMs) => {
        const first = planCues(started, phone(300, T + atMs));
        const again = planCues(started, { ...phone(300 + nudgeMs, T + atMs + laterMs), nowDeviceMs: T + atMs + laterMs - 300 });
        const changes = reconcileCues(first, again, { nowDeviceMs: T + atMs + laterMs - 300, toleranceMs: 2 });
        expect(changes.cancel).toEqual([]);
        // Only cues newly inside the horizon are added, none played twice.
        expect(changes.schedule.every((cue) => !first.some((old) => old.id === cue.id))).toBe(true);
      }),
    );
  });

  it('a cue already played is never scheduled again, even when a new offset moves it into the future', () => {
    const first = planCues(started, phone(0, T + 4900));
    const go = first.find((cue) => cue.kind === 'start')!;
    const nudged = planCues(started, { ...phone(0, T + 5010), offsetMs: -50 });
    const changes = reconcileCues(first, nudged, { nowDeviceMs: T + 5010, toleranceMs: 2 });
    expect(nudged.some((cue) => cue.id === go.id)).toBe(true);
    expect(changes.schedule.some((cue) => cue.id === go.id)).toBe(false);
    expect(changes.cancel.some((cue) => cue.id === go.id)).toBe(false);
  });

  it('a cue whose moment moved beyond the tolerance (a corrected offset) is cancelled and scheduled at its new time', () => {
    const first = planCues(started, phone(0, T));
    const corrected = planCues(started, { ...phone(0, T), offsetMs: 30 });
    const changes = reconcileCues(first, corrected, { nowDeviceMs: T, toleranceMs: 2 });
    expect(ids(changes.cancel)).toEqual(ids(first));
    expect(changes.schedule.map((cue) => cue.atDeviceMs)).toEqual(first.map((cue) => cue.atDeviceMs - 30));
  });
});
