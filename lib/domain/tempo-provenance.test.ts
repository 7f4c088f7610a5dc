import { describe, expect, it } from 'vitest';
import { pickTempo, type TempoCandidate } from './tempo-provenance';

const catalog: TempoCandidate = { bpm: 98.1, source: 'catalog', ownerId: null, sourceNote: 'TidyTuesday' };
const lookup: TempoCandidate = { bpm: 196, source: 'lookup', ownerId: null, sourceNote: null };
const mine: TempoCandidate = { bpm: 99, source: 'manual', ownerId: 'me', sourceNote: null };
const theirs: TempoCandidate = { bpm: 120, source: 'tap', ownerId: 'someone-else', sourceNote: null };

describe('pickTempo', () => {
  it('prefers the user own value over a catalog fact and a lookup', () => {
    expect(pickTempo([lookup, catalog, mine], 'me')).toBe(mine);
  });
  it('never uses another user own value', () => {
    expect(pickTempo([theirs, lookup], 'me')).toBe(lookup);
    expect(pickTempo([theirs], null)).toBeNull();
  });
  it('prefers a catalog fact over a lookup', () => {
    expect(pickTempo([lookup, catalog], null)).toBe(catalog);
  });
  it('returns null when the tempo is unknown', () => {
    expect(pickTempo([], 'me')).toBeNull();
  });
});
