import { describe, expect, it } from 'vitest';
import type { PoolTrack, WorkoutMode } from '../domain/types';
import { workoutSpecFor } from '../domain/workout';
import { sequenceMontage } from './index';

/** 60 tracks at 95–150 BPM, 3–5 minutes: a library with something for every part of every curve. */
const library: PoolTrack[] = Array.from({ length: 60 }, (_, k) => ({
  id: `t${k}`,
  title: `Track ${k}`,
  artist: `Artist ${k % 23}`,
  durationMs: 180_000 + ((k * 4_127) % 120_000),
  bpm: 95 + ((k * 37) % 56),
  isAnchor: false,
}));

describe('each circuit-like mode has music of its own', () => {
  it('orders the same library differently for the circuit, Drago’s lab and Rocky vs Drago', () => {
    const orders = (['circuit', 'drago', 'versus'] as WorkoutMode[]).map((mode) =>
      sequenceMontage(library, workoutSpecFor({ mode, lengthMin: 30 })).tracks.map((t) => t.track.id).join(','),
    );
    expect(new Set(orders).size).toBe(3);
  }, 60_000);

  it('keeps Drago’s lab steadier and faster than the barn', () => {
    const tempos = (mode: WorkoutMode) => {
      const built = sequenceMontage(library, workoutSpecFor({ mode, lengthMin: 30 }));
      return built.tracks.map((t) => t.track.bpm! * t.multiplier);
    };
    const spread = (xs: number[]) => Math.max(...xs) - Math.min(...xs);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const drago = tempos('drago');
    const circuit = tempos('circuit');
    expect(mean(drago)).toBeGreaterThan(mean(circuit));
    expect(spread(drago)).toBeLessThan(spread(circuit));
  }, 60_000);
});
