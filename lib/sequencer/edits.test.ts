import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rampCurve, steadyCurve } from '../domain/curves';
import type { PoolTrack, WorkoutSpec } from '../domain/types';
import { alternativesForSlot, resequenceWithPins, SequencerInputError } from './index';
import { toProblem } from './problem';
import { compareScores, scoreOrder } from './score';

const track = (id: string, bpm: number | null, durationMs: number, artist = id): PoolTrack => ({ id, title: id, artist, durationMs, bpm, isAnchor: false });
const steady: WorkoutSpec = { mode: 'circuit', lengthMs: 800_000, toleranceMs: 60_000, curve: steadyCurve(120) };

describe('resequenceWithPins', () => {
  const pool = [track('good-1', 120, 200_000), track('good-2', 121, 200_000), track('off-1', 90, 200_000), track('off-2', 150, 200_000), track('off-3', 100, 200_000)];

  it('keeps a pinned track in its place, however badly it fits, and re-fits the others', () => {
    const result = resequenceWithPins(pool, steady, [
      { trackId: 'off-1', pinned: false },
      { trackId: 'off-2', pinned: true },
      { trackId: 'off-3', pinned: false },
      { trackId: 'good-1', pinned: false },
    ]);
    const ids = result.tracks.map((t) => t.track.id);
    expect(ids[1]).toBe('off-2');
    expect(ids).toHaveLength(4);
    expect(ids).toContain('good-1');
    expect(ids).toContain('good-2');
    expect(ids).not.toContain('off-1');
  });

  it('never makes the length rules worse than the entries it was given', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ bpm: fc.double({ min: 60, max: 200, noNaN: true }), durationMs: fc.integer({ min: 60_000, max: 400_000 }), pin: fc.boolean() }), { minLength: 3, maxLength: 14 }),
        fc.integer({ min: 1, max: 6 }),
        (drawn, placed) => {
          const tracks = drawn.map((d, i) => track(`t${i}`, d.bpm, d.durationMs, `A${i % 3}`));
          const entries = tracks.slice(0, Math.min(placed, tracks.length)).map((t, i) => ({ trackId: t.id, pinned: drawn[i]!.pin }));
          const workout: WorkoutSpec = { mode: 'circuit', lengthMs: 900_000, toleranceMs: 60_000, curve: rampCurve(90, 170) };
          const result = resequenceWithPins(tracks, workout, entries);
          const p = toProblem(tracks, workout);
          const before = scoreOrder(p, entries.map((e) => p.tracks.findIndex((t) => t.id === e.trackId)));
          const after = scoreOrder(p, result.tracks.map((t) => p.tracks.indexOf(t.track)));
          expect(compareScores(after, before)).toBeLessThanOrEqual(0);
          entries.forEach((e, k) => {
            if (e.pinned) expect(result.tracks[k]!.track.id).toBe(e.trackId);
          });
          expect(new Set(result.tracks.map((t) => t.track.id)).size).toBe(result.tracks.length);
        },
      ),
      { numRuns: 200, seed: 42 },
    );
  });

  it('refuses a pinned track that is not in the pool, naming the entry', () => {
    expect(() => resequenceWithPins(pool, steady, [{ trackId: 'gone', pinned: true }])).toThrow(SequencerInputError);
    expect(() => resequenceWithPins(pool, steady, [{ trackId: 'good-1', pinned: false }, { trackId: 'gone', pinned: true }])).toThrow(
      expect.objectContaining({ field: 'entries.1.trackId', message: expect.stringContaining('a pinned track must be in the pool') }),
    );
  });

  it('drops an unpinned track that left the pool and a track listed twice, keeping the rest in their places', () => {
    const result = resequenceWithPins(pool, steady, [
      { trackId: 'off-1', pinned: true },
      { trackId: 'gone', pinned: false },
      { trackId: 'off-2', pinned: true },
      { trackId: 'off-1', pinned: true },
    ]);
    expect(result.tracks.map((t) => t.track.id)).toEqual(['off-1', 'off-2']);
    expect(result.totalMs).toBe(400_000);
  });

  const ramp: WorkoutSpec = { mode: 'circuit', lengthMs: 600_000, toleranceMs: 60_000, curve: rampCurve(90, 170) };
  const ordered = [track('slow', 90, 200_000), track('mid', 130, 200_000), track('fast', 170, 200_000)];

  it('puts unpinned tracks in the order the curve asks for when the pool has nothing better to offer', () => {
    const result = resequenceWithPins(ordered, ramp, [
      { trackId: 'fast', pinned: false },
      { trackId: 'mid', pinned: true },
      { trackId: 'slow', pinned: false },
    ]);
    expect(result.tracks.map((t) => t.track.id)).toEqual(['slow', 'mid', 'fast']);
  });

  it('never moves a pinned track to put the others in order', () => {
    const result = resequenceWithPins(ordered, ramp, [
      { trackId: 'fast', pinned: true },
      { trackId: 'mid', pinned: false },
      { trackId: 'slow', pinned: false },
    ]);
    expect(result.tracks.map((t) => t.track.id)).toEqual(['fast', 'mid', 'slow']);
  });

  it('gives an earlier place a track a later place let go of (another pass after an improvement)', () => {
    // Ramp 100 → 140 over two 200 s places: the first asks ≈ 110 BPM, the second ≈ 130. "t110" leaves the second place
    // for "t130" only after the first place was looked at, so only a second pass can give it to the first place.
    const workout: WorkoutSpec = { mode: 'circuit', lengthMs: 400_000, toleranceMs: 60_000, curve: rampCurve(100, 140) };
    const tracks = [track('t100', 100, 200_000), track('t110', 110, 200_000), track('t130', 130, 200_000)];
    const result = resequenceWithPins(tracks, workout, [
      { trackId: 't100', pinned: false },
      { trackId: 't110', pinned: false },
    ]);
    expect(result.tracks.map((t) => t.track.id)).toEqual(['t110', 't130']);
  });

  it('changes nothing when nothing fits better: tracks that score the same keep their places', () => {
    const same = [track('a', 120, 200_000), track('b', 120, 200_000), track('c', 120, 200_000), track('d', 120, 200_000)];
    const result = resequenceWithPins(same, { ...steady, lengthMs: 600_000 }, ['a', 'b', 'c'].map((trackId) => ({ trackId, pinned: false })));
    expect(result.tracks.map((t) => t.track.id)).toEqual(['a', 'b', 'c']);
  });

  it('never brings back an anchor the montage left out, however well it fits', () => {
    const anchor: PoolTrack = { ...track('anchor', 120, 200_000), isAnchor: true };
    const result = resequenceWithPins([anchor, ...pool], steady, [
      { trackId: 'off-1', pinned: false },
      { trackId: 'good-1', pinned: true },
    ]);
    expect(result.tracks.map((t) => t.track.id)).toEqual(['good-2', 'good-1']);
  });

  it('looks past tracks of unknown tempo for the track that fits a place', () => {
    const unknown = Array.from({ length: 30 }, (_, i) => track(`unknown-${i}`, null, 200_000));
    const result = resequenceWithPins([...unknown, ...pool], steady, [
      { trackId: 'off-1', pinned: false },
      { trackId: 'good-1', pinned: true },
    ]);
    expect(result.tracks.map((t) => t.track.id)).toEqual(['good-2', 'good-1']);
  });

  it('tries first the free tracks nearest the tempo of the place itself, not of the next one', () => {
    // Ramp 100 → 140 over two 200 s places: the first asks ≈ 110 BPM. Thirty free tracks near 130 fit it better than
    // its own 80 BPM track but worse than "t110"; only 24 free tracks are tried per place.
    const workout: WorkoutSpec = { mode: 'circuit', lengthMs: 400_000, toleranceMs: 60_000, curve: rampCurve(100, 140) };
    const near130 = Array.from({ length: 30 }, (_, i) => track(`n${i}`, 128 + (i % 5), 200_000));
    const tracks = [track('t80', 80, 200_000), track('t130', 130, 200_000), ...near130, track('t110', 110, 200_000)];
    const result = resequenceWithPins(tracks, workout, [
      { trackId: 't80', pinned: false },
      { trackId: 't130', pinned: true },
    ]);
    expect(result.tracks.map((t) => t.track.id)).toEqual(['t110', 't130']);
  });

  it('tries first the free tracks nearest the tempo of a later place, counted from the tracks before it', () => {
    // Ramp 100 → 160 over three 200 s places asking ≈ 110, 130, 150; the middle one is re-fitted. Thirty free tracks
    // near 110 and thirty near 160 fit it better than its own 70 BPM track, "t130" best of all.
    const workout: WorkoutSpec = { mode: 'circuit', lengthMs: 600_000, toleranceMs: 60_000, curve: rampCurve(100, 160) };
    const near110 = Array.from({ length: 30 }, (_, i) => track(`low${i}`, 108 + (i % 5), 200_000));
    const near160 = Array.from({ length: 30 }, (_, i) => track(`high${i}`, 158 + (i % 5), 200_000));
    const tracks = [track('t110', 110, 200_000), track('t70', 70, 200_000), track('t150', 150, 200_000), ...near110, ...near160, track('t130', 130, 200_000)];
    const result = resequenceWithPins(tracks, workout, [
      { trackId: 't110', pinned: true },
      { trackId: 't70', pinned: false },
      { trackId: 't150', pinned: true },
    ]);
    expect(result.tracks.map((t) => t.track.id)).toEqual(['t110', 't130', 't150']);
  });

  it('takes the next-nearest track when the nearest would put two songs of one artist side by side', () => {
    const tracks = [track('x', 100, 200_000), track('pinned', 120, 200_000, 'Survivor'), track('same-artist', 120, 200_000, 'Survivor'), track('other', 112, 200_000)];
    const result = resequenceWithPins(tracks, { ...steady, lengthMs: 400_000 }, [
      { trackId: 'x', pinned: false },
      { trackId: 'pinned', pinned: true },
    ]);
    expect(result.tracks.map((t) => t.track.id)).toEqual(['other', 'pinned']);
    expect(result.sameArtistPairs).toBe(0);
  });

  it('reports the re-fitted montage as the sequencer does: its length, what is short, the anchors left out, same-artist neighbours', () => {
    const anchor: PoolTrack = { ...track('anchor', 170, 200_000), isAnchor: true };
    const result = resequenceWithPins([...ordered, anchor, track('mid-twin', 131, 200_000, 'mid')], { ...ramp, lengthMs: 700_000 }, [
      { trackId: 'mid', pinned: true },
      { trackId: 'mid-twin', pinned: true },
    ]);
    expect(result.tracks.map((t) => t.track.id)).toEqual(['mid', 'mid-twin']);
    expect(result.totalMs).toBe(400_000);
    expect(result.shortfallMs).toBe(240_000);
    expect(result.anchorsLeftOut).toBe(1);
    expect(result.sameArtistPairs).toBe(1);
    expect(result.cost).toBeGreaterThan(0);
  });
});

/**
 * Every pool track of known tempo not in `montage`, scored with the montage as it stands and that track in place `at`,
 * those that keep within the length best first (pool order on ties): the ranking alternativesForSlot must give.
 */
function rankedInPlace(pool: readonly PoolTrack[], workout: WorkoutSpec, montage: readonly string[], at: number) {
  const p = toProblem(pool, workout);
  const base = montage.map((id) => p.tracks.findIndex((t) => t.id === id));
  return pool
    .map((t, i) => ({ t, i }))
    .filter(({ t }) => !montage.includes(t.id) && t.bpm !== null)
    .map(({ t, i }) => {
      const order = [...base];
      order[at] = i;
      return { i, id: t.id, score: scoreOrder(p, order) };
    })
    .filter((e) => e.score.overMs === 0)
    .sort((a, b) => compareScores(a.score, b.score) || a.i - b.i);
}

describe('alternativesForSlot', () => {
  it('ranks every unused timed track of a small pool exactly as scoring the montage with it in place does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ bpm: fc.option(fc.double({ min: 60, max: 200, noNaN: true }), { freq: 6 }), durationMs: fc.integer({ min: 60_000, max: 400_000 }) }), { minLength: 4, maxLength: 30 }),
        fc.integer({ min: 0, max: 2 }),
        (drawn, at) => {
          const pool = drawn.map((d, i) => track(`t${i}`, d.bpm, d.durationMs, `A${i % 4}`));
          const montage = pool.slice(0, 3).map((t) => t.id);
          const workout: WorkoutSpec = { mode: 'circuit', lengthMs: 700_000, toleranceMs: 120_000, curve: rampCurve(100, 160) };
          const found = alternativesForSlot(pool, workout, montage, at, 5);
          const expected = rankedInPlace(pool, workout, montage, at);
          expect(found.map((a) => a.cost)).toEqual(expected.slice(0, 5).map((e) => e.score.cost));
          for (const a of found) expect(montage).not.toContain(a.track.id);
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });

  it('plays a replacement at the ½×/1×/2× nearest the curve over its place in the montage as it will be, after the swap (issue 32, item 14)', () => {
    // A ramp 80 → 180 BPM. Swapping the 100 s last track for a 300 s one makes the montage 500 s
    // long, so the place runs from 40 % to the end: mean 150 BPM, where 104 BPM plays best at 1×
    // (|104 − 150| < |208 − 150|). Measured against the 300 s montage before the swap, the place
    // would sit later on the ramp (mean ≈ 163 BPM) and 2× would be chosen.
    const workout: WorkoutSpec = { mode: 'circuit', lengthMs: 600_000, toleranceMs: 200_000, curve: rampCurve(80, 180) };
    const pool = [track('opening', 130, 200_000), track('closing', 150, 100_000), track('long-replacement', 104, 300_000)];
    const [only] = alternativesForSlot(pool, workout, ['opening', 'closing'], 1);
    expect(only).toMatchObject({ track: { id: 'long-replacement' }, multiplier: 1 });
  });

  it('names a place outside the montage', () => {
    const pool = [track('a', 120, 200_000), track('b', 120, 200_000)];
    expect(() => alternativesForSlot(pool, steady, ['a'], 3)).toThrow(SequencerInputError);
    for (const at of [1, -1, 0.5, Number.NaN]) {
      expect(() => alternativesForSlot(pool, steady, ['a'], at)).toThrow(expect.objectContaining({ field: 'at', message: expect.stringContaining('must be a place of the montage') }));
    }
    expect(alternativesForSlot(pool, steady, ['a'], 0).map((a) => a.track.id)).toEqual(['b']);
  });

  it('names a montage whose tracks are not all in the pool', () => {
    const pool = [track('a', 120, 200_000), track('b', 120, 200_000)];
    expect(() => alternativesForSlot(pool, steady, ['a', 'gone'], 0)).toThrow(
      expect.objectContaining({ field: 'montage', message: expect.stringContaining('every track of the montage must be in the pool') }),
    );
  });

  it('offers only tracks of a known positive tempo and a length of at least 1 s that keep the montage within its tolerance, each once', () => {
    const workout: WorkoutSpec = { mode: 'circuit', lengthMs: 400_000, toleranceMs: 50_000, curve: steadyCurve(120) };
    const pool = [
      track('in-1', 120, 200_000),
      track('in-2', 120, 200_000),
      track('ok', 118, 200_000),
      track('ok', 118, 200_000),
      track('one-second', 119, 1_000),
      track('under-a-second', 120, 999),
      track('no-length', 120, 0),
      { ...track('null-length', 120, 0), durationMs: null },
      track('unknown', null, 200_000),
      track('nan', Number.NaN, 200_000),
      track('infinite', Number.POSITIVE_INFINITY, 200_000),
      track('zero', 0, 200_000),
      track('negative', -120, 200_000),
      track('at-the-limit', 117, 250_000),
      track('over', 120, 250_001),
    ];
    const found = alternativesForSlot(pool, workout, ['in-1', 'in-2'], 1).map((a) => a.track.id);
    expect(found.sort()).toEqual(['at-the-limit', 'ok', 'one-second']);
  });

  it('among tracks of the same tempo, shortlists those whose length keeps the montage nearest its own', () => {
    // 100 tracks of the right tempo but half the length (the montage would fall short) come first in the pool; the
    // ten of the right length must still be found although only 64 tracks are scored in full.
    const workout: WorkoutSpec = { mode: 'circuit', lengthMs: 600_000, toleranceMs: 30_000, curve: steadyCurve(120) };
    const montage = [track('a', 120, 200_000), track('b', 120, 200_000), track('c', 120, 200_000)];
    const short = Array.from({ length: 100 }, (_, i) => track(`short-${i}`, 120, 100_000));
    const fitting = Array.from({ length: 10 }, (_, i) => track(`fit-${i}`, 120, 200_000));
    const found = alternativesForSlot([...montage, ...short, ...fitting], workout, ['a', 'b', 'c'], 1);
    expect(found.map((a) => a.track.id).sort()).toEqual(fitting.map((t) => t.id).sort());
  });

  it('counts a track the pool lists twice with its first listing', () => {
    // "a" is 200 s as first listed: with it, a 300 s track in the second place would run past 450 s.
    const workout: WorkoutSpec = { mode: 'circuit', lengthMs: 400_000, toleranceMs: 50_000, curve: steadyCurve(120) };
    const pool = [track('a', 120, 200_000), track('b', 120, 200_000), track('a', 120, 100_000), track('long', 120, 300_000), track('fits', 121, 200_000)];
    expect(alternativesForSlot(pool, workout, ['a', 'b'], 1).map((a) => a.track.id)).toEqual(['fits']);
  });

  it('offers at most `limit` (10 unless asked), none for a limit of 0 or less', () => {
    const pool = Array.from({ length: 20 }, (_, i) => track(`t${i}`, 100 + i, 200_000));
    const montage = ['t0', 't1', 't2'];
    expect(alternativesForSlot(pool, steady, montage, 1)).toHaveLength(10);
    expect(alternativesForSlot(pool, steady, montage, 1, 3)).toHaveLength(3);
    expect(alternativesForSlot(pool, steady, montage, 1, 0)).toEqual([]);
    expect(alternativesForSlot(pool, steady, montage, 1, -2)).toEqual([]);
  });

  it('ranks tracks that score the same in the order of the pool', () => {
    const montage = [track('a', 120, 200_000), track('b', 120, 200_000)];
    const x = track('x', 125, 200_000, 'X');
    const y = track('y', 125, 200_000, 'Y');
    expect(alternativesForSlot([...montage, x, y], steady, ['a', 'b'], 0).map((a) => a.track.id)).toEqual(['x', 'y']);
    expect(alternativesForSlot([...montage, y, x], steady, ['a', 'b'], 0).map((a) => a.track.id)).toEqual(['y', 'x']);
  });

  it('gives each offer the multiplier it would play at in that place of the curve', () => {
    // Ramp 80 → 160 over three 200 s places: the first asks ≈ 93 BPM (75 plays at 1×), the last ≈ 147 (75 plays at 2×,
    // 100 still at 1×: it would be 2× only at the curve's very end, 160).
    const workout: WorkoutSpec = { mode: 'circuit', lengthMs: 600_000, toleranceMs: 60_000, curve: rampCurve(80, 160) };
    const pool = [track('a', 93, 200_000), track('b', 120, 200_000), track('c', 147, 200_000), track('half', 75, 200_000), track('double', 290, 200_000), track('hundred', 100, 200_000)];
    const multipliers = (at: number) => Object.fromEntries(alternativesForSlot(pool, workout, ['a', 'b', 'c'], at).map((a) => [a.track.id, a.multiplier]));
    expect(multipliers(0)).toEqual({ half: 1, double: 0.5, hundred: 1 });
    expect(multipliers(1)).toEqual({ half: 2, double: 0.5, hundred: 1 });
    expect(multipliers(2)).toEqual({ half: 2, double: 0.5, hundred: 1 });
  });

  it('finds the best replacements among hundreds of tracks, as scoring each of them in place does', () => {
    const workout: WorkoutSpec = { mode: 'circuit', lengthMs: 900_000, toleranceMs: 120_000, curve: rampCurve(100, 160) };
    const rng = fc.sample(fc.record({ bpm: fc.double({ min: 60, max: 200, noNaN: true }), durationMs: fc.integer({ min: 150_000, max: 330_000 }) }), { numRuns: 400, seed: 11 });
    const pool = rng.map((d, i) => track(`t${i}`, d.bpm, d.durationMs, `A${i}`));
    const montage = ['t0', 't1', 't2', 't3'];
    for (const at of [0, 2, 3]) {
      const expected = rankedInPlace(pool, workout, montage, at).slice(0, 10);
      const found = alternativesForSlot(pool, workout, montage, at);
      expect(found.map((a) => a.track.id)).toEqual(expected.map((e) => e.id));
      expect(found.map((a) => a.cost)).toEqual(expected.map((e) => e.score.cost));
    }
  });
});
