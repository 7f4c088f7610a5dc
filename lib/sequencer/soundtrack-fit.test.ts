import { describe, expect, it } from 'vitest';
import { timedSoundtrackPool } from '../../tests/support/sequencer-pools';
import { placedTrackFit } from '../domain/curve-fit';
import type { PoolTrack } from '../domain/types';
import { workoutSpecFor } from '../domain/workout';
import { sequenceMontage } from './index';
import { sequenceWithSoundtrack } from './soundtrack-fit';

const soundtrack: PoolTrack[] = timedSoundtrackPool();

/** 40 tracks at 164–176 BPM and 10 at 83–88, 3:10–4:20 long: the library of issue 27. */
const runnerTracks: PoolTrack[] = [
  ...Array.from({ length: 40 }, (_, k) => ({ id: `fast-${k}`, title: `Fast ${k}`, artist: `Band ${k % 17}`, durationMs: 190_000 + ((k * 7_919) % 70_000), bpm: 164 + (k % 13), isAnchor: false })),
  ...Array.from({ length: 10 }, (_, k) => ({ id: `slow-${k}`, title: `Slow ${k}`, artist: `Slow ${k}`, durationMs: 200_000 + k * 3_000, bpm: 83 + (k % 6), isAnchor: false })),
];

describe('the soundtrack in the place the user chose', () => {
  it.each([20, 30, 45, 60])('with "where they fit" plays a soundtrack track only where it fits (%i min run at 170)', (lengthMin) => {
    const workout = workoutSpecFor({ mode: 'run', lengthMin, cadenceSpm: 170 });
    const result = sequenceWithSoundtrack([...soundtrack, ...runnerTracks], workout, 'fit');
    const placedSoundtrack = result.tracks.filter((t) => t.track.isAnchor);
    for (const placed of placedSoundtrack) expect(placedTrackFit(placed, result.totalMs, workout.curve)?.fits, placed.track.title).toBe(true);
    expect(placedSoundtrack.length).toBeGreaterThan(0);
    // Every timed soundtrack track is either played or listed as left out, never both.
    const placedIds = placedSoundtrack.map((t) => t.track.id);
    const leftOutIds = result.soundtrackLeftOut.map((t) => t.trackId);
    expect([...placedIds, ...leftOutIds].sort()).toEqual(soundtrack.map((t) => t.id).sort());
    expect(result.shortfallMs).toBe(0);
  }, 60_000);

  it('lists the walk songs the walks had no room for', () => {
    // Four soundtrack songs fit the walks of a 20-minute run; two walks of 4 minutes hold two of them.
    const workout = workoutSpecFor({ mode: 'run', lengthMin: 20, cadenceSpm: 170 });
    const result = sequenceWithSoundtrack([...soundtrack, ...runnerTracks], workout, 'fit');
    expect(result.soundtrackLeftOut.filter((t) => t.reason === 'no_room').length).toBeGreaterThan(0);
  }, 60_000);

  it('with "all of them" is today’s sequence, soundtrack first whatever its tempo', () => {
    const workout = workoutSpecFor({ mode: 'run', lengthMin: 45, cadenceSpm: 170 });
    const pool = [...soundtrack, ...runnerTracks];
    const all = sequenceWithSoundtrack(pool, workout, 'all');
    expect(all.tracks).toEqual(sequenceMontage(pool, workout).tracks);
    expect(all.tracks.filter((t) => t.track.isAnchor)).toHaveLength(soundtrack.length);
  }, 60_000);

  it('falls back to all of it, and says so, when nothing would fit (a first Run, no tracks of one’s own)', () => {
    const workout = workoutSpecFor({ mode: 'run', lengthMin: 20, cadenceSpm: 180 });
    const result = sequenceWithSoundtrack(soundtrack, workout, 'fit');
    expect(result.tracks.length).toBeGreaterThan(0);
    expect(result.soundtrackShare).toBe('all');
    expect(sequenceWithSoundtrack([...soundtrack, ...runnerTracks], workout, 'fit').soundtrackShare).toBe('fit');
  }, 60_000);

  it('with "none" plays only the runner’s own tracks', () => {
    const workout = workoutSpecFor({ mode: 'circuit', lengthMin: 30 });
    const none = sequenceWithSoundtrack([...soundtrack, ...runnerTracks], workout, 'none');
    expect(none.tracks.some((t) => t.track.isAnchor)).toBe(false);
    expect(none.soundtrackLeftOut).toEqual([]);
  }, 60_000);
});
