/** Montage's view of Spotify data: what the app stores and shows, in its own names and units. */

export interface SpotifyTrack {
  /** Spotify's base-62 track id. */
  spotifyId: string;
  /** `spotify:track:<id>`, what playlists take. */
  uri: string;
  title: string;
  artists: string[];
  /** The artists joined for display, e.g. "Kenny Loggins, Gladys Knight". */
  artist: string;
  album: string | null;
  durationMs: number;
  /** International Standard Recording Code, the key for tempo look-ups elsewhere; null when Spotify has none. */
  isrc: string | null;
  explicit: boolean;
}

/** A liked song: a track and when the person saved it (ISO 8601). */
export interface LibraryTrack extends SpotifyTrack {
  addedAt: string;
}

export interface SavedTracksPage {
  offset: number;
  limit: number;
  /** Liked songs in the library when the page was read. */
  total: number;
  tracks: LibraryTrack[];
  /** Entries on the page Montage cannot use (local files, unavailable tracks). */
  skipped: number;
  /** Offset of the next page, or null when this page was the last. */
  nextOffset: number | null;
}

export interface SpotifyUser {
  id: string;
  displayName: string | null;
  uri: string | null;
  profileUrl: string | null;
}

export interface SpotifyPlaylist {
  id: string;
  name: string;
  description: string | null;
  isPublic: boolean | null;
  snapshotId: string | null;
  uri: string | null;
  url: string | null;
  ownerId: string | null;
  /** Entries in the playlist, when the answer said. */
  itemCount: number | null;
}

/** Tokens from the accounts service; `expiresAtMs` is an absolute time (ms since the epoch). */
export interface TokenSet {
  accessToken: string;
  /** Null for app-only (client-credentials) tokens. */
  refreshToken: string | null;
  expiresAtMs: number;
  scopes: string[];
}
