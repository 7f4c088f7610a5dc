import { describe, expect, it } from 'vitest';
import { timedSoundtrackPool } from '../../tests/support/sequencer-pools';
import { multipliersFittingCurve, placedTrackFit } from './curve-fit';
import { runCurve } from './curves';
import { defaultSoundtrackShare, leftOutLabel, misplacedSoundtrack, soundtrackCandidates } from './soundtrack-share';
import type { PoolTrack } from './types';
import { workoutSpecFor } from './workout';

const soundtrack: PoolTrack[] = timedSoundtrackPool();
const own: PoolTrack = { id: 'own', title: 'Own', artist: 'Me', durationMs: 200_000, bpm: 170, isAnchor: false };
const run170 = workoutSpecFor({ mode: 'run', lengthMin: 30, cadenceSpm: 170 });

describe('the soundtrack’s place in a montage', () => {
  it('is where it fits for a Run and HIIT, all of it for the circuit-like modes', () => {
    expect(defaultSoundtrackShare('run')).toBe('fit');
    expect(defaultSoundtrackShare('hiit')).toBe('fit');
    expect(['circuit', 'drago', 'versus'].map((m) => defaultSoundtrackShare(m as 'circuit'))).toEqual(['all', 'all', 'all']);
  });

  it('in a 170-spm run keeps the songs that fit the walks and leaves out the rest, each with the reason', () => {
    const { pool, leftOut } = soundtrackCandidates([...soundtrack, own], run170, 'fit');
    expect(pool.filter((t) => t.isAnchor).map((t) => t.title).sort()).toEqual(['Burning Heart', 'Eye of the Tiger', 'Living in America', 'No Easy Way Out']);
    expect(pool).toContain(own);
    const labels = leftOut.map((t) => leftOutLabel(t, 'run'));
    expect(labels).toContain("Heart's on Fire, 137 BPM, fits no part of this run");
    expect(labels).toContain('War, tempo unknown: no place in this run can be said to fit it');
    expect(leftOut).toHaveLength(soundtrack.length - 4);
  });

  it('keeps every soundtrack track with "all" and none with "none"', () => {
    expect(soundtrackCandidates([...soundtrack, own], run170, 'all').pool).toHaveLength(soundtrack.length + 1);
    expect(soundtrackCandidates([...soundtrack, own], run170, 'none')).toEqual({ pool: [own], leftOut: [] });
  });

  it('counts a part of the curve only when half the track can play in it, not the slope from walk to run', () => {
    const curve = runCurve(170, 'steady', 30);
    // 137 BPM is on the half-minute slope from 125 to 170, but no track plays to it.
    expect(multipliersFittingCurve(136.6, curve)).toEqual([1]);
    expect(multipliersFittingCurve(136.6, curve, 0.05)).toEqual([]);
    expect(multipliersFittingCurve(86, curve, 0.05)).toEqual([2]);
    expect(multipliersFittingCurve(108.9, curve, 0.05)).toEqual([1]);
  });

  it('finds a soundtrack track placed where it does not fit', () => {
    const eye = soundtrack.find((t) => t.title === 'Eye of the Tiger')!;
    const filler: PoolTrack = { ...own, durationMs: 1_800_000 - eye.durationMs! };
    // Eye of the Tiger first (the walk-in, ≈ 100–125 spm) fits; last but at double time it would play 218 spm.
    const first = [
      { track: eye, multiplier: 1 as const, startMs: 0 },
      { track: filler, multiplier: 1 as const, startMs: eye.durationMs! },
    ];
    expect(placedTrackFit(first[0]!, 1_800_000, run170.curve)?.fits).toBe(true);
    expect(misplacedSoundtrack(first, 1_800_000, run170.curve)).toEqual([]);
    const middle = [{ track: eye, multiplier: 2 as const, startMs: 800_000 }];
    expect(misplacedSoundtrack(middle, 1_800_000, run170.curve).map((t) => t.track.title)).toEqual(['Eye of the Tiger']);
    // A soundtrack track of unknown tempo fits nowhere; an own track is never "misplaced soundtrack".
    const war = soundtrack.find((t) => t.title === 'War')!;
    expect(misplacedSoundtrack([{ track: war, multiplier: 1, startMs: 0 }, { track: own, multiplier: 1, startMs: 0 }], 1_800_000, run170.curve).map((t) => t.track.id)).toEqual([war.id]);
  });
});
