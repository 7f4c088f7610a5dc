import { describe, expect, it } from 'vitest';
import type { LibraryFilterRow } from '../../db/queries/library-filters';
import { TEMPO_SOURCE_FILTERS, TRACK_ORIGINS } from '../domain/library-filter';
import { describeSaved, libraryCriteriaSchema, savedCriteria, savedTrackIds, scopeOfSaved } from './library-criteria';

/** The problems a query's criteria are refused for, as field → message; null when they are accepted. */
function problems(input: Record<string, unknown>): Record<string, string> | null {
  const parsed = libraryCriteriaSchema.safeParse(input);
  return parsed.success ? null : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]));
}

const row = (kind: 'filter' | 'tracks', criteria: Record<string, unknown>): LibraryFilterRow => ({
  id: '0b6f1a8e-3c2d-4e5f-8a9b-0c1d2e3f4a5b',
  ownerId: '1b6f1a8e-3c2d-4e5f-8a9b-0c1d2e3f4a5b',
  name: 'Saved',
  kind,
  criteria,
  createdAt: new Date(0),
});

describe('library criteria, as a query string or a saved filter sends them', () => {
  it('reads blank and null values as no value, counts half and double time unless told not to', () => {
    expect(libraryCriteriaSchema.parse({})).toEqual({ halfDouble: true });
    expect(libraryCriteriaSchema.parse({ q: '', minTempo: '', maxTempo: null, sources: '', origins: [] })).toEqual({ halfDouble: true });
    expect(libraryCriteriaSchema.parse({ q: '  eye of  ', halfDouble: false })).toEqual({ q: 'eye of', halfDouble: false });
  });

  it('takes tempo bounds as numbers or numeric text, 30 to 300, the lower not above the upper', () => {
    expect(libraryCriteriaSchema.parse({ minTempo: '30', maxTempo: 300 })).toMatchObject({ minTempo: 30, maxTempo: 300 });
    expect(libraryCriteriaSchema.parse({ minTempo: 120, maxTempo: '120' })).toMatchObject({ minTempo: 120, maxTempo: 120 });
    expect(problems({ minTempo: 29.9 })).toEqual({ minTempo: 'must be at least 30' });
    expect(problems({ maxTempo: 300.5 })).toEqual({ maxTempo: 'must be at most 300' });
    expect(problems({ minTempo: 'fast' })).toEqual({ minTempo: 'must be a number' });
    expect(problems({ minTempo: 150, maxTempo: 140 })).toEqual({ maxTempo: 'must not be below minTempo' });
  });

  it('takes a search of up to 100 characters, trimmed', () => {
    expect(libraryCriteriaSchema.parse({ q: ` ${'a'.repeat(100)} ` }).q).toHaveLength(100);
    expect(problems({ q: 'a'.repeat(101) })).toEqual({ q: 'must be at most 100 characters' });
  });

  it('takes lists repeated or comma-separated, trimmed, blanks and repeats dropped, and names what is allowed', () => {
    expect(libraryCriteriaSchema.parse({ sources: ['manual', ' lookup , manual', ','], origins: 'local,spotify' })).toMatchObject({
      sources: ['manual', 'lookup'],
      origins: ['local', 'spotify'],
    });
    expect(libraryCriteriaSchema.parse({ sources: ' , ' }).sources).toBeUndefined();
    expect(problems({ origins: 'local,cassette' })).toEqual({ 'origins.1': `must be among ${TRACK_ORIGINS.join(', ')}` });
    expect(problems({ sources: ['guess'] })).toEqual({ 'sources.0': `must be among ${TEMPO_SOURCE_FILTERS.join(', ')}` });
  });

  it('refuses a criterion it does not know', () => {
    expect(problems({ genre: 'synth' })).not.toBeNull();
  });
});

describe('saved filters and sets', () => {
  it('a filter draws from its criteria, described in words', () => {
    const filter = row('filter', { minTempo: 160, maxTempo: 180, origins: ['local'] });
    expect(savedCriteria(filter)).toEqual({ minTempo: 160, maxTempo: 180, origins: ['local'], halfDouble: true });
    expect(scopeOfSaved(filter)).toEqual({ kind: 'criteria', criteria: { minTempo: 160, maxTempo: 180, origins: ['local'], halfDouble: true } });
    expect(describeSaved(filter)).toBe('160–180 BPM (½×/2× count) · from: local');
    expect(savedTrackIds(filter)).toEqual([]);
  });

  it('a set draws from its tracks: "1 picked track", "2 picked tracks"', () => {
    expect(scopeOfSaved(row('tracks', { trackIds: ['a', 'b'] }))).toEqual({ kind: 'tracks', trackIds: ['a', 'b'] });
    expect(describeSaved(row('tracks', { trackIds: ['a'] }))).toBe('1 picked track');
    expect(describeSaved(row('tracks', { trackIds: ['a', 'b'] }))).toBe('2 picked tracks');
    expect(savedCriteria(row('tracks', {}))).toBeNull();
  });

  it('a saved filter that no longer reads as criteria draws nothing and says so; a set without a list is empty', () => {
    const unreadable = row('filter', { minTempo: 500 });
    expect(savedCriteria(unreadable)).toBeNull();
    expect(scopeOfSaved(unreadable)).toEqual({ kind: 'tracks', trackIds: [] });
    expect(describeSaved(unreadable)).toBe('no longer readable');
    expect(savedTrackIds(row('tracks', { trackIds: 'a,b' }))).toEqual([]);
    expect(describeSaved(row('tracks', {}))).toBe('0 picked tracks');
  });
});
