import { describe, expect, it } from 'vitest';
import { hiitAlternationCurve, meanTempoBetween, montageArcCurve, hiitCurve, pyramidCurve, rampCurve, steadyCurve, tempoAt, warmUpPeakCoolDownCurve } from './curves';
import { buildTimeline, locate } from './timeline';
import { findCoverageProblems } from './intervals';
import { pickTempo, TEMPO_SOURCE_LABELS, type TempoCandidate } from './tempo-provenance';
import { barMs, formatDuration } from './tempo';
import { curveFor, defaultMontageName, MODE_LABELS, toleranceFor, workoutSpecFor } from './workout';

/** What a user sees of the domain where no other test looks: defaults, names, clamps and edges. */
describe('workout choices', () => {
  it('names a circuit and a HIIT montage by mode and length, a run with its cadence (170 unless chosen)', () => {
    expect(defaultMontageName({ mode: 'circuit', lengthMin: 45 })).toBe('Rocky circuit · 45 min');
    expect(defaultMontageName({ mode: 'hiit', lengthMin: 20 })).toBe('HIIT · 20 min');
    expect(defaultMontageName({ mode: 'run', lengthMin: 30 })).toBe('Run · 30 min @ 170 spm');
  });

  it('fills in a cadence of 170 and HIIT 40 s work / 20 s rest when none is chosen, and nothing for other modes', () => {
    const run = workoutSpecFor({ mode: 'run', lengthMin: 30 });
    expect(run.cadenceSpm).toBe(170);
    expect(tempoAt(run.curve, 0.5)).toBe(170);
    expect(run.hiit).toBeUndefined();
    const hiit = workoutSpecFor({ mode: 'hiit', lengthMin: 30 });
    expect(hiit.hiit).toEqual({ workSec: 40, restSec: 20 });
    expect(hiit.cadenceSpm).toBeUndefined();
    const circuit = workoutSpecFor({ mode: 'circuit', lengthMin: 30 });
    expect(circuit).not.toHaveProperty('cadenceSpm');
    expect(circuit).not.toHaveProperty('hiit');
  });

  it('follows the montage arc for a circuit and the HIIT plateau for HIIT', () => {
    expect(curveFor({ mode: 'circuit', lengthMin: 30 })).toEqual(montageArcCurve());
    expect(curveFor({ mode: 'hiit', lengthMin: 30 })).toEqual(hiitCurve());
    expect(tempoAt(montageArcCurve(), 0.9)).toBe(136);
    expect(tempoAt(hiitCurve(), 0.5)).toBeCloseTo(128 + (4 * 0.35) / 0.75, 9);
  });

  it('accepts 5 % off the wanted length once that is over a minute', () => {
    expect(toleranceFor(60 * 60_000)).toBe(180_000);
    expect(toleranceFor(20 * 60_000 + 1)).toBe(60_000);
  });
});

describe('curves', () => {
  it('holds the first and last tempo outside the workout', () => {
    const ramp = rampCurve(150, 180);
    expect(tempoAt(ramp, -0.5)).toBe(150);
    expect(tempoAt(ramp, 1.5)).toBe(180);
  });

  it('gives the tempo at the point itself for an empty span', () => {
    const ramp = rampCurve(150, 180);
    expect(meanTempoBetween(ramp, 0.5, 0.5)).toBe(165);
    expect(meanTempoBetween(ramp, 0.8, 0.2)).toBeCloseTo(174, 9);
    expect(meanTempoBetween(ramp, -1, 2)).toBeCloseTo(165, 9);
  });

  it('names curves with their tempos to one decimal', () => {
    expect(steadyCurve(172.46).name).toBe('steady 172.5');
    expect(rampCurve(150, 180.04).name).toBe('ramp 150 → 180');
    expect(pyramidCurve(100, 160).name).toBe('pyramid 100 → 160');
    expect(warmUpPeakCoolDownCurve(120, 170, 0.1, 0.3).name).toBe('warm-up 10 / peak / cool-down 30');
    expect(hiitAlternationCurve(110, 140, 2).name).toBe('HIIT alternation 110 / 140 × 2');
  });

  it('makes at least one stair or round, and warm-up and cool-down at most half the workout each', () => {
    expect(pyramidCurve(100, 160, 0).points).toEqual(pyramidCurve(100, 160, 1).points);
    expect(tempoAt(pyramidCurve(100, 160, 1), 0.5)).toBe(160);
    expect(hiitAlternationCurve(110, 140, 0).points).toEqual(hiitAlternationCurve(110, 140, 1).points);
    expect(warmUpPeakCoolDownCurve(120, 170, 0.9, -1).points.map((p) => p.atFraction)).toEqual([0, 0.5, 1, 1]);
  });
});

describe('the workout clock', () => {
  const steps = buildTimeline([
    {
      track: { title: 'Training Montage', artist: 'Vince DiCola', durationMs: null },
      intervals: [],
    },
    {
      track: { title: 'Hearts on Fire', artist: 'John Cafferty', durationMs: 60_000 },
      intervals: [{ offsetMs: 0, durationMs: 60_000, kind: 'work', exercise: 'Snow run', intensity: 'hard', cue: 'Go' }],
    },
  ]);

  it('gives an untimed track no time on the clock, and keeps each step’s track and cue', () => {
    expect(steps).toEqual([
      { startMs: 0, endMs: 60_000, entryIndex: 1, trackTitle: 'Hearts on Fire', trackArtist: 'John Cafferty', kind: 'work', exercise: 'Snow run', intensity: 'hard', cue: 'Go' },
    ]);
  });

  it('counts a clock before the start as the whole first step, and an empty montage as finished', () => {
    expect(locate(steps, -5_000)).toEqual({ index: 0, remainingMs: 60_000, isFinished: false });
    expect(locate([], 0)).toEqual({ index: 0, remainingMs: 0, isFinished: true });
  });
});

describe('which tempo counts', () => {
  const at = (source: TempoCandidate['source'], bpm: number, ownerId: string | null = null): TempoCandidate => ({ bpm, source, ownerId, sourceNote: null });

  it('trusts the analysis of the user’s file over the catalog, and their tap over the analysis', () => {
    const analysis = at('analysis', 97, 'me');
    const tap = at('tap', 99, 'me');
    expect(pickTempo([at('catalog', 98), analysis], 'me')).toBe(analysis);
    expect(pickTempo([analysis, tap], 'me')).toBe(tap);
  });

  it('keeps the newest (first) of two equally trusted values', () => {
    const newer = at('manual', 101, 'me');
    const older = at('tap', 100, 'me');
    expect(pickTempo([newer, older], 'me')).toBe(newer);
  });

  it('counts 3/4 bars', () => {
    expect(barMs(120, 3)).toBe(1500);
  });
});

describe('labels and messages', () => {
  it('labels every tempo source, each differently', () => {
    const labels = Object.values(TEMPO_SOURCE_LABELS);
    expect(labels).toHaveLength(5);
    expect(new Set(labels).size).toBe(5);
    expect(labels.every((label) => label.length > 5)).toBe(true);
    expect(TEMPO_SOURCE_LABELS.tap).toBe('tapped by you');
  });

  it('pads seconds to two digits', () => {
    expect(formatDuration(65_000)).toBe('1:05');
  });

  it('asks for at least one interval, even on a track of no length', () => {
    expect(findCoverageProblems([], 0)).toEqual([{ index: null, field: 'intervals', message: 'a track needs at least one interval' }]);
  });

  it('labels the HIIT mode in a montage name', () => {
    expect(MODE_LABELS).toMatchObject({ circuit: 'Rocky circuit', run: 'Run', hiit: 'HIIT' });
    expect(new Set(Object.values(MODE_LABELS)).size).toBe(Object.keys(MODE_LABELS).length);
  });
});
