/**
 * Spotify's own JSON, as the Web API reference (spec 2026.5.31) describes it: only the fields the
 * adapter reads, and none the reference marks deprecated (popularity, preview_url,
 * available_markets on tracks, a playlist's `tracks`, a playlist entry's `track`, a user's e-mail
 * or country...), so nothing here leans on data Spotify is removing. Kept apart from Montage's
 * own types; `transforms.ts` maps one to the other.
 */

export interface RawExternalUrls {
  spotify?: string;
}

export interface RawImage {
  url: string;
  height: number | null;
  width: number | null;
}

export interface RawSimplifiedArtist {
  id?: string;
  name?: string;
  uri?: string;
  type?: 'artist';
  href?: string;
  external_urls?: RawExternalUrls;
}

export interface RawSimplifiedAlbum {
  id: string;
  name: string;
  uri: string;
  album_type: 'album' | 'single' | 'compilation';
  release_date: string;
  release_date_precision: 'year' | 'month' | 'day';
  total_tracks: number;
  images: RawImage[];
  artists: RawSimplifiedArtist[];
}

export interface RawTrack {
  id?: string;
  name?: string;
  uri?: string;
  type?: 'track';
  duration_ms?: number;
  explicit?: boolean;
  is_local?: boolean;
  is_playable?: boolean;
  disc_number?: number;
  track_number?: number;
  external_ids?: { isrc?: string; ean?: string; upc?: string };
  external_urls?: RawExternalUrls;
  artists?: RawSimplifiedArtist[];
  album?: RawSimplifiedAlbum;
}

/** A podcast episode can sit in a playlist too; Montage only reads its type and uri. */
export interface RawEpisode {
  id?: string;
  uri?: string;
  type: 'episode';
  name?: string;
}

export interface RawPaging<T> {
  href: string;
  items: T[];
  limit: number;
  next: string | null;
  offset: number;
  previous: string | null;
  total: number;
}

export interface RawSavedTrack {
  added_at?: string;
  track?: RawTrack;
}

export interface RawSearchResponse {
  tracks?: RawPaging<RawTrack>;
}

export interface RawPrivateUser {
  id?: string;
  display_name?: string | null;
  uri?: string;
  type?: string;
  external_urls?: RawExternalUrls;
  images?: RawImage[];
}

export interface RawPlaylistOwner {
  id?: string;
  display_name?: string | null;
  type?: 'user';
  uri?: string;
}

/** An entry of a playlist: `item` is its track or episode (the reference's replacement for `track`). */
export interface RawPlaylistEntry {
  added_at?: string;
  is_local?: boolean;
  item?: RawTrack | RawEpisode | null;
}

export interface RawPlaylist {
  id?: string;
  name?: string;
  /** Sent by Spotify though the reference's PlaylistObject does not list it. */
  description?: string | null;
  public?: boolean | null;
  collaborative?: boolean;
  snapshot_id?: string;
  uri?: string;
  href?: string;
  external_urls?: RawExternalUrls;
  owner?: RawPlaylistOwner;
  items?: RawPaging<RawPlaylistEntry>;
}

/** An entry of GET /me/playlists: `items` only counts the entries. */
export interface RawSimplifiedPlaylist {
  id?: string;
  name?: string;
  description?: string | null;
  public?: boolean | null;
  snapshot_id?: string;
  uri?: string;
  owner?: RawPlaylistOwner;
  items?: { href?: string; total?: number };
}

export interface RawSnapshotResponse {
  snapshot_id?: string;
}

/** `{ error: { status, message } }`, the Web API's error body (Spotify may add a `reason`). */
export interface RawApiErrorBody {
  error: { status: number; message: string; reason?: string };
}

/** The accounts service's OAuth error body (RFC 6749 §5.2). */
export interface RawAuthErrorBody {
  error: string;
  error_description?: string;
}

/** POST /api/token success (RFC 6749 §5.1). */
export interface RawTokenResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
  scope?: string;
  refresh_token?: string;
}
