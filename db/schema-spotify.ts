import { sql } from 'drizzle-orm';
import { boolean, check, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { montages, owners } from './schema';

/**
 * A person signed in with Spotify, keyed by their Spotify id (Development Mode gives no e-mail).
 * Their montages belong to `ownerId`, the same owner their anonymous cookie had before sign-in.
 */
export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  spotifyId: text('spotify_id').notNull().unique(),
  displayName: text('display_name'),
  ownerId: uuid('owner_id')
    .notNull()
    .unique()
    .references(() => owners.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** OAuth tokens, kept on the server only. */
export const spotifyTokens = pgTable('spotify_tokens', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  accessToken: text('access_token').notNull(),
  refreshToken: text('refresh_token').notNull(),
  scope: text('scope').notNull().default(''),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  /** Set when Spotify refused the refresh token (invalid_grant): the user must connect again. */
  needsReconnect: boolean('needs_reconnect').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Progress of a liked-songs import, so an interrupted one resumes where it stopped. */
export const libraryImports = pgTable(
  'library_imports',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['running', 'done', 'failed'] }).notNull(),
    total: integer('total'),
    imported: integer('imported').notNull().default(0),
    nextOffset: integer('next_offset').notNull().default(0),
    /** `added_at` of the newest saved track seen by the last complete import (re-sync stops there). */
    newestAddedAt: text('newest_added_at'),
    error: text('error'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /**
     * What the running import does: 'fetch' pages the liked songs (from `nextOffset`); 'prune'
     * reads the whole library again (from `nextOffset`) noting each liked song in
     * `library_import_seen`, then removes the un-liked ones. A job picked up again goes on from here.
     */
    phase: text('phase', { enum: ['fetch', 'prune'] }).notNull().default('fetch'),
    /** A re-sync fetches only songs liked after this `added_at` (null: the whole library). */
    since: text('since'),
    /** Spotify's count at the end of the last finished import (un-likes show as a shortfall). */
    knownTotal: integer('known_total'),
    /** Entries this run has seen (skipped local files included: Spotify counts them). */
    seen: integer('seen').notNull().default(0),
    /** `added_at` of the newest liked song this run saw (its first page). */
    runNewestAddedAt: text('run_newest_added_at'),
  },
  (t) => [check('library_imports_counts', sql`${t.imported} >= 0 and ${t.nextOffset} >= 0 and ${t.seen} >= 0`)],
);

/** Liked songs seen by a running 'prune' phase (emptied when it ends). */
export const libraryImportSeen = pgTable(
  'library_import_seen',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    spotifyId: text('spotify_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.spotifyId] })],
);

/** The Spotify playlist a montage was saved to, so saving again updates the same one. */
export const spotifyPlaylists = pgTable('spotify_playlists', {
  montageId: uuid('montage_id')
    .primaryKey()
    .references(() => montages.id, { onDelete: 'cascade' }),
  playlistId: text('playlist_id').notNull(),
  savedTrackCount: integer('saved_track_count').notNull().default(0),
  savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
});
