import { z } from 'zod';
import type { LibraryFilterRow } from '../../db/queries/library-filters';
import type { PoolScope } from '../../db/queries/library-tracks';
import { LIBRARY_LIMITS as L, TEMPO_SOURCE_FILTERS, TRACK_ORIGINS, describeCriteria, type LibraryCriteria } from '../domain/library-filter';

/** '' and absent are the same: no value. */
export const blankToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);

export const tempoBound = z.preprocess(
  blankToUndefined,
  z.coerce.number({ message: 'must be a number' }).min(L.minTempo, `must be at least ${L.minTempo}`).max(L.maxTempo, `must be at most ${L.maxTempo}`).optional(),
);

/** Repeated (`source=a&source=b`) or comma-separated (`source=a,b`) values. */
export const listOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(
    (value) => {
      const items = (Array.isArray(value) ? value : value === undefined ? [] : [value]).flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter((v) => v !== '');
      return items.length === 0 ? undefined : [...new Set(items)];
    },
    z.array(z.enum(values, { message: `must be among ${values.join(', ')}` })).optional(),
  );

/** The criteria of a library filter (saved filters hold the same). */
export const libraryCriteriaSchema = z
  .object({
    q: z.preprocess(blankToUndefined, z.string().trim().max(L.maxQueryLength, `must be at most ${L.maxQueryLength} characters`).optional()),
    minTempo: tempoBound,
    maxTempo: tempoBound,
    halfDouble: z.boolean().default(true),
    sources: listOf(TEMPO_SOURCE_FILTERS),
    origins: listOf(TRACK_ORIGINS),
  })
  .strict()
  .refine((c) => c.minTempo === undefined || c.maxTempo === undefined || c.minTempo <= c.maxTempo, {
    message: 'must not be below minTempo',
    path: ['maxTempo'],
  });


/** The criteria a saved filter holds; null if they no longer read as criteria (then it is ignored). */
export function savedCriteria(row: LibraryFilterRow): LibraryCriteria | null {
  if (row.kind !== 'filter') return null;
  const parsed = libraryCriteriaSchema.safeParse(row.criteria);
  return parsed.success ? parsed.data : null;
}

/** The tracks of a hand-picked set. */
export function savedTrackIds(row: LibraryFilterRow): string[] {
  const parsed = z.object({ trackIds: z.array(z.string()) }).safeParse(row.criteria);
  return row.kind === 'tracks' && parsed.success ? parsed.data.trackIds : [];
}

/** What a saved filter or set makes a montage draw from. */
export function scopeOfSaved(row: LibraryFilterRow): PoolScope {
  if (row.kind === 'tracks') return { kind: 'tracks', trackIds: savedTrackIds(row) };
  const criteria = savedCriteria(row);
  return criteria ? { kind: 'criteria', criteria } : { kind: 'tracks', trackIds: [] };
}

/** A saved filter or set in words. */
export function describeSaved(row: LibraryFilterRow): string {
  if (row.kind === 'tracks') {
    const n = savedTrackIds(row).length;
    return `${n} picked track${n === 1 ? '' : 's'}`;
  }
  const criteria = savedCriteria(row);
  return criteria ? describeCriteria(criteria) : 'no longer readable';
}
