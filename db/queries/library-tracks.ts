import { sql, type SQL } from 'drizzle-orm';
import { disjointTempoRanges, librarySearch, rawTempoRanges, splitSources, type LibraryCriteria, type LibrarySort, type TrackOrigin } from '../../lib/domain/library-filter';
import { INTERVAL_LIMITS } from '../../lib/domain/intervals';
import type { PoolTrack, PoolWindow, TempoSource } from '../../lib/domain/types';
import type { Database, Transaction } from '../client';

/**
 * The trust order of lib/domain/tempo-provenance.ts pickTempo as SQL (lower wins; the newest on a
 * tie). Migration 0004 holds the same order for the stored `tracks.tempo_*` columns.
 */
const TEMPO_RANK = sql.raw(`case tt.source when 'tap' then 0 when 'manual' then 0 when 'analysis' then 1 when 'catalog' then 2 else 3 end`);

/**
 * Every track `ownerId` may use, one row each, with the tempo they see: their own tracks carry it
 * in `tracks.tempo_*` (kept by a trigger); the few catalog tracks resolve it here, since an owner
 * may have tapped one. A UNION ALL so a filter on the owner's branch can use its indexes.
 */
export function libraryView(ownerId: string | null): SQL {
  return ownerId === null ? sql`(${catalogSelect(null)}) as lib` : sql`(${ownedSelect(ownerId)} union all ${catalogSelect(ownerId)}) as lib`;
}

/** The owner's own tracks under the library view's column names: their tempo is kept in `tracks.tempo_*`. */
function ownedSelect(ownerId: string): SQL {
  return sql`select t.id, t.title, t.artist, t.duration_ms, t.is_anchor, t.origin, t.catalog_number, t.isrc,
                    t.tempo_bpm as bpm, t.tempo_source, t.tempo_source_note, t.tempo_question_bpm
             from tracks t where t.owner_id = ${ownerId}`;
}

/** The catalog's tracks with the tempo `ownerId` sees (an owner may have tapped one). */
function catalogSelect(ownerId: string | null): SQL {
  return sql`select t.id, t.title, t.artist, t.duration_ms, t.is_anchor, t.origin, t.catalog_number, t.isrc,
                    c.bpm, c.source as tempo_source, c.source_note as tempo_source_note, null::double precision as tempo_question_bpm
             from tracks t
             left join lateral (
               select tt.bpm, tt.source, tt.source_note from track_tempos tt
               where tt.track_id = t.id and (tt.owner_id is null or tt.owner_id = ${ownerId}) and not tt.needs_confirmation
               order by ${TEMPO_RANK}, tt.created_at desc
               limit 1
             ) c on true
             where t.owner_id is null`;
}

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** `%`, `_` and `\` match themselves in a search. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The SQL condition for `criteria` on the library view (true when it asks for nothing). */
export function criteriaCondition(criteria: LibraryCriteria): SQL {
  const conditions: SQL[] = [];
  const search = librarySearch(criteria.q);
  if (search.kind === 'anywhere') {
    const pattern = `%${escapeLike(search.text)}%`;
    conditions.push(sql`(lib.title ilike ${pattern} or lib.artist ilike ${pattern})`);
  } else if (search.kind === 'prefix') {
    // Lowered by the database as the indexed expressions are (tracks_owner_{title,artist}_prefix_idx).
    const prefix = sql`lower(${`${escapeLike(search.text)}%`})`;
    conditions.push(sql`(lower(lib.title) like ${prefix} or lower(lib.artist) like ${prefix})`);
  }
  const ranges = rawTempoRanges(criteria);
  if (ranges.length > 0) {
    conditions.push(sql`(${sql.join(ranges.map((r) => sql`lib.bpm between ${r.minBpm} and ${r.maxBpm}`), sql` or `)})`);
  }
  if (criteria.sources && criteria.sources.length > 0) {
    const { known, isUnknownKept } = splitSources(criteria.sources);
    const parts: SQL[] = [];
    if (known.length > 0) parts.push(sql`lib.tempo_source in (${sql.join(known.map((s) => sql`${s}`), sql`, `)})`);
    if (isUnknownKept) parts.push(sql`lib.bpm is null`);
    conditions.push(sql`(${sql.join(parts, sql` or `)})`);
  }
  if (criteria.origins && criteria.origins.length > 0) {
    conditions.push(sql`lib.origin in (${sql.join(criteria.origins.map((o) => sql`${o}`), sql`, `)})`);
  }
  return conditions.length === 0 ? sql`true` : sql.join(conditions, sql` and `);
}

const ORDER_BY: Record<LibrarySort, SQL> = {
  title: sql`lower(lib.title), lib.id`,
  artist: sql`lower(lib.artist), lower(lib.title), lib.id`,
  tempo: sql`lib.bpm asc nulls last, lib.id`,
  // The exact reverse of `tempo` for known tempos (unknown still last): `tracks_owner_tempo_id_idx` walked backwards.
  '-tempo': sql`lib.bpm desc nulls last, lib.id desc`,
};

/**
 * The same orders through expressions no index provides: with a search, the trigram indexes find
 * the few matches and sorting them is cheap, while walking a sort index and testing `ilike` on
 * each row (which the planner may pick, misjudging how many rows match) reads most of the library.
 */
const ORDER_BY_SORTING: Record<LibrarySort, SQL> = {
  title: sql`lower(lib.title) || '', lib.id || ''`,
  artist: sql`lower(lib.artist) || '', lower(lib.title), lib.id`,
  tempo: sql`lib.bpm + 0 asc nulls last, lib.id`,
  '-tempo': sql`lib.bpm + 0 desc nulls last, lib.id desc`,
};

export interface LibraryTrack {
  id: string;
  title: string;
  artist: string;
  durationMs: number | null;
  origin: TrackOrigin;
  isAnchor: boolean;
  catalogNumber: number | null;
  isrc: string | null;
  /** Raw tempo as its source gave it; null when no source knows it. */
  bpm: number | null;
  tempoSource: TempoSource | null;
  tempoSourceNote: string | null;
  /** A detected tempo awaiting the owner's confirmation (then `bpm` is null); null otherwise. */
  tempoQuestionBpm: number | null;
}

interface LibraryRow {
  id: string;
  title: string;
  artist: string;
  duration_ms: number | null;
  is_anchor: boolean;
  origin: TrackOrigin;
  catalog_number: number | null;
  isrc: string | null;
  bpm: number | null;
  tempo_source: TempoSource | null;
  tempo_source_note: string | null;
  tempo_question_bpm: number | null;
}

function toLibraryTrack(row: LibraryRow): LibraryTrack {
  return {
    id: row.id,
    title: row.title,
    artist: row.artist,
    durationMs: row.duration_ms,
    origin: row.origin,
    isAnchor: row.is_anchor,
    catalogNumber: row.catalog_number,
    isrc: row.isrc,
    bpm: row.bpm === null ? null : Number(row.bpm),
    tempoSource: row.tempo_source,
    tempoSourceNote: row.tempo_source_note,
    tempoQuestionBpm: row.tempo_question_bpm === null ? null : Number(row.tempo_question_bpm),
  };
}

export interface ListLibraryParams {
  ownerId: string | null;
  criteria: LibraryCriteria;
  sort: LibrarySort;
  /** 1-based. */
  page: number;
  pageSize: number;
}

export interface LibraryPage {
  tracks: LibraryTrack[];
  /** Tracks matching the criteria, on every page: exact for sources and origins alone or up to `EXACT_COUNT_UP_TO`, else the planner's estimate. */
  total: number;
  /** False when `total` is an estimate (the page says "about"). */
  isTotalExact: boolean;
  /** Whether a track follows this page (known whether or not the total is exact). */
  hasNextPage: boolean;
}

/** Matches counted one by one up to this many; past it the total is the query planner's estimate. */
export const EXACT_COUNT_UP_TO = 1_000;

/**
 * The page's rows: the owner's branch ordered and cut at `offset + pageSize` on its own (so the
 * planner walks the index of the sort order, `tracks_owner_title_idx`, `…_artist_idx` or
 * `…_tempo_id_idx`, and stops, instead of sorting every match), then the soundtrack's few rows
 * merged in, then the page.
 */
export function libraryPageQuery(params: ListLibraryParams): SQL {
  const offset = (params.page - 1) * params.pageSize;
  const where = criteriaCondition(params.criteria);
  const orderBy = ORDER_BY[params.sort];
  // A search anywhere in titles and artists goes through the trigram indexes and sorts its matches; a
  // prefix search (one or two characters) is a filter like the others, on the sort's index or the prefix ones.
  const isSearch = librarySearch(params.criteria.q).kind === 'anywhere';
  const catalog = sql`select *, null::int as owned_matches from ${catalogRows(params.ownerId)} where ${where}`;
  // A search sorts all its matches anyway: counting them on the way costs nothing more.
  const rows =
    params.ownerId === null
      ? catalog
      : isSearch
        ? sql`(select *, (count(*) over ())::int as owned_matches from ${ownedRows(params.ownerId)} where ${where}
               order by ${ORDER_BY_SORTING[params.sort]} limit ${offset + params.pageSize + 1})
              union all (${catalog})`
        : sql`${ownedWalk(params.ownerId, params, where, offset + params.pageSize + 1)}
              union all (${catalog})`;
  const catalogMatches = isSearch ? sql`(select count(*) from ${catalogRows(params.ownerId)} where ${where})::int` : sql`null::int`;
  // One row past the page says whether another page follows.
  return sql`select lib.*, ${catalogMatches} as catalog_matches from (${rows}) as lib
    order by ${orderBy} limit ${params.pageSize + 1} offset ${offset}`;
}

/**
 * The owner's first `limit` matches in `sort` order, read along the sort's index and stopped there.
 * A btree index walked backwards gives `desc nulls first`, so the descending tempo order (unknown
 * tempos last) is two walks of `tracks_owner_tempo_id_idx`, backwards: the known tempos, then the
 * unknown ones (`tempo_bpm is null`, by id), each cut at `limit`; the caller merges and cuts again.
 * By tempo with a tempo range and its half and double time, each range is a walk of its own, from its
 * first tempo (one walk would read every track below the lowest range, and between the ranges).
 */
function ownedWalk(ownerId: string, { criteria, sort }: Pick<ListLibraryParams, 'criteria' | 'sort'>, where: SQL, limit: number): SQL {
  const owned = sql`select *, null::int as owned_matches from ${ownedRows(ownerId)} where ${where}`;
  const ranges = disjointTempoRanges(rawTempoRanges(criteria));
  if ((sort === 'tempo' || sort === '-tempo') && ranges.length > 1) {
    const order = sort === 'tempo' ? sql`lib.bpm, lib.id` : sql`lib.bpm desc, lib.id desc`;
    const walks = ranges.map((r) => sql`(${owned} and lib.bpm between ${r.minBpm} and ${r.maxBpm} order by ${order} limit ${limit})`);
    return sql.join(walks, sql` union all `);
  }
  if (sort !== '-tempo') return sql`(${owned} order by ${ORDER_BY[sort]} limit ${limit})`;
  return sql`(${owned} and lib.bpm is not null order by lib.bpm desc, lib.id desc limit ${limit})
    union all (${owned} and lib.bpm is null order by lib.id desc limit ${limit})`;
}

/**
 * How many tracks match, never reading the whole library: from the counts when the criteria are
 * sources and origins only (exact); else counted up to `EXACT_COUNT_UP_TO + 1` (a bounded walk), and
 * past that the planner's row estimate for the whole query (never below what was counted).
 */
async function countMatches(db: Database, params: Pick<ListLibraryParams, 'ownerId' | 'criteria'>): Promise<{ total: number; isTotalExact: boolean }> {
  const { q, minTempo, maxTempo } = params.criteria;
  if (!q?.trim() && minTempo === undefined && maxTempo === undefined) {
    // Sources and origins only: exact, from the counts.
    const [row] = rowsOf<{ n: number }>(
      await db.execute(sql`select coalesce(sum(n), 0)::int as n from ${countedView(params.ownerId)} where ${criteriaCondition(params.criteria)}`),
    );
    return { total: Number(row?.n ?? 0), isTotalExact: true };
  }
  const matching = sql`select 1 from ${libraryView(params.ownerId)} where ${criteriaCondition(params.criteria)}`;
  const [counted] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from (${matching} limit ${EXACT_COUNT_UP_TO + 1}) as counted`));
  const n = Number(counted?.n ?? 0);
  if (n <= EXACT_COUNT_UP_TO) return { total: n, isTotalExact: true };
  const [plan] = rowsOf<{ 'QUERY PLAN': unknown }>(await db.execute(sql`explain (format json) ${matching}`));
  return { total: Math.max(n, Math.round(planRows(plan?.['QUERY PLAN']))), isTotalExact: false };
}

/** The top node's row estimate of an `explain (format json)` answer (PGlite gives the JSON as text). */
function planRows(plan: unknown): number {
  const parsed = (typeof plan === 'string' ? JSON.parse(plan) : plan) as { Plan?: { 'Plan Rows'?: number } }[];
  return Number(parsed[0]?.Plan?.['Plan Rows'] ?? 0);
}

/** One page of the owner's library (their tracks and the soundtrack) matching `criteria`, with the count of all matches. */
export async function listLibraryTracks(db: Database, params: ListLibraryParams): Promise<LibraryPage> {
  type PageRow = LibraryRow & { owned_matches: number | null; catalog_matches: number | null };
  const isSearch = librarySearch(params.criteria.q).kind === 'anywhere';
  const [page, count] = await Promise.all([db.execute(libraryPageQuery(params)), isSearch ? null : countMatches(db, params)]);
  const rows = rowsOf<PageRow>(page);
  const counted = rows.find((row) => row.owned_matches !== null);
  // A search counted its matches with the page, unless the page lies past the owner's matches.
  const total =
    count ?? (counted ? { total: Number(counted.owned_matches) + Number(counted.catalog_matches ?? 0), isTotalExact: true } : await countMatches(db, params));
  return { tracks: rows.slice(0, params.pageSize).map(toLibraryTrack), ...total, hasNextPage: rows.length > params.pageSize };
}

export interface LibraryCounts {
  total: number;
  byOrigin: Record<TrackOrigin, number>;
  tempoUnknown: number;
  /** Tracks a public lookup may help: an ISRC and no tempo. */
  missingTempoWithIsrc: number;
}

/**
 * The library as counts: the owner's tracks from `library_counts` (kept by triggers, migration
 * 0008) and the soundtrack's few rows one by one, under the library view's column names that
 * `criteriaCondition` reads for sources and origins (`bpm` and `isrc` only say known or not), with
 * how many tracks each row stands for in `n`.
 */
function countedView(ownerId: string | null): SQL {
  return sql`(select lc.origin, nullif(lc.tempo, 'unknown') as tempo_source, case when lc.tempo = 'unknown' then null else 1 end as bpm,
                     case when lc.has_isrc then '' end as isrc, lc.tracks as n
              from library_counts lc where lc.owner_id = ${ownerId}
              union all
              select lib.origin, lib.tempo_source, lib.bpm, lib.isrc, 1 from ${catalogRows(ownerId)}) as lib`;
}

/** How many tracks the owner's library holds, by origin, and how many lack a tempo. One query, reading counts, not tracks. */
export async function countLibrary(db: Database, ownerId: string | null): Promise<LibraryCounts> {
  const [row] = rowsOf<Record<string, number>>(
    await db.execute(sql`select coalesce(sum(n), 0)::int as total,
        coalesce(sum(n) filter (where lib.origin = 'catalog'), 0)::int as catalog,
        coalesce(sum(n) filter (where lib.origin = 'spotify'), 0)::int as spotify,
        coalesce(sum(n) filter (where lib.origin = 'local'), 0)::int as local,
        coalesce(sum(n) filter (where lib.bpm is null), 0)::int as unknown,
        coalesce(sum(n) filter (where lib.bpm is null and lib.isrc is not null), 0)::int as lookup
      from ${countedView(ownerId)}`),
  );
  const n = (key: string) => Number(row?.[key] ?? 0);
  return {
    total: n('total'),
    byOrigin: { catalog: n('catalog'), spotify: n('spotify'), local: n('local') },
    tempoUnknown: n('unknown'),
    missingTempoWithIsrc: n('lookup'),
  };
}

/** Which tracks a montage draws from: everything, tracks matching criteria, or a hand-picked set. */
export type PoolScope = { kind: 'all' } | { kind: 'criteria'; criteria: LibraryCriteria } | { kind: 'tracks'; trackIds: readonly string[] };

/** The owner's own tracks under the library view's column names (a plain scan: the planner uses their indexes). */
function ownedRows(ownerId: string): SQL {
  return sql`(${ownedSelect(ownerId)}) as lib`;
}

/** The catalog's tracks with the tempo `ownerId` sees (the second branch of `libraryView`). */
function catalogRows(ownerId: string | null): SQL {
  return sql`(${catalogSelect(ownerId)}) as lib`;
}

/** A float8[] / int4[] parameter (drizzle would spread a JS array into a list). */
function numbers(values: readonly number[]): string {
  return `{${values.join(',')}}`;
}

const POOL_COLUMNS = sql.raw('lib.id, lib.title, lib.artist, lib.duration_ms, lib.is_anchor, lib.bpm, lib.catalog_number');

export interface ListSequencerPoolParams {
  ownerId: string | null;
  scope: PoolScope;
  /**
   * What a large pool is narrowed to (see lib/sequencer/pool-window.ts `poolWindowFor`); without
   * it, or when the owner's part of the scope holds at most `window.wholeUpTo` placeable tracks,
   * the pool is read whole.
   */
  window?: PoolWindow | undefined;
}

/**
 * The pool read shaped for the sequencer: one query, only the columns it uses, only tracks it can
 * place (at least 1 s long), the tempo already resolved (the owner's tracks carry it, see
 * migration 0004). The soundtrack's anchors are always in it, whatever the scope. A large library
 * is narrowed in SQL by `window`: per tempo band its first tracks by tempo then id (an index range
 * scan with a LIMIT each, on `tracks_owner_tempo_id_idx`), and a spread of lengths of the tracks of
 * unknown tempo (`tracks_owner_untimed_length_idx`). In a stable order (catalog first), so a build
 * is deterministic.
 */
export async function listSequencerPool(db: Database, params: ListSequencerPoolParams): Promise<PoolTrack[]> {
  const { scope, ownerId, window } = params;
  const inScope =
    scope.kind === 'all'
      ? sql`true`
      : scope.kind === 'criteria'
        ? sql`(lib.is_anchor or (${criteriaCondition(scope.criteria)}))`
        : sql`(lib.is_anchor or lib.id in (${sql.join((scope.trackIds.length > 0 ? scope.trackIds : ['']).map((id) => sql`${id}`), sql`, `)}))`;
  const placeable = sql`lib.duration_ms >= ${INTERVAL_LIMITS.minDurationMs}`;
  const catalog = sql`select ${POOL_COLUMNS} from ${catalogRows(ownerId)} where ${placeable} and ${inScope}`;
  let rows: SQL;
  if (ownerId === null) rows = catalog;
  else if (!window) rows = sql`${catalog} union all select ${POOL_COLUMNS} from ${ownedRows(ownerId)} where ${placeable} and ${inScope}`;
  else {
    const fits = sql`${placeable} and lib.duration_ms <= ${window.maxDurationMs} and ${inScope}`;
    rows = sql`${catalog}
      union all
      select ${POOL_COLUMNS} from ${ownedRows(ownerId)} where ${placeable} and ${inScope} and not (select is_large from size)
      union all
      select c.* from unnest(${numbers(window.bands.map((b) => b.minBpm))}::float8[], ${numbers(window.bands.map((b) => b.maxBpm))}::float8[],
                             ${numbers(window.bands.map((b) => b.take))}::int4[]) as band(min_bpm, max_bpm, take)
        cross join lateral (
          select ${POOL_COLUMNS} from ${ownedRows(ownerId)}
          where lib.bpm >= band.min_bpm and lib.bpm < band.max_bpm and ${fits}
          order by lib.bpm, lib.id limit band.take
        ) c
        where (select is_large from size)
      union all
      select distinct c.* from unnest(${numbers(window.fillerLengthsMs)}::int4[]) as filler(length_ms)
        cross join lateral (
          select ${POOL_COLUMNS} from ${ownedRows(ownerId)}
          where lib.bpm is null and lib.duration_ms >= filler.length_ms and ${fits}
          order by lib.duration_ms, lib.id limit 1
        ) c
        where (select is_large from size)`;
  }
  const size =
    ownerId !== null && window
      ? sql`with size as (select count(*) > ${window.wholeUpTo} as is_large
              from (select 1 from ${ownedRows(ownerId)} where ${placeable} and ${inScope} limit ${window.wholeUpTo + 1}) as counted) `
      : sql``;
  // One row holding the pool as JSON text: per-row decoding is what costs most at 100,000 rows
  // (PGlite decodes every field in JavaScript), one JSON.parse is several times faster. Ids are
  // ordered byte-wise ("C"): a stable order for a deterministic build, without the locale's cost.
  const [row] = rowsOf<{ pool: string }>(
    await db.execute(sql`${size}select coalesce(json_agg(json_build_array(p.id, p.title, p.artist, p.duration_ms, p.is_anchor, p.bpm)
          order by p.catalog_number asc nulls last, p.id collate "C"), '[]')::text as pool
      from (${rows}) as p`),
  );
  const tuples = JSON.parse(row?.pool ?? '[]') as [string, string, string, number, boolean, number | null][];
  const pool = new Array<PoolTrack>(tuples.length);
  for (let i = 0; i < tuples.length; i += 1) {
    const [id, title, artist, durationMs, isAnchor, bpm] = tuples[i]!;
    pool[i] = { id, title, artist, durationMs, bpm, isAnchor };
  }
  return pool;
}

/** Library tracks by id as the owner sees them (unknown or foreign ids are left out). */
export async function getLibraryTracksByIds(db: Database, ownerId: string | null, trackIds: readonly string[]): Promise<LibraryTrack[]> {
  if (trackIds.length === 0) return [];
  const rows = rowsOf<LibraryRow>(
    await db.execute(sql`select * from ${libraryView(ownerId)} where lib.id in (${sql.join(trackIds.map((id) => sql`${id}`), sql`, `)})`),
  );
  return rows.map(toLibraryTrack);
}

/** Owned tracks with an ISRC and no tempo the owner trusts (or the soundtrack's), for a public lookup. */
export async function listMissingTempoWithIsrc(db: Database | Transaction, ownerId: string, trackIds?: readonly string[]): Promise<{ id: string; isrc: string }[]> {
  const narrow = trackIds === undefined ? sql`true` : sql`lib.id in (${sql.join((trackIds.length > 0 ? trackIds : ['']).map((id) => sql`${id}`), sql`, `)})`;
  return rowsOf<{ id: string; isrc: string }>(
    await (db as Database).execute(sql`select lib.id, lib.isrc from ${libraryView(ownerId)}
      where lib.isrc is not null and lib.bpm is null and ${narrow}
      order by lib.catalog_number asc nulls last, lib.title, lib.id`),
  );
}

/** The owner's tracks with no known length ("not timed yet"), by title; at most `limit`. */
export async function listUntimedTracks(db: Database, ownerId: string, limit = 50): Promise<{ id: string; title: string }[]> {
  return rowsOf<{ id: string; title: string }>(
    await db.execute(sql`select lib.id, lib.title from ${libraryView(ownerId)} where lib.duration_ms is null order by lib.title, lib.id limit ${limit}`),
  );
}

/** The owner's most recently added audio files, newest first; at most `limit` (a walk back along `tracks_owner_recent_local_idx`). */
export async function listRecentLocalTracks(db: Database, ownerId: string, limit: number): Promise<LibraryTrack[]> {
  const rows = rowsOf<LibraryRow>(
    await db.execute(sql`select t.id, t.title, t.artist, t.duration_ms, t.is_anchor, t.origin, t.catalog_number, t.isrc,
        t.tempo_bpm as bpm, t.tempo_source, t.tempo_source_note, t.tempo_question_bpm
      from tracks t where t.owner_id = ${ownerId} and t.origin = 'local'
      order by t.created_at desc, t.id desc limit ${limit}`),
  );
  return rows.map(toLibraryTrack);
}
