/**
 * What Montage asks of a Spotify account: liked songs, and private playlists it writes and then
 * checks. No `playlist-modify-public`: every playlist Montage writes is private. Pure (the browser
 * reads these too, for incremental consent).
 */
export const SPOTIFY_SCOPES = ['user-library-read', 'playlist-read-private', 'playlist-modify-private'] as const;

/** Asked for only when the listener turns "Follow my Spotify app" on (incremental consent). */
export const CONNECT_SCOPES = ['user-read-playback-state', 'user-modify-playback-state'] as const;
