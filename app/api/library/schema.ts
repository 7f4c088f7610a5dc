import { z } from 'zod';
import { LIBRARY_LIMITS as L, LIBRARY_SORTS, TEMPO_SOURCE_FILTERS, TRACK_ORIGINS, type LibraryCriteria, type LibrarySort } from '@/lib/domain/library-filter';
import { blankToUndefined, libraryCriteriaSchema, listOf, tempoBound } from '@/lib/server/library-criteria';
import type { FieldProblem } from '@/lib/server/errors';

/** A library query as the URL holds it: `q`, `min`, `max`, `exact=1` (no half/double time), `source`, `origin`, `sort`, `page`, `pageSize`. */
const libraryQuerySchema = z
  .object({
    q: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .max(L.maxQueryLength, `must be at most ${L.maxQueryLength} characters`)
        // PostgreSQL refuses a NUL in text: `?q=%00` was a 500.
        .refine((text) => !/[\u0000-\u001f\u007f]/u.test(text), 'must not contain control characters')
        .optional(),
    ),
    min: tempoBound,
    max: tempoBound,
    exact: z.preprocess(blankToUndefined, z.enum(['0', '1'], { message: 'must be 0 or 1' }).optional()),
    source: listOf(TEMPO_SOURCE_FILTERS),
    origin: listOf(TRACK_ORIGINS),
    sort: z.preprocess(blankToUndefined, z.enum(LIBRARY_SORTS, { message: `must be one of ${LIBRARY_SORTS.join(', ')}` }).default('title')),
    page: z.preprocess(blankToUndefined, z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(L.maxPage, `must be at most ${L.maxPage}`).default(1)),
    pageSize: z.preprocess(
      blankToUndefined,
      z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(L.maxPageSize, `must be at most ${L.maxPageSize}`).default(L.defaultPageSize),
    ),
  })
  .strict()
  .refine((c) => c.min === undefined || c.max === undefined || c.min <= c.max, { message: 'must not be below min', path: ['max'] });

export interface LibraryQuery {
  criteria: LibraryCriteria;
  sort: LibrarySort;
  page: number;
  pageSize: number;
}

export type ParsedLibraryQuery = { ok: true; query: LibraryQuery } | { ok: false; problems: FieldProblem[] };

/** Reads a library query from URL parameters (a key given more than once keeps every value). */
export function parseLibraryQuery(params: URLSearchParams | Record<string, string | string[] | undefined>): ParsedLibraryQuery {
  const raw: Record<string, string | string[]> = {};
  const entries = params instanceof URLSearchParams ? [...params.keys()].map((k) => [k, params.getAll(k)] as const) : Object.entries(params);
  for (const [key, value] of entries) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    raw[key] = key === 'source' || key === 'origin' ? values : values[values.length - 1]!;
  }
  const parsed = libraryQuerySchema.safeParse(raw);
  if (!parsed.success) {
    // Named by the URL parameter at fault (`source`, not `source.0`): that is what the address holds.
    return { ok: false, problems: parsed.error.issues.map((i) => ({ field: i.path.length > 0 ? String(i.path[0]) : 'query', message: i.message })) };
  }
  const q = parsed.data;
  return {
    ok: true,
    query: {
      criteria: { q: q.q, minTempo: q.min, maxTempo: q.max, halfDouble: q.exact !== '1', sources: q.source, origins: q.origin },
      sort: q.sort,
      page: q.page,
      pageSize: q.pageSize,
    },
  };
}

/** The URL parameters of a library query (only what differs from the defaults), so a view can be bookmarked. */
export function libraryQueryParams(query: Partial<LibraryQuery> & { criteria: LibraryCriteria }): URLSearchParams {
  const params = new URLSearchParams();
  const c = query.criteria;
  if (c.q) params.set('q', c.q);
  if (c.minTempo !== undefined) params.set('min', String(c.minTempo));
  if (c.maxTempo !== undefined) params.set('max', String(c.maxTempo));
  if (!c.halfDouble) params.set('exact', '1');
  for (const s of c.sources ?? []) params.append('source', s);
  for (const o of c.origins ?? []) params.append('origin', o);
  if (query.sort && query.sort !== 'title') params.set('sort', query.sort);
  if (query.page && query.page > 1) params.set('page', String(query.page));
  if (query.pageSize && query.pageSize !== L.defaultPageSize) params.set('pageSize', String(query.pageSize));
  return params;
}

export const removeTracksSchema = z
  .object({
    trackIds: z.array(z.string().min(1).max(200)).min(1, 'send at least one track id').max(L.maxPageSize, `send at most ${L.maxPageSize} track ids`),
  })
  .strict();

export const saveFilterSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('filter'), name: z.string().trim().min(1, 'must not be empty').max(80), criteria: libraryCriteriaSchema }).strict(),
  z
    .object({
      kind: z.literal('tracks'),
      name: z.string().trim().min(1, 'must not be empty').max(80),
      trackIds: z.array(z.string().min(1).max(200)).min(1, 'pick at least one track').max(L.maxPickedTracks, `pick at most ${L.maxPickedTracks} tracks`),
    })
    .strict(),
]);

export type SaveFilterInput = z.infer<typeof saveFilterSchema>;
