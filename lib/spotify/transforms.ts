import type { PoolTrack } from '../domain/types';
import type {
  RawPaging,
  RawPlaylist,
  RawPrivateUser,
  RawSavedTrack,
  RawSimplifiedPlaylist,
  RawTokenResponse,
  RawTrack,
} from './raw-types';
import type { LibraryTrack, SavedTracksPage, SpotifyPlaylist, SpotifyTrack, SpotifyUser, TokenSet } from './types';

/** Pure mappings from Spotify's JSON to Montage's types. No I/O, no clock: time comes in as an argument. */

const BASE62_ID = /^[0-9A-Za-z]{22}$/;

export function isSpotifyId(value: string): boolean {
  return BASE62_ID.test(value);
}

export function trackUri(spotifyId: string): string {
  return `spotify:track:${spotifyId}`;
}

/**
 * A track Montage can place, or null for what it cannot: local files, entries without an id,
 * name or duration (Spotify sends those for unavailable tracks).
 */
export function toSpotifyTrack(raw: RawTrack | null | undefined): SpotifyTrack | null {
  if (!raw || raw.is_local === true) return null;
  if (raw.type !== undefined && raw.type !== 'track') return null;
  const { id, name, duration_ms: durationMs } = raw;
  if (!id || !isSpotifyId(id) || !name || typeof durationMs !== 'number' || durationMs <= 0) return null;
  const artists = (raw.artists ?? []).map((a) => a.name).filter((n): n is string => typeof n === 'string' && n.length > 0);
  return {
    spotifyId: id,
    uri: raw.uri ?? trackUri(id),
    title: name,
    artists,
    artist: artists.join(', '),
    album: raw.album?.name ?? null,
    durationMs,
    isrc: normaliseIsrc(raw.external_ids?.isrc),
    explicit: raw.explicit ?? false,
  };
}

/** ISRCs are 12 characters (CC-XXX-YY-NNNNN); Spotify sometimes sends them lower-case or hyphenated. */
export function normaliseIsrc(value: string | undefined | null): string | null {
  if (!value) return null;
  const compact = value.replace(/[-\s]/g, '').toUpperCase();
  return /^[A-Z]{2}[A-Z0-9]{3}\d{7}$/.test(compact) ? compact : null;
}

export function toLibraryTrack(raw: RawSavedTrack): LibraryTrack | null {
  const track = toSpotifyTrack(raw.track);
  if (!track || !raw.added_at) return null;
  return { ...track, addedAt: raw.added_at };
}

export function toSavedTracksPage(raw: RawPaging<RawSavedTrack>): SavedTracksPage {
  const tracks: LibraryTrack[] = [];
  for (const item of raw.items) {
    const track = toLibraryTrack(item);
    if (track) tracks.push(track);
  }
  const isLast = raw.next === null || raw.items.length === 0;
  return {
    offset: raw.offset,
    limit: raw.limit,
    total: raw.total,
    tracks,
    skipped: raw.items.length - tracks.length,
    nextOffset: isLast ? null : raw.offset + raw.items.length,
  };
}

/**
 * A Spotify track as the sequencer sees it. Spotify gives new apps no tempo, so `bpm` is null
 * until another source (catalog, analysis, tap, look-up by ISRC) supplies one.
 */
export function toPoolTrack(track: SpotifyTrack, options: { id?: string; isAnchor?: boolean } = {}): PoolTrack {
  return {
    id: options.id ?? track.uri,
    title: track.title,
    artist: track.artist,
    durationMs: track.durationMs,
    bpm: null,
    isAnchor: options.isAnchor ?? false,
  };
}

export function toSpotifyUser(raw: RawPrivateUser): SpotifyUser | null {
  if (!raw.id) return null;
  return {
    id: raw.id,
    displayName: raw.display_name ?? null,
    uri: raw.uri ?? null,
    profileUrl: raw.external_urls?.spotify ?? null,
  };
}

export function toSpotifyPlaylist(raw: RawPlaylist | RawSimplifiedPlaylist): SpotifyPlaylist | null {
  if (!raw.id || typeof raw.name !== 'string') return null;
  return {
    id: raw.id,
    name: raw.name,
    description: raw.description ? decodeHtmlEntities(raw.description) : null,
    isPublic: raw.public ?? null,
    snapshotId: raw.snapshot_id ?? null,
    uri: raw.uri ?? null,
    url: 'external_urls' in raw ? (raw.external_urls?.spotify ?? null) : null,
    ownerId: raw.owner?.id ?? null,
    itemCount: typeof raw.items?.total === 'number' ? raw.items.total : null,
  };
}

/** The uris of a playlist page's entries, in order; entries without an item (removed content) are left out. */
export function toEntryUris(raw: RawPaging<{ item?: { uri?: string } | null }>): string[] {
  return raw.items.map((entry) => entry.item?.uri).filter((uri): uri is string => typeof uri === 'string');
}

/**
 * Tokens with an absolute expiry. Spotify may leave `refresh_token` out of a refresh answer:
 * the one that was used then stays valid, so it is carried over.
 */
export function toTokenSet(raw: RawTokenResponse, nowMs: number, previousRefreshToken: string | null = null): TokenSet {
  return {
    accessToken: raw.access_token,
    refreshToken: raw.refresh_token ?? previousRefreshToken,
    expiresAtMs: nowMs + raw.expires_in * 1000,
    scopes: raw.scope ? raw.scope.split(/\s+/).filter(Boolean) : [],
  };
}

/** Spotify answers descriptions HTML-escaped (`/` → `&#x2F;`): the text as it was sent. */
export function decodeHtmlEntities(value: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, code: string) => {
    if (code[0] === '#') {
      const point = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return Number.isFinite(point) && point <= 0x10ffff ? String.fromCodePoint(point) : entity;
    }
    return named[code.toLowerCase()] ?? entity;
  });
}
