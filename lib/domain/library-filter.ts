import { TEMPO_SOURCES, type TempoSource } from './types';

/** Where a track's tempo came from, or that none is known: what the library filters on. */
export const TEMPO_SOURCE_FILTERS = [...TEMPO_SOURCES, 'unknown'] as const;
export type TempoSourceFilter = (typeof TEMPO_SOURCE_FILTERS)[number];

export const TRACK_ORIGINS = ['catalog', 'spotify', 'local'] as const;
export type TrackOrigin = (typeof TRACK_ORIGINS)[number];

export const LIBRARY_SORTS = ['title', 'artist', 'tempo', '-tempo'] as const;
export type LibrarySort = (typeof LIBRARY_SORTS)[number];

/** Bounds of what a library query may ask for. */
export const LIBRARY_LIMITS = {
  maxPageSize: 100,
  defaultPageSize: 50,
  maxPage: 10_000,
  minTempo: 30,
  maxTempo: 300,
  maxQueryLength: 100,
  /** A hand-picked set holds at most this many tracks. */
  maxPickedTracks: 500,
} as const;

/**
 * A part of the library: every criterion narrows it (none given: everything). Tempo bounds are
 * effective tempos (BPM, or steps/min for runners); with `halfDouble`, a track matches when its
 * tempo as recorded, at half or at double time falls in the range (a 90 BPM song fits 180 spm).
 */
export interface LibraryCriteria {
  /**
   * Words found in the title or the artist (case ignored); one or two characters match the start
   * of the title or the artist (see `librarySearch`).
   */
  q?: string | undefined;
  minTempo?: number | undefined;
  maxTempo?: number | undefined;
  halfDouble: boolean;
  /** Tempo sources to keep; `unknown` keeps tracks with no tempo. */
  sources?: readonly TempoSourceFilter[] | undefined;
  origins?: readonly TrackOrigin[] | undefined;
}

export interface TempoRange {
  /** Raw tempo bounds, inclusive. */
  minBpm: number;
  maxBpm: number;
}

/**
 * The raw tempo ranges a tempo filter matches: the range itself and, with half/double time, the
 * raw tempos that reach it at ×2 (half the bounds) or ×½ (twice the bounds). Empty when no bound
 * is given; an open bound reaches to the edge of the stored tempos (30–300 BPM).
 */
export function rawTempoRanges(criteria: Pick<LibraryCriteria, 'minTempo' | 'maxTempo' | 'halfDouble'>): TempoRange[] {
  if (criteria.minTempo === undefined && criteria.maxTempo === undefined) return [];
  const min = criteria.minTempo ?? LIBRARY_LIMITS.minTempo;
  const max = criteria.maxTempo ?? LIBRARY_LIMITS.maxTempo;
  const ranges: TempoRange[] = [{ minBpm: min, maxBpm: max }];
  if (criteria.halfDouble) ranges.push({ minBpm: min / 2, maxBpm: max / 2 }, { minBpm: min * 2, maxBpm: max * 2 });
  return ranges;
}

/** The same tempos as `ranges`, as ranges that do not overlap, lowest first (a wide range's ½× and 2× overlap it). */
export function disjointTempoRanges(ranges: TempoRange[]): TempoRange[] {
  const merged: TempoRange[] = [];
  for (const range of [...ranges].sort((a, b) => a.minBpm - b.minBpm)) {
    const last = merged.at(-1);
    if (last && range.minBpm <= last.maxBpm) last.maxBpm = Math.max(last.maxBpm, range.maxBpm);
    else merged.push({ ...range });
  }
  return merged;
}

/** Whether a raw tempo matches the criteria's tempo range (true when there is none). */
export function matchesTempo(bpm: number | null, criteria: Pick<LibraryCriteria, 'minTempo' | 'maxTempo' | 'halfDouble'>): boolean {
  const ranges = rawTempoRanges(criteria);
  if (ranges.length === 0) return true;
  return bpm !== null && ranges.some((r) => bpm >= r.minBpm && bpm <= r.maxBpm);
}

/** The shortest search found anywhere in a title or artist: a trigram index finds nothing shorter. */
export const MIN_ANYWHERE_SEARCH_LENGTH = 3;

/** What a search asks: nothing, text anywhere in the title or artist, or (one or two characters) the start of either. */
export type LibrarySearch = { kind: 'none' } | { kind: 'anywhere' | 'prefix'; text: string };

/** The search in `q` (trimmed): "mo" finds "Moonlight" and "Motörhead", not "Hammond"; three characters or more are found anywhere. */
export function librarySearch(q: string | undefined): LibrarySearch {
  const text = q?.trim() ?? '';
  if (text === '') return { kind: 'none' };
  return { kind: [...text].length < MIN_ANYWHERE_SEARCH_LENGTH ? 'prefix' : 'anywhere', text };
}

/** The sources a filter keeps, split into known sources and whether unknown tempos are kept. */
export function splitSources(sources: readonly TempoSourceFilter[]): { known: TempoSource[]; isUnknownKept: boolean } {
  return { known: sources.filter((s): s is TempoSource => s !== 'unknown'), isUnknownKept: sources.includes('unknown') };
}

/** A short description of a filter, e.g. "160–180 spm (½×/2× count) · “queen” · Spotify". */
export function describeCriteria(criteria: LibraryCriteria): string {
  const parts: string[] = [];
  if (criteria.q) parts.push(`“${criteria.q}”`);
  if (criteria.minTempo !== undefined || criteria.maxTempo !== undefined) {
    parts.push(`${criteria.minTempo ?? LIBRARY_LIMITS.minTempo}–${criteria.maxTempo ?? LIBRARY_LIMITS.maxTempo} BPM${criteria.halfDouble ? ' (½×/2× count)' : ''}`);
  }
  if (criteria.sources && criteria.sources.length > 0) parts.push(`tempo: ${criteria.sources.join(', ')}`);
  if (criteria.origins && criteria.origins.length > 0) parts.push(`from: ${criteria.origins.join(', ')}`);
  return parts.length === 0 ? 'everything' : parts.join(' · ');
}
