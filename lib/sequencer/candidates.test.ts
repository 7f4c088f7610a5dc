import { describe, expect, it } from 'vitest';
import { rampCurve } from '../domain/curves';
import type { PoolTrack } from '../domain/types';
import { insertionsAt, replacementsFor } from './candidates';
import type { SearchContext } from './local-search';
import { toProblem } from './problem';
import { emptyScore, type Score } from './score';
import { buildLengthIndex } from './length-index';
import { buildTempoIndex } from './tempo-index';

const track = (id: string, bpm: number | null, durationMs = 200_000, isAnchor = false): PoolTrack => ({ id, title: id, artist: id, durationMs, bpm, isAnchor });

// A ramp from 100 to 200 BPM over 1,000 s (± 100 s): early in the montage slow tracks fit, late fast ones.
const POOL = [
  track('slow', 100),
  track('mid', 150),
  track('fast', 190),
  track('filler', null),
  track('filler 2', null, 180_000),
  track('anchor slow', 105, 200_000, true),
  track('anchor fast', 185, 200_000, true),
  track('anchor untimed', null, 200_000, true),
  track('long', 160, 500_000),
];
// Their indices in the problem (every track here has a length, so none is dropped).
const [SLOW, MID, FAST, FILLER, FILLER2, ANCHOR_SLOW, ANCHOR_FAST, ANCHOR_UNTIMED, LONG] = [0, 1, 2, 3, 4, 5, 6, 7, 8] as const;

function context(): SearchContext {
  const p = toProblem(POOL, { mode: 'run', lengthMs: 1_000_000, toleranceMs: 100_000, curve: rampCurve(100, 200) });
  return {
    p,
    index: buildTempoIndex(p),
    candidateCount: 2,
    typicalMs: 200_000,
    fillers: [FILLER, FILLER2],
    anchorIndex: buildTempoIndex(p, true),
    untimedAnchors: [ANCHOR_UNTIMED],
    exchangeIns: [],
    nonAnchorLengths: buildLengthIndex(p, (i) => p.isAnchor[i] === 0),
    fillerLengths: buildLengthIndex(p, (i) => p.isFiller[i] === 1),
    fitMisses: new Set(),
    exchangeInWindow: false,
    work: { spent: 0, limit: Infinity },
    exchangeAnywhere: false,
  };
}

const used = (...tracks: number[]) => {
  const marks = new Uint8Array(POOL.length);
  for (const t of tracks) marks[t] = 1;
  return marks;
};
const score = (fields: Partial<Score>): Score => ({ ...emptyScore(), ...fields });

describe('replacementsFor', () => {
  it('offers the unused tracks nearest the curve where the track plays: slow ones at the start, fast ones at the end', () => {
    const ctx = context();
    const order = [MID, SLOW, FAST];
    const full = score({ totalMs: 600_000 });
    // First slot: 0–200 s of 600 s on a 100 → 200 ramp, about 117 BPM.
    expect(replacementsFor(ctx, order, 0, full, used(MID, FAST), [])).toEqual([SLOW, LONG]);
    // Last slot: 400–600 s, about 183 BPM: LONG (160) before MID (150); the track itself is in use and not offered.
    expect(replacementsFor(ctx, order, 2, full, used(MID, SLOW, FAST), [])).toEqual([LONG]);
    expect(replacementsFor(ctx, order, 2, full, used(SLOW, FAST), [])).toEqual([LONG, MID]);
    // Middle slot: 200–400 s, 150 BPM on average: LONG (160) before SLOW at double time (200).
    expect(replacementsFor(ctx, order, 1, full, used(MID, FAST), [])).toEqual([LONG, SLOW]);
  });

  it('adds the unused fillers when the montage is short, or when the track itself is a filler', () => {
    const ctx = context();
    expect(replacementsFor(ctx, [SLOW], 0, score({ totalMs: 200_000, shortfallMs: 700_000 }), used(SLOW, FILLER), [])).toEqual([MID, LONG, FILLER2]);
    // The whole ramp, 150 on average: MID, then LONG (160).
    expect(replacementsFor(ctx, [FILLER], 0, score({ totalMs: 200_000 }), used(FILLER), [])).toEqual([MID, LONG, FILLER2]);
    expect(replacementsFor(ctx, [SLOW], 0, score({ totalMs: 200_000 }), used(SLOW), [])).toEqual([MID, LONG]);
  });

  it('replaces an anchor only with another anchor, timed ones nearest first, then the untimed ones', () => {
    const ctx = context();
    const order = [ANCHOR_SLOW, MID];
    expect(replacementsFor(ctx, order, 0, score({ totalMs: 400_000 }), used(ANCHOR_SLOW, MID), [])).toEqual([ANCHOR_FAST, ANCHOR_UNTIMED]);
    expect(replacementsFor(ctx, order, 0, score({ totalMs: 400_000 }), used(ANCHOR_SLOW, MID, ANCHOR_UNTIMED), [])).toEqual([ANCHOR_FAST]);
  });
});

describe('insertionsAt', () => {
  it('offers nothing when the montage is at its longest', () => {
    const ctx = context();
    expect(insertionsAt(ctx, [SLOW], 1, score({ totalMs: 1_100_000 }), used(SLOW), [7])).toEqual([]);
    expect(insertionsAt(ctx, [SLOW], 1, score({ totalMs: 1_200_000 }), used(SLOW), [7])).toEqual([]);
  });

  it('offers the unused tracks nearest the curve there that still fit in the room left', () => {
    const ctx = context();
    // 1,100,000 − 650,000 = 450,000 ms of room: LONG (500,000) does not fit.
    const order = [SLOW, MID];
    expect(insertionsAt(ctx, order, 2, score({ totalMs: 650_000 }), used(SLOW, MID), [])).toEqual([FAST]);
    // Inserted last in about 600 s: about 183 BPM, FAST (190) before LONG (160).
    expect(insertionsAt(ctx, order, 2, score({ totalMs: 400_000 }), used(SLOW, MID), [])).toEqual([FAST, LONG]);
    // Inserted first: about 117 BPM, SLOW (100) before FAST at half time (95).
    expect(insertionsAt(ctx, order, 0, score({ totalMs: 400_000 }), used(MID), [])).toEqual([SLOW, FAST]);
    // Exactly 200,000 ms of room: a 200,000 ms track still fits.
    expect(insertionsAt(ctx, order, 2, score({ totalMs: 900_000 }), used(SLOW, MID), [])).toEqual([FAST]);
  });

  it('adds missing anchors (timed nearest first, then untimed) and, when short, the unused fillers', () => {
    const ctx = context();
    const withAnchorsMissing = insertionsAt(ctx, [MID], 1, score({ totalMs: 200_000, anchorsMissing: 3 }), used(MID), []);
    expect(withAnchorsMissing).toEqual([LONG, FAST, ANCHOR_FAST, ANCHOR_SLOW, ANCHOR_UNTIMED]);
    const short = insertionsAt(ctx, [MID], 1, score({ totalMs: 200_000, shortfallMs: 700_000 }), used(MID, FILLER2), []);
    expect(short).toEqual([LONG, FAST, FILLER]);
    expect(insertionsAt(ctx, [MID], 1, score({ totalMs: 200_000 }), used(MID), [])).toEqual([LONG, FAST]);
    // An untimed anchor already in the montage is not offered again.
    const placed = insertionsAt(ctx, [MID, ANCHOR_UNTIMED], 1, score({ totalMs: 200_000, anchorsMissing: 2 }), used(MID, ANCHOR_UNTIMED), []);
    expect(placed).toEqual([LONG, FAST, ANCHOR_FAST, ANCHOR_SLOW]);
  });
});
