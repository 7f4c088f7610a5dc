import { describe, expect, it } from 'vitest';
import { rampCurve } from '../domain/curves';
import type { PoolTrack, WorkoutSpec } from '../domain/types';
import { layOutSwap } from './swap-layout';

const track = (id: string, bpm: number | null, durationMs: number): PoolTrack => ({ id, title: id, artist: id, durationMs, bpm, isAnchor: false });
// A ramp 80 → 180 BPM over the workout.
const workout: WorkoutSpec = { mode: 'circuit', lengthMs: 600_000, toleranceMs: 200_000, curve: rampCurve(80, 180) };
const entries = [
  { track: track('opening', 130, 200_000), multiplier: 1 as const },
  { track: track('closing', 150, 100_000), multiplier: 1 as const },
];

describe('laying out a montage after a swap', () => {
  it('re-times the later tracks by the difference in length and keeps the other entries’ multipliers', () => {
    const { tracks, totalMs } = layOutSwap({ workout, entries: [...entries, { track: track('after', 60, 120_000), multiplier: 2 }], at: 1, track: track('longer', 150, 160_000) });
    expect(totalMs).toBe(480_000);
    expect(tracks.map((t) => [t.track.id, t.startMs])).toEqual([
      ['opening', 0],
      ['longer', 200_000],
      ['after', 360_000],
    ]);
    expect(tracks[2]!.multiplier).toBe(2);
  });

  it('chooses ½×/1×/2× against the montage’s length after the swap, not before (issue 32, item 14)', () => {
    // The 300 s last place becomes 40 % → 100 % of a 500 s montage: mean 150 BPM, where 104 BPM
    // plays best at 1× (|104 − 150| < |208 − 150|). Against the 300 s montage before the swap the
    // place would sit later on the ramp (mean ≈ 163 BPM), and 2× would be chosen.
    const { tracks } = layOutSwap({ workout, entries, at: 1, track: track('long-replacement', 104, 300_000) });
    expect(tracks[1]).toMatchObject({ track: { id: 'long-replacement' }, multiplier: 1, startMs: 200_000 });
  });

  it('plays a replacement of unknown tempo at 1×', () => {
    expect(layOutSwap({ workout, entries, at: 0, track: track('untimed-tempo', null, 200_000) }).tracks[0]!.multiplier).toBe(1);
  });
});
