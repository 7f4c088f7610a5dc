import { randomBytes } from 'node:crypto';
import { DECOY_TRACKS, ROCKY_IV_TRACKS, randomBase62Id, type FakeTrack } from './catalog';

/** Everything the fake Spotify knows, in memory. Tests may read it directly to check effects. */

export const KNOWN_SCOPES = [
  'app-remote-control',
  'playlist-read-private',
  'playlist-read-collaborative',
  'playlist-modify-public',
  'playlist-modify-private',
  'user-library-read',
  'user-library-modify',
  'user-read-private',
  'user-read-email',
  'user-follow-read',
  'user-follow-modify',
  'user-top-read',
  'user-read-playback-position',
  'user-read-playback-state',
  'user-read-recently-played',
  'user-read-currently-playing',
  'user-modify-playback-state',
  'ugc-image-upload',
  'streaming',
] as const;

export interface FakeClientApp {
  clientId: string;
  clientSecret: string;
  redirectUris: Set<string>;
}

export interface SavedTrack {
  trackId: string;
  addedAt: string;
}

export interface FakeUser {
  id: string;
  displayName: string;
  /** Development Mode: a user not on the app's allow-list can sign in, but every API call gets 403. */
  isAllowListed: boolean;
  /** Liked songs, newest first (Spotify's order). */
  library: SavedTrack[];
}

export interface PlaylistEntry {
  uri: string;
  addedAt: string;
  addedBy: string;
}

export interface FakePlaylist {
  id: string;
  ownerId: string;
  name: string;
  description: string;
  isPublic: boolean;
  isCollaborative: boolean;
  entries: PlaylistEntry[];
  snapshotId: string;
}

export interface AuthorizationCode {
  code: string;
  clientId: string;
  userId: string;
  redirectUri: string;
  scopes: string[];
  codeChallenge: string | null;
  expiresAtMs: number;
  isUsed: boolean;
}

export interface AccessTokenGrant {
  token: string;
  clientId: string;
  /** Null for client-credentials (app-only) tokens. */
  userId: string | null;
  scopes: Set<string>;
  expiresAtMs: number;
}

export interface RefreshTokenGrant {
  token: string;
  clientId: string;
  userId: string;
  scopes: string[];
  /** Null: never expires (Spotify's refresh tokens live until revoked). */
  expiresAtMs: number | null;
}

export class FakeSpotifyState {
  readonly clients = new Map<string, FakeClientApp>();
  readonly users = new Map<string, FakeUser>();
  /** Every track Spotify knows, in search order. */
  readonly tracks = new Map<string, FakeTrack>();
  readonly playlists = new Map<string, FakePlaylist>();
  /** Playlists in each user's library ("Your Library"), newest first. */
  readonly followedPlaylists = new Map<string, string[]>();
  readonly codes = new Map<string, AuthorizationCode>();
  readonly accessTokens = new Map<string, AccessTokenGrant>();
  readonly refreshTokens = new Map<string, RefreshTokenGrant>();
  /** The person logged in to spotify.com in "the browser" that opens /authorize. */
  browserUserId: string | null = null;
  /** Refresh-token grants answered so far (what a rotation rule counts). */
  refreshCount = 0;
  private clockOffsetMs = 0;

  constructor() {
    for (const track of [...DECOY_TRACKS, ...ROCKY_IV_TRACKS]) this.tracks.set(track.id, track);
  }

  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  advanceTime(ms: number): void {
    this.clockOffsetMs += ms;
  }

  addTracks(tracks: readonly FakeTrack[]): void {
    for (const track of tracks) this.tracks.set(track.id, track);
  }

  issueAccessToken(clientId: string, userId: string | null, scopes: Iterable<string>, lifetimeSec: number): AccessTokenGrant {
    const grant: AccessTokenGrant = {
      token: `fake-at-${randomBytes(24).toString('base64url')}`,
      clientId,
      userId,
      scopes: new Set(scopes),
      expiresAtMs: this.now() + lifetimeSec * 1000,
    };
    this.accessTokens.set(grant.token, grant);
    return grant;
  }

  issueRefreshToken(clientId: string, userId: string, scopes: string[], lifetimeSec: number | null): RefreshTokenGrant {
    const grant: RefreshTokenGrant = {
      token: `fake-rt-${randomBytes(24).toString('base64url')}`,
      clientId,
      userId,
      scopes,
      expiresAtMs: lifetimeSec === null ? null : this.now() + lifetimeSec * 1000,
    };
    this.refreshTokens.set(grant.token, grant);
    return grant;
  }

  /** Removes the app's access: refresh tokens stop working (invalid_grant) and access tokens too. */
  revokeUser(userId: string): void {
    for (const [token, grant] of this.refreshTokens) if (grant.userId === userId) this.refreshTokens.delete(token);
    for (const [token, grant] of this.accessTokens) if (grant.userId === userId) this.accessTokens.delete(token);
  }

  createPlaylist(ownerId: string, details: { name: string; description: string; isPublic: boolean; isCollaborative: boolean }): FakePlaylist {
    const playlist: FakePlaylist = { id: randomBase62Id(), ownerId, entries: [], snapshotId: '', ...details };
    bumpSnapshot(playlist);
    this.playlists.set(playlist.id, playlist);
    this.followedPlaylists.set(ownerId, [playlist.id, ...(this.followedPlaylists.get(ownerId) ?? [])]);
    return playlist;
  }

  playlistsOf(userId: string): FakePlaylist[] {
    return (this.followedPlaylists.get(userId) ?? []).map((id) => this.playlists.get(id)).filter((p): p is FakePlaylist => p !== undefined);
  }
}

/** Spotify's snapshot ids are opaque; a new one on every change. */
export function bumpSnapshot(playlist: FakePlaylist): void {
  playlist.snapshotId = randomBytes(24).toString('base64url');
}
