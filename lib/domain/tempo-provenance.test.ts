import { describe, expect, it } from 'vitest';
import { pickTempo, pickTempoQuestion, type TempoCandidate } from './tempo-provenance';

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

describe('a detected tempo awaiting confirmation', () => {
  const doubtful: TempoCandidate = { bpm: 113.3, source: 'analysis', ownerId: 'me', sourceNote: 'montage tempogram 1 (confidence 0.20)', needsConfirmation: true };

  it('is never the tempo: the track stays unknown, or a less trusted source is used', () => {
    expect(pickTempo([doubtful], 'me')).toBeNull();
    expect(pickTempo([doubtful, lookup], 'me')).toBe(lookup);
  });

  it('is the question asked while nothing else is known, and only of its owner', () => {
    expect(pickTempoQuestion([doubtful], 'me')).toBe(doubtful);
    expect(pickTempoQuestion([doubtful], 'someone-else')).toBeNull();
    expect(pickTempoQuestion([doubtful, lookup], 'me')).toBeNull();
  });

  it('is answered by the owner: their tap wins and the question goes', () => {
    const tapped: TempoCandidate = { bpm: 170, source: 'tap', ownerId: 'me', sourceNote: null };
    expect(pickTempo([tapped, doubtful], 'me')).toBe(tapped);
    expect(pickTempoQuestion([tapped, doubtful], 'me')).toBeNull();
  });
});
