import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  doublePrecision,
  primaryKey,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { SOUNDTRACK_SHARES, type LeftOutTrack } from '../lib/domain/soundtrack-share';
import { WORKOUT_MODES, type CurvePoint } from '../lib/domain/types';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** Key/value settings the app creates for itself (e.g. the cookie-signing secret in embedded mode). */
export const appSettings = pgTable('app_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Whoever owns montages: an anonymous browser (signed cookie) until an account claims it. */
export const owners = pgTable('owners', {
  id: uuid('id').primaryKey().defaultRandom(),
  createdAt: createdAt(),
});

/**
 * A browser's sign-in as an owner: the owner cookie names one, so it expires on the server and
 * can be revoked (sign-out, "forget this device") even if the cookie lives on.
 */
export const ownerSessions = pgTable(
  'owner_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => owners.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('owner_sessions_owner_idx').on(t.ownerId)],
);

/** Counters of rate-limiter-flexible (RateLimiterDrizzle) when limits are kept in PostgreSQL: shared by every process. */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  points: integer('points').notNull().default(0),
  expire: timestamp('expire', { withTimezone: true }),
});

/**
 * Cache tags a change expired that Redis (the shared page cache) has not been told of yet: written
 * before the change, removed once Redis has expired them. While Redis is away a write is answered
 * once committed, and every process applies these when Redis is back (or at its start) before it
 * serves a page from Redis again, so a revoke survives an outage and a restart during it.
 */
export const pendingCacheExpiries = pgTable('pending_cache_expiries', {
  id: uuid('id').primaryKey().defaultRandom(),
  tags: jsonb('tags').$type<string[]>().notNull(),
  createdAt: createdAt(),
});

/** A track Montage knows: the bundled catalog (shared) or one an owner brought. */
export const tracks = pgTable(
  'tracks',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    artist: text('artist').notNull(),
    /** Unknown (null) until a source gives it: such a track is "not timed yet". */
    durationMs: integer('duration_ms'),
    durationSource: text('duration_source'),
    origin: text('origin', { enum: ['catalog', 'spotify', 'local'] }).notNull(),
    isAnchor: boolean('is_anchor').notNull().default(false),
    /** Null for catalog tracks, which everyone shares. */
    ownerId: uuid('owner_id').references(() => owners.id, { onDelete: 'cascade' }),
    catalogNumber: integer('catalog_number'),
    writers: text('writers'),
    musicalKey: text('musical_key'),
    spotifyId: text('spotify_id'),
    isrc: text('isrc'),
    /** A local file's SHA-256 (hex), so adding the same file again updates its track. The audio stays on the device. */
    fileSha256: text('file_sha256'),
    /**
     * The tempo the track's owner sees (see pickTempo: own values and shared ones, most trusted,
     * then newest), kept by a trigger on `track_tempos` (migration 0004) so the library can be
     * filtered, sorted and read for the sequencer without resolving tempos row by row. Raw, like
     * every stored tempo. For catalog tracks it is the shared value; an owner's own tap on a
     * catalog track is resolved at read time.
     */
    tempoBpm: doublePrecision('tempo_bpm'),
    tempoSource: text('tempo_source', { enum: ['catalog', 'analysis', 'tap', 'manual', 'lookup'] }),
    tempoSourceNote: text('tempo_source_note'),
    /**
     * A detected tempo awaiting the owner's confirmation (see lib/domain/tempo-confidence.ts): shown
     * as a question, while `tempo_bpm` stays null so that nothing schedules it. Kept by the same
     * trigger (migration 0012).
     */
    tempoQuestionBpm: doublePrecision('tempo_question_bpm'),
    createdAt: createdAt(),
  },
  (t) => [
    check('tracks_duration_positive', sql`${t.durationMs} is null or ${t.durationMs} > 0`),
    check('tracks_title_length', sql`char_length(${t.title}) between 1 and 300`),
    uniqueIndex('tracks_catalog_number_unique').on(t.catalogNumber),
    uniqueIndex('tracks_owner_file_unique').on(t.ownerId, t.fileSha256),
    // The library page sorts and filters an owner's tracks by tempo (and ranges for ½×/2×); the
    // sequencer's pool read takes the first tracks of each tempo band from it (tempo, then id).
    index('tracks_owner_tempo_id_idx').on(t.ownerId, t.tempoBpm, t.id),
    // The library page's sort orders (a page is a walk along one of them, however many match).
    index('tracks_owner_title_idx').on(t.ownerId, sql`lower(${t.title})`, t.id),
    index('tracks_owner_artist_idx').on(t.ownerId, sql`lower(${t.artist})`, sql`lower(${t.title})`, t.id),
    // The home page's most recent files (newest first, whatever the size of the library).
    index('tracks_owner_recent_local_idx').on(t.ownerId, t.createdAt, t.id).where(sql`${t.origin} = 'local'`),
    // "Tempo unknown", and the pool read's spread of lengths of such tracks.
    index('tracks_owner_untimed_length_idx').on(t.ownerId, t.durationMs, t.id).where(sql`${t.tempoBpm} is null`),
    // Search by title or artist: `ilike '%…%'` through trigrams (pg_trgm, created by the migration).
    // No pending list (fastupdate off): PGlite has no autovacuum to merge one, and every search
    // would read it whole (up to 4 MB) on top of the index.
    index('tracks_title_trgm_idx').using('gin', t.title.op('gin_trgm_ops')).with({ fastupdate: false }),
    index('tracks_artist_trgm_idx').using('gin', t.artist.op('gin_trgm_ops')).with({ fastupdate: false }),
    // A search of one or two characters (too short for a trigram): a title or artist starting with
    // them, `lower(…) like 'ab%'`, a range of these indexes whatever the database's collation.
    index('tracks_owner_title_prefix_idx').on(t.ownerId, sql`lower(${t.title}) text_pattern_ops`),
    index('tracks_owner_artist_prefix_idx').on(t.ownerId, sql`lower(${t.artist}) text_pattern_ops`),
  ],
);

/**
 * What a public tempo source answered for an ISRC, kept so the same ISRC is never asked twice.
 * A null `bpm` records that the source does not know (Deezer answers 0 or "no data").
 */
export const tempoLookups = pgTable(
  'tempo_lookups',
  {
    provider: text('provider', { enum: ['deezer'] }).notNull(),
    isrc: text('isrc').notNull(),
    bpm: doublePrecision('bpm'),
    providerTrackId: text('provider_track_id'),
    fetchedAt: timestamp('fetched_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.provider, t.isrc] }),
    check('tempo_lookups_bpm_positive', sql`${t.bpm} is null or ${t.bpm} > 0`),
  ],
);

/**
 * An owner's tempo lookup run (a job): the tracks still to ask (`queue`, in order) and the counts
 * so far. Each batch's answer and the shrunken queue are stored together, so a job picked up again
 * (after its process died) asks only what is left. `batches` orders the writes: a batch whose
 * run moved on meanwhile is not stored.
 */
export const tempoLookupRuns = pgTable(
  'tempo_lookup_runs',
  {
    ownerId: uuid('owner_id')
      .primaryKey()
      .references(() => owners.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['running', 'done', 'gave_up', 'stopped'] }).notNull(),
    queue: jsonb('queue').$type<string[]>().notNull(),
    total: integer('total').notNull(),
    found: integer('found').notNull().default(0),
    unknown: integer('unknown').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    quotaStopsInARow: integer('quota_stops_in_a_row').notNull().default(0),
    batches: integer('batches').notNull().default(0),
    /** The first batch may not start before this (Deezer's quota window after the last one). */
    nextBatchAt: timestamp('next_batch_at', { withTimezone: true }),
    error: text('error'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [check('tempo_lookup_runs_counts', sql`${t.total} >= 0 and ${t.found} >= 0 and ${t.unknown} >= 0 and ${t.failed} >= 0`)],
);

/**
 * Every tempo a source gave for a track, raw (not normalised to half/double time), with its
 * source. An owner's own value (tap, manual) is stored with its owner and wins for that owner.
 */
export const trackTempos = pgTable(
  'track_tempos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trackId: text('track_id')
      .notNull()
      .references(() => tracks.id, { onDelete: 'cascade' }),
    bpm: doublePrecision('bpm').notNull(),
    source: text('source', { enum: ['catalog', 'analysis', 'tap', 'manual', 'lookup'] }).notNull(),
    sourceNote: text('source_note'),
    ownerId: uuid('owner_id').references(() => owners.id, { onDelete: 'cascade' }),
    /** The detector's confidence (0..1) in an analysed tempo; null for every other source. */
    confidence: doublePrecision('confidence'),
    /** True for an analysed tempo the owner must confirm before it is used (lib/domain/tempo-confidence.ts needsConfirmation). */
    needsConfirmation: boolean('needs_confirmation').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    check('track_tempos_bpm_range', sql`${t.bpm} >= 30 and ${t.bpm} <= 300`),
    check('track_tempos_confidence_range', sql`${t.confidence} is null or (${t.confidence} >= 0 and ${t.confidence} <= 1)`),
    unique('track_tempos_one_per_source').on(t.trackId, t.source, t.ownerId).nullsNotDistinct(),
  ],
);

export const montages = pgTable(
  'montages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => owners.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    mode: text('mode', { enum: WORKOUT_MODES }).notNull(),
    lengthMin: integer('length_min').notNull(),
    cadenceSpm: integer('cadence_spm'),
    hiitWorkSec: integer('hiit_work_sec'),
    hiitRestSec: integer('hiit_rest_sec'),
    curveName: text('curve_name').notNull(),
    /** The target curve as points; a value, not a relation (user-drawn curves will land here). */
    curvePoints: jsonb('curve_points').$type<CurvePoint[]>().notNull(),
    /** The soundtrack's place, chosen per montage; montages built before the choice existed had all of it. */
    soundtrackShare: text('soundtrack_share', { enum: SOUNDTRACK_SHARES }).notNull().default('all'),
    /** Soundtrack tracks the build left out, with the reason: a value of the build, shown as built. */
    soundtrackLeftOut: jsonb('soundtrack_left_out').$type<LeftOutTrack[]>().notNull().default([]),
    /** Bumped by every change: a save that names an older version is refused. */
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('montages_name_length', sql`char_length(${t.name}) between 1 and 80`),
    check('montages_length_range', sql`${t.lengthMin} between 20 and 90`),
    check('montages_cadence_range', sql`${t.cadenceSpm} is null or ${t.cadenceSpm} between 150 and 190`),
    check('montages_hiit_work', sql`${t.hiitWorkSec} is null or ${t.hiitWorkSec} between 10 and 300`),
    check('montages_hiit_rest', sql`${t.hiitRestSec} is null or ${t.hiitRestSec} between 5 and 300`),
    check('montages_soundtrack_share', sql`${t.soundtrackShare} in ('fit', 'all', 'none')`),
    check('montages_version_positive', sql`${t.version} > 0`),
    index('montages_owner_idx').on(t.ownerId),
  ],
);

/** A track at a position of a montage, with the tempo multiplier chosen for it. */
export const montageEntries = pgTable(
  'montage_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    montageId: uuid('montage_id')
      .notNull()
      .references(() => montages.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    trackId: text('track_id')
      .notNull()
      .references(() => tracks.id, { onDelete: 'restrict' }),
    multiplier: doublePrecision('multiplier').notNull().default(1),
  },
  (t) => [
    check('montage_entries_position', sql`${t.position} >= 0`),
    check('montage_entries_multiplier', sql`${t.multiplier} in (0.5, 1, 2)`),
    unique('montage_entries_position_unique').on(t.montageId, t.position),
    unique('montage_entries_no_repeat').on(t.montageId, t.trackId),
  ],
);

/** A timed part of one entry's track. The intervals of an entry cover its track with no gap or overlap. */
export const intervals = pgTable(
  'intervals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => montageEntries.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    offsetMs: integer('offset_ms').notNull(),
    durationMs: integer('duration_ms').notNull(),
    kind: text('kind', { enum: ['work', 'rest'] }).notNull(),
    exercise: text('exercise').notNull(),
    intensity: text('intensity', { enum: ['rest', 'easy', 'moderate', 'hard', 'max'] }).notNull(),
    cue: text('cue').notNull().default(''),
  },
  (t) => [
    check('intervals_position', sql`${t.position} >= 0`),
    check('intervals_offset', sql`${t.offsetMs} >= 0`),
    check('intervals_duration', sql`${t.durationMs} >= 1000`),
    check('intervals_kind', sql`${t.kind} in ('work', 'rest')`),
    check('intervals_intensity', sql`${t.intensity} in ('rest', 'easy', 'moderate', 'hard', 'max')`),
    check('intervals_exercise_length', sql`char_length(${t.exercise}) between 1 and 60`),
    check('intervals_cue_length', sql`char_length(${t.cue}) <= 200`),
    unique('intervals_position_unique').on(t.entryId, t.position),
    unique('intervals_offset_unique').on(t.entryId, t.offsetMs),
  ],
);

/** An unguessable read-only link to a montage; revoked links answer 404. */
export const shareLinks = pgTable(
  'share_links',
  {
    token: text('token').primaryKey(),
    montageId: uuid('montage_id')
      .notNull()
      .references(() => montages.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    check('share_links_token_length', sql`char_length(${t.token}) >= 22`),
    uniqueIndex('share_links_one_active').on(t.montageId).where(sql`${t.revokedAt} is null`),
  ],
);

/**
 * A part of an owner's library a montage can be drawn from: a saved filter (search, tempo range,
 * sources) or a hand-picked set of tracks. The criteria are a value (validated where they enter).
 */
export const libraryFilters = pgTable(
  'library_filters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => owners.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['filter', 'tracks'] }).notNull(),
    criteria: jsonb('criteria').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check('library_filters_name_length', sql`char_length(${t.name}) between 1 and 80`),
    unique('library_filters_owner_name').on(t.ownerId, t.name),
  ],
);

/**
 * How many tracks each owner holds, by origin, by the source of the tempo they see ('unknown' for
 * none) and whether an ISRC is known: kept by triggers on `tracks` (migration 0008, hand-written),
 * so the library's counts and the total of a filter on sources and origins never scan the library.
 * No foreign key: the triggers also run while an owner's tracks are deleted with the owner; rows
 * reaching 0 are removed.
 */
export const libraryCounts = pgTable(
  'library_counts',
  {
    ownerId: uuid('owner_id').notNull(),
    origin: text('origin', { enum: ['catalog', 'spotify', 'local'] }).notNull(),
    tempo: text('tempo', { enum: ['catalog', 'analysis', 'tap', 'manual', 'lookup', 'unknown'] }).notNull(),
    hasIsrc: boolean('has_isrc').notNull(),
    tracks: integer('tracks').notNull(),
  },
  (t) => [primaryKey({ columns: [t.ownerId, t.origin, t.tempo, t.hasIsrc] })],
);
