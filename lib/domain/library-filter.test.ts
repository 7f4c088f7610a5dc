import { describe, expect, it } from 'vitest';
import { describeCriteria, disjointTempoRanges, librarySearch, matchesTempo, rawTempoRanges, splitSources } from './library-filter';

describe('which tracks a library tempo filter keeps', () => {
  it('keeps every track, tempo known or not, when no bound is given', () => {
    for (const bpm of [null, 30, 120, 300]) expect(matchesTempo(bpm, { halfDouble: true })).toBe(true);
  });

  it('keeps tempos inside the range, bounds included, and never an unknown tempo', () => {
    const range = { minTempo: 160, maxTempo: 180, halfDouble: false };
    expect([159.9, 160, 170, 180, 180.1].map((bpm) => matchesTempo(bpm, range))).toEqual([false, true, true, true, false]);
    expect(matchesTempo(null, range)).toBe(false);
    // Without half/double time, a 90 BPM song does not fit 180 steps/min.
    expect(matchesTempo(90, range)).toBe(false);
  });

  it('with half/double time, a song fits at twice or half its tempo, bounds included', () => {
    const range = { minTempo: 160, maxTempo: 180, halfDouble: true };
    // ×2: 80–90 BPM reach 160–180; ×½: 320–360 BPM do.
    expect([79.9, 80, 90, 90.1].map((bpm) => matchesTempo(bpm, range))).toEqual([false, true, true, false]);
    expect([319.9, 320, 360, 360.1].map((bpm) => matchesTempo(bpm, range))).toEqual([false, true, true, false]);
    expect([120, 200].map((bpm) => matchesTempo(bpm, range))).toEqual([false, false]);
  });

  it('an open bound reaches to the edge of the stored tempos (30–300 BPM)', () => {
    expect([159, 160, 300].map((bpm) => matchesTempo(bpm, { minTempo: 160, halfDouble: false }))).toEqual([false, true, true]);
    expect([30, 100, 101].map((bpm) => matchesTempo(bpm, { maxTempo: 100, halfDouble: false }))).toEqual([true, true, false]);
    // Up to 100 from the open 30: at ×2, songs from 15 BPM reach it.
    expect(matchesTempo(15, { maxTempo: 100, halfDouble: true })).toBe(true);
    expect(matchesTempo(14, { maxTempo: 100, halfDouble: true })).toBe(false);
  });
});

describe('the tempo ranges a library page walks one by one', () => {
  it('keeps ½×, 1× and 2× of a narrow range apart, lowest first', () => {
    expect(disjointTempoRanges(rawTempoRanges({ minTempo: 160, maxTempo: 180, halfDouble: true }))).toEqual([
      { minBpm: 80, maxBpm: 90 },
      { minBpm: 160, maxBpm: 180 },
      { minBpm: 320, maxBpm: 360 },
    ]);
  });

  it('merges ranges that overlap or touch, so no tempo is walked twice', () => {
    expect(disjointTempoRanges(rawTempoRanges({ minTempo: 60, maxTempo: 200, halfDouble: true }))).toEqual([{ minBpm: 30, maxBpm: 400 }]);
    expect(disjointTempoRanges(rawTempoRanges({ minTempo: 100, maxTempo: 200, halfDouble: true }))).toEqual([{ minBpm: 50, maxBpm: 400 }]);
    expect(disjointTempoRanges([{ minBpm: 120, maxBpm: 130 }, { minBpm: 100, maxBpm: 110 }, { minBpm: 105, maxBpm: 125 }])).toEqual([{ minBpm: 100, maxBpm: 130 }]);
  });

  it('keeps every tempo of the ranges it was given, and no other', () => {
    const ranges = rawTempoRanges({ minTempo: 70, maxTempo: 150, halfDouble: true });
    const merged = disjointTempoRanges(ranges);
    for (let bpm = 20; bpm <= 420; bpm += 0.5) {
      const inGiven = ranges.some((r) => bpm >= r.minBpm && bpm <= r.maxBpm);
      expect(merged.some((r) => bpm >= r.minBpm && bpm <= r.maxBpm)).toBe(inGiven);
    }
  });
});

describe('tempo sources a filter keeps', () => {
  it('splits the known sources from “unknown tempo”', () => {
    expect(splitSources(['tap', 'unknown', 'lookup'])).toEqual({ known: ['tap', 'lookup'], isUnknownKept: true });
    expect(splitSources(['manual'])).toEqual({ known: ['manual'], isUnknownKept: false });
    expect(splitSources([])).toEqual({ known: [], isUnknownKept: false });
  });
});

describe('what a search asks', () => {
  it('asks nothing when empty or blank', () => {
    for (const q of [undefined, '', '   ']) expect(librarySearch(q)).toEqual({ kind: 'none' });
  });

  it('looks for one or two characters at the start of a title or artist, three or more anywhere (trimmed)', () => {
    expect(librarySearch(' m ')).toEqual({ kind: 'prefix', text: 'm' });
    expect(librarySearch('U2')).toEqual({ kind: 'prefix', text: 'U2' });
    expect(librarySearch('abc')).toEqual({ kind: 'anywhere', text: 'abc' });
    expect(librarySearch(' a b ')).toEqual({ kind: 'anywhere', text: 'a b' });
  });

  it('counts characters, not UTF-16 units: an emoji pair is two characters', () => {
    expect(librarySearch('🏃🎵')).toEqual({ kind: 'prefix', text: '🏃🎵' });
    expect(librarySearch('🏃🎵!')).toEqual({ kind: 'anywhere', text: '🏃🎵!' });
  });
});

describe('the one-line description of a saved filter', () => {
  it('says “everything” when nothing narrows the library', () => {
    expect(describeCriteria({ halfDouble: true })).toBe('everything');
    expect(describeCriteria({ halfDouble: false, q: '', sources: [], origins: [] })).toBe('everything');
  });

  it('names each criterion in order, with the half/double note only when it applies', () => {
    expect(describeCriteria({ q: 'queen', minTempo: 160, maxTempo: 180, halfDouble: true, sources: ['tap', 'unknown'], origins: ['spotify'] })).toBe(
      '“queen” · 160–180 BPM (½×/2× count) · tempo: tap, unknown · from: spotify',
    );
    expect(describeCriteria({ maxTempo: 170, halfDouble: false })).toBe('30–170 BPM');
    expect(describeCriteria({ minTempo: 100, halfDouble: false, origins: ['local', 'catalog'] })).toBe('100–300 BPM · from: local, catalog');
  });
});
