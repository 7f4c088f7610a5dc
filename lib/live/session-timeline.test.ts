import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TimelineStep } from '../domain/timeline';
import { applyEvent, createSessionTimeline, elapsedAt, finishesAtServerMs, positionAt, replayEvents, type LeaderAction, type LiveEvent, type SessionTimeline } from './session-timeline';

function step(startMs: number, endMs: number, exercise: string, kind: 'work' | 'rest' = 'work'): TimelineStep {
  return { startMs, endMs, entryIndex: 0, trackTitle: "Heart's on Fire", trackArtist: 'John Cafferty', kind, exercise, intensity: kind === 'rest' ? 'rest' : 'hard', cue: '' };
}
const steps = [step(0, 30_000, 'Sled pull'), step(30_000, 45_000, 'Rest', 'rest'), step(45_000, 75_000, 'Log carry'), step(75_000, 90_000, 'Rest', 'rest')];
const T = Date.parse('2026-12-08T06:00:00Z');
const LEAD_MS = 500;
const fresh = () => createSessionTimeline({ steps, leaderId: 'rocky', actionLeadMs: LEAD_MS });
const by = (action: LeaderAction, atMs: number, who = 'rocky'): LiveEvent => ({ action, byParticipantId: who, atServerMs: T + atMs });

function replay(events: readonly LiveEvent[], timeline: SessionTimeline = fresh()): SessionTimeline {
  const result = replayEvents(timeline, events);
  if (!result.ok) throw new Error(`event ${result.appliedCount} refused: ${result.code}`);
  return result.timeline;
}
/** Started at T + 5 s (the leader asked at T). */
const started = () => replay([by({ type: 'start', startAtServerMs: T + 5000 }, 0)]);

describe('where a device lands, from the timeline alone', () => {
  it('counts down to the start, then a late joiner lands on the right second of the right interval', () => {
    const timeline = started();
    expect(positionAt(fresh(), T)).toMatchObject({ phase: 'lobby' });
    expect(positionAt(timeline, T + 2000)).toMatchObject({ phase: 'countdown', remainingMs: 3000, elapsedMs: -3000 });
    expect(positionAt(timeline, T + 5000)).toMatchObject({ phase: 'interval', index: 0, offsetInStepMs: 0 });
    expect(positionAt(timeline, T + 5000 + 40_000)).toMatchObject({ phase: 'interval', index: 1, offsetInStepMs: 10_000, remainingMs: 5000 });
    expect(positionAt(timeline, T + 5000 + 90_000)).toMatchObject({ phase: 'finished' });
    expect(finishesAtServerMs(timeline)).toBe(T + 95_000);
  });

  it('a pause takes effect actionLeadMs after the server took it, on every device alike, and holds the clock until the resume', () => {
    const timeline = replay([by({ type: 'start', startAtServerMs: T + 5000 }, 0), by({ type: 'pause' }, 60_000)]);
    // Before the pause takes effect, the clock still runs.
    expect(positionAt(timeline, T + 60_200)).toMatchObject({ isPaused: false, index: 2, offsetInStepMs: 10_200 });
    const paused = positionAt(timeline, T + 60_000 + LEAD_MS);
    expect(paused).toMatchObject({ isPaused: true, index: 2, offsetInStepMs: 10_500 });
    // A phone that slept through the pause reads the same second ten minutes later.
    expect(positionAt(timeline, T + 660_000)).toEqual(paused);
    expect(finishesAtServerMs(timeline)).toBeNull();
    const resumed = replay([by({ type: 'resume' }, 120_000)], timeline);
    expect(positionAt(resumed, T + 120_000 + LEAD_MS + 4500)).toMatchObject({ isPaused: false, index: 2, offsetInStepMs: 15_000 });
    expect(finishesAtServerMs(resumed)).toBe(T + 120_000 + LEAD_MS + (90_000 - 55_500));
  });

  it('next and previous land on interval starts (previous restarts the interval after its first 3 s), paused or running', () => {
    const timeline = replay([by({ type: 'start', startAtServerMs: T }, 0), by({ type: 'next' }, 10_000)]);
    expect(positionAt(timeline, T + 10_000 + LEAD_MS)).toMatchObject({ index: 1, offsetInStepMs: 0 });
    const back = replay([by({ type: 'previous' }, 11_000)], timeline);
    expect(positionAt(back, T + 11_000 + LEAD_MS)).toMatchObject({ index: 0, offsetInStepMs: 0 });
    const restart = replay([by({ type: 'pause' }, 15_000), by({ type: 'previous' }, 16_000)], back);
    expect(positionAt(restart, T + 30_000)).toMatchObject({ index: 0, offsetInStepMs: 0, isPaused: true });
  });

  it('during the countdown, jumps are refused and a pause holds the clock at the start', () => {
    const timeline = started();
    expect(applyEvent(timeline, by({ type: 'next' }, 1000))).toEqual({ ok: false, code: 'not-started' });
    expect(applyEvent(timeline, by({ type: 'previous' }, 1000))).toEqual({ ok: false, code: 'not-started' });
    const held = replay([by({ type: 'pause' }, 1000)], timeline);
    expect(positionAt(held, T + 4000)).toMatchObject({ phase: 'countdown', remainingMs: 1000 });
    expect(positionAt(held, T + 60_000)).toMatchObject({ phase: 'interval', isPaused: true, index: 0, offsetInStepMs: 0 });
  });

  it('a start asked for in the past begins once every device can know of it', () => {
    const timeline = replay([by({ type: 'start', startAtServerMs: T - 10_000 }, 0)]);
    expect(timeline.segments[0]!.fromServerMs).toBe(T + LEAD_MS);
  });

  it('ending stops every device at the same moment and nothing moves it afterwards', () => {
    const timeline = replay([by({ type: 'start', startAtServerMs: T }, 0), by({ type: 'end' }, 20_000)]);
    expect(positionAt(timeline, T + 20_000)).toMatchObject({ phase: 'interval' });
    expect(positionAt(timeline, T + 20_000 + LEAD_MS)).toMatchObject({ phase: 'ended', index: null });
    expect(applyEvent(timeline, by({ type: 'resume' }, 30_000))).toEqual({ ok: false, code: 'session-ended' });
    const fromLobby = replay([by({ type: 'end' }, 0)]);
    expect(positionAt(fromLobby, T)).toMatchObject({ phase: 'lobby' });
    expect(positionAt(fromLobby, T + LEAD_MS)).toMatchObject({ phase: 'ended' });
  });
});

describe('who drives, and in what order', () => {
  it('only the leader drives; handing the lead moves that right to the new leader alone', () => {
    const timeline = started();
    expect(applyEvent(timeline, by({ type: 'pause' }, 1000, 'drago'))).toEqual({ ok: false, code: 'not-leader' });
    const handed = replay([by({ type: 'hand-lead', toParticipantId: 'adrian' }, 1000)], timeline);
    expect(handed.leaderId).toBe('adrian');
    expect(handed.segments).toEqual(timeline.segments);
    expect(applyEvent(handed, by({ type: 'pause' }, 2000))).toEqual({ ok: false, code: 'not-leader' });
    expect(applyEvent(handed, by({ type: 'pause' }, 2000, 'adrian')).ok).toBe(true);
    expect(applyEvent(handed, by({ type: 'hand-lead', toParticipantId: 'adrian' }, 2000, 'adrian'))).toEqual({ ok: false, code: 'already-leader' });
  });

  it('refuses what makes no sense now: a second start, pause while paused, resume while running, anything before the start, events out of order', () => {
    const timeline = started();
    expect(applyEvent(timeline, by({ type: 'start', startAtServerMs: T + 9000 }, 1000))).toEqual({ ok: false, code: 'already-started' });
    expect(applyEvent(timeline, by({ type: 'resume' }, 1000))).toEqual({ ok: false, code: 'not-paused' });
    const paused = replay([by({ type: 'pause' }, 8000)], timeline);
    expect(applyEvent(paused, by({ type: 'pause' }, 9000))).toEqual({ ok: false, code: 'not-running' });
    expect(applyEvent(fresh(), by({ type: 'pause' }, 0))).toEqual({ ok: false, code: 'not-started' });
    expect(applyEvent(paused, by({ type: 'resume' }, 7000))).toEqual({ ok: false, code: 'out-of-order' });
  });

  it('two quick actions keep their order: the second never takes effect before the first', () => {
    const timeline = replay([by({ type: 'start', startAtServerMs: T }, 0), by({ type: 'pause' }, 10_000), by({ type: 'resume' }, 10_100)]);
    const [, pause, resume] = timeline.segments;
    expect(resume!.fromServerMs).toBeGreaterThanOrEqual(pause!.fromServerMs);
    expect(positionAt(timeline, T + 20_000).elapsedMs).toBe(20_000 - LEAD_MS - 100);
  });
});

describe('the workout clock over any pauses and resumes', () => {
  it('reads the time it has run: start to now less every pause (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 120_000 }), { maxLength: 12 }), fc.integer({ min: 0, max: 200_000 }), (gapsMs, laterMs) => {
        let timeline = replay([by({ type: 'start', startAtServerMs: T }, 0)]);
        let atMs = 0;
        let runningMs = 0;
        let isRunning = true;
        for (const gapMs of gapsMs) {
          if (isRunning) runningMs += gapMs;
          atMs += gapMs;
          timeline = replay([by({ type: isRunning ? 'pause' : 'resume' }, atMs)], timeline);
          isRunning = !isRunning;
        }
        const nowMs = T + LEAD_MS + atMs + laterMs;
        expect(elapsedAt(timeline, nowMs)).toBe(runningMs + (isRunning ? laterMs : 0));
      }),
    );
  });
});
