import { describe, expect, it } from 'vitest';
import { steadyCurve } from '../domain/curves';
import type { PoolTrack, WorkoutSpec } from '../domain/types';
import { MAX_LENGTH_MS, SequencerInputError, sequenceMontage } from './index';

/**
 * What the sequencer's entry point refuses before any work (validate.ts), naming the field the API's
 * 422 shows, and what it accepts at the edges; a track listed twice is placed once.
 */
const track = (id: string, bpm: number | null, durationMs: number | null, artist = id): PoolTrack => ({ id, title: id, artist, durationMs, bpm, isAnchor: false });

describe('sequenceMontage refuses what it cannot work with', () => {
  const pool = [track('a', 120, 200_000), track('b', 130, 220_000)];
  const base: WorkoutSpec = { mode: 'circuit', lengthMs: 400_000, toleranceMs: 60_000, curve: steadyCurve(120) };
  const refused = (workout: WorkoutSpec): SequencerInputError => {
    try {
      sequenceMontage(pool, workout);
    } catch (error) {
      expect(error).toBeInstanceOf(SequencerInputError);
      return error as SequencerInputError;
    }
    throw new Error('accepted');
  };

  it('names the field for a NaN, infinite or negative length or tolerance', () => {
    for (const lengthMs of [Number.NaN, Number.POSITIVE_INFINITY, -1]) expect(refused({ ...base, lengthMs })).toMatchObject({ code: 'invalid_sequencer_input', field: 'lengthMs' });
    for (const toleranceMs of [Number.NaN, Number.POSITIVE_INFINITY, -60_000]) expect(refused({ ...base, toleranceMs }).field).toBe('toleranceMs');
    expect(refused({ ...base, lengthMs: MAX_LENGTH_MS + 1 }).field).toBe('lengthMs');
  });

  it('names the curve point at fault, and an empty curve', () => {
    expect(refused({ ...base, curve: { name: 'empty', points: [] } }).field).toBe('curve.points');
    const points = [{ atFraction: 0, tempo: 120 }, { atFraction: 0.5, tempo: Number.NaN }, { atFraction: 1, tempo: 120 }];
    expect(refused({ ...base, curve: { name: 'nan', points } }).field).toBe('curve.points.1.tempo');
  });

  it('says which rule a field breaks, in the message the 422 shows', () => {
    const at = (atFraction: number, tempo = 120) => ({ atFraction, tempo });
    const cases: [Partial<WorkoutSpec>, string, RegExp][] = [
      [{ lengthMs: -1 }, 'lengthMs', /^lengthMs: must be a finite number of milliseconds, 0 or more$/],
      [{ lengthMs: MAX_LENGTH_MS + 1 }, 'lengthMs', /^lengthMs: must be at most 86400000 ms \(24 hours\)$/],
      [{ toleranceMs: Number.NaN }, 'toleranceMs', /^toleranceMs: must be a finite number of milliseconds, 0 or more$/],
      [{ curve: { name: 'none', points: [] } }, 'curve.points', /^curve\.points: the target curve needs at least one point$/],
      [{ curve: { name: 'tempo 0', points: [at(0), at(1, 0)] } }, 'curve.points.1.tempo', /^curve\.points\.1\.tempo: must be a finite tempo above 0$/],
      [{ curve: { name: 'negative', points: [at(0, -120)] } }, 'curve.points.0.tempo', /above 0$/],
      [{ curve: { name: 'no place', points: [at(0), at(Number.NaN)] } }, 'curve.points.1.atFraction', /^curve\.points\.1\.atFraction: must be a finite number$/],
      [{ curve: { name: 'endless', points: [at(Number.POSITIVE_INFINITY)] } }, 'curve.points.0.atFraction', /finite number$/],
      [{ curve: { name: 'backwards', points: [at(0), at(0.6), at(0.4)] } }, 'curve.points.2.atFraction', /^curve\.points\.2\.atFraction: points must be in order of atFraction$/],
    ];
    for (const [change, field, message] of cases) {
      const error = refused({ ...base, ...change });
      expect(error).toMatchObject({ name: 'SequencerInputError', code: 'invalid_sequencer_input', field });
      expect(error.message).toMatch(message);
    }
  });

  it('refuses a workout without a curve, or a length that is not a number, as input rather than crashing', () => {
    expect(refused({ ...base, curve: undefined as unknown as WorkoutSpec['curve'] }).field).toBe('curve.points');
    expect(refused({ ...base, curve: { name: 'no list', points: 'flat' as unknown as WorkoutSpec['curve']['points'] } }).field).toBe('curve.points');
    expect(refused({ ...base, lengthMs: '400000' as unknown as number }).field).toBe('lengthMs');
    expect(refused({ ...base, toleranceMs: '0' as unknown as number }).field).toBe('toleranceMs');
  });

  it('accepts the edges: a length of 0 or of exactly 24 hours, no tolerance, a step (two points at one fraction)', () => {
    expect(sequenceMontage(pool, { ...base, lengthMs: 0, toleranceMs: 0 })).toMatchObject({ tracks: [], totalMs: 0, shortfallMs: 0 });
    expect(sequenceMontage(pool, { ...base, lengthMs: MAX_LENGTH_MS }).shortfallMs).toBe(MAX_LENGTH_MS - 60_000 - 420_000);
    const step = { name: 'step', points: [{ atFraction: 0, tempo: 120 }, { atFraction: 0.5, tempo: 120 }, { atFraction: 0.5, tempo: 130 }, { atFraction: 1, tempo: 130 }] };
    expect(sequenceMontage(pool, { ...base, curve: step }).tracks.map((t) => t.track.id)).toEqual(['a', 'b']);
  });

  it('places a track listed twice once', () => {
    const twice = [track('a', 120, 200_000), track('a', 120, 200_000), track('b', 120, 200_000, 'B')];
    const result = sequenceMontage(twice, { ...base, lengthMs: 600_000 });
    expect(result.tracks.map((t) => t.track.id).sort()).toEqual(['a', 'b']);
    expect(result.shortfallMs).toBe(600_000 - 60_000 - 400_000);
  });

  it('keeps the first listing’s facts for a track listed again with others', () => {
    const listed = [track('a', 120, 200_000), track('b', 121, 210_000, 'B'), track('a', 60, 300_000, 'Someone else'), track('b', null, 90_000)];
    const result = sequenceMontage(listed, { ...base, lengthMs: 600_000 });
    expect(result.tracks.map((t) => t.track).sort((x, y) => x.id.localeCompare(y.id))).toEqual([listed[0], listed[1]]);
    expect(result.totalMs).toBe(410_000);
  });
});
