import { describe, expect, it } from 'vitest';
import { steadyCurve } from '../domain/curves';
import type { PoolTrack, WorkoutSpec } from '../domain/types';
import { sequenceMontage } from './index';

/** What `sequenceMontage` hands back beside the tracks (index.ts): the figures the app shows with a montage. */
const track = (id: string, bpm: number | null, durationMs: number, artist = id, isAnchor = false): PoolTrack => ({ id, title: id, artist, durationMs, bpm, isAnchor });
const workout = (lengthMs: number, toleranceMs = 0, tempo = 120): WorkoutSpec => ({ mode: 'circuit', lengthMs, toleranceMs, curve: steadyCurve(tempo) });

describe('sequenceMontage: what the app shows beside the tracks', () => {
  it('the length played, and a cost of 0 when every track is on the curve, above 0 when not', () => {
    const onCurve = sequenceMontage([track('a', 120, 200_000), track('b', 60, 100_000)], workout(300_000));
    expect(onCurve).toMatchObject({ totalMs: 300_000, shortfallMs: 0, anchorsLeftOut: 0, sameArtistPairs: 0 });
    expect(onCurve.cost).toBeCloseTo(0, 9);
    expect(onCurve.tracks.map((t) => [t.track.id, t.multiplier])).toEqual(
      expect.arrayContaining([
        ['a', 1],
        ['b', 2],
      ]),
    );
    expect(sequenceMontage([track('a', 126, 200_000)], workout(200_000)).cost).toBeGreaterThan(0.01);
  });

  it('how far it falls short of a length the pool cannot reach', () => {
    expect(sequenceMontage([track('a', 120, 200_000), track('b', 120, 150_000)], workout(600_000, 60_000))).toMatchObject({ totalMs: 350_000, shortfallMs: 190_000 });
  });

  it('how many anchors did not fit, and the neighbours by one artist the pool left no way to avoid', () => {
    const anchors = [track('x', 120, 300_000, 'X', true), track('y', 120, 300_000, 'Y', true), track('z', 120, 300_000, 'Z', true)];
    expect(sequenceMontage(anchors, workout(600_000)).anchorsLeftOut).toBe(1);
    const oneArtist = [track('s1', 120, 200_000, 'Survivor'), track('s2', 120, 200_000, 'survivor ')];
    expect(sequenceMontage(oneArtist, workout(400_000))).toMatchObject({ totalMs: 400_000, sameArtistPairs: 1 });
  });
});
