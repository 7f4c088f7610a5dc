/**
 * Every Spotify endpoint the adapter calls, checked against the Web API reference (spec
 * 2026.5.31, tests/fakes/spotify/openapi.yml): none is marked deprecated. The contract test reads
 * this table, so an endpoint added here without a matching, current operation fails the build.
 */
export const WEB_API_ENDPOINTS = {
  currentUser: { method: 'GET', path: '/me', operationId: 'get-current-users-profile' },
  search: { method: 'GET', path: '/search', operationId: 'search' },
  savedTracks: { method: 'GET', path: '/me/tracks', operationId: 'get-users-saved-tracks' },
  myPlaylists: { method: 'GET', path: '/me/playlists', operationId: 'get-a-list-of-current-users-playlists' },
  createPlaylist: { method: 'POST', path: '/me/playlists', operationId: 'create-playlist' },
  playlist: { method: 'GET', path: '/playlists/{playlist_id}', operationId: 'get-playlist' },
  changePlaylistDetails: { method: 'PUT', path: '/playlists/{playlist_id}', operationId: 'change-playlist-details' },
  playlistItems: { method: 'GET', path: '/playlists/{playlist_id}/items', operationId: 'get-playlists-items' },
  addPlaylistItems: { method: 'POST', path: '/playlists/{playlist_id}/items', operationId: 'add-items-to-playlist' },
  replacePlaylistItems: { method: 'PUT', path: '/playlists/{playlist_id}/items', operationId: 'reorder-or-replace-playlists-items' },
  /** Whether a playlist (or track) is in their library: a "deleted" playlist is only unfollowed. */
  libraryContains: { method: 'GET', path: '/me/library/contains', operationId: 'check-library-contains' },
  /** Connect ("Follow my Spotify app"): devices, what plays, start/resume and pause. */
  devices: { method: 'GET', path: '/me/player/devices', operationId: 'get-a-users-available-devices' },
  playbackState: { method: 'GET', path: '/me/player', operationId: 'get-information-about-the-users-current-playback' },
  startPlayback: { method: 'PUT', path: '/me/player/play', operationId: 'start-a-users-playback' },
  pausePlayback: { method: 'PUT', path: '/me/player/pause', operationId: 'pause-a-users-playback' },
} as const;

export type WebApiEndpoint = (typeof WEB_API_ENDPOINTS)[keyof typeof WEB_API_ENDPOINTS];

/** The Web API's version prefix: the reference's server is `https://api.spotify.com/v1`. */
export const WEB_API_PREFIX = '/v1';

/** The accounts service (OAuth 2.0), outside the Web API reference. */
export const ACCOUNTS_ENDPOINTS = {
  authorize: '/authorize',
  token: '/api/token',
} as const;

/** Bounds from the reference. */
export const SPOTIFY_LIMITS = {
  /** GET /search `limit`: 1..10. */
  searchMax: 10,
  /** GET /me/tracks, /me/playlists and /playlists/{id}/items `limit`: 1..50. */
  pageMax: 50,
  /** Items set or added per PUT/POST /playlists/{id}/items. */
  playlistItemsPerRequest: 100,
} as const;

/** `/playlists/{playlist_id}` with `{ playlist_id: 'abc' }` → `/v1/playlists/abc`. */
export function webApiPath(endpoint: WebApiEndpoint, params: Record<string, string> = {}): string {
  const path = endpoint.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`missing path parameter ${name} for ${endpoint.path}`);
    return encodeURIComponent(value);
  });
  return WEB_API_PREFIX + path;
}
