import type { FakeAlbum, FakeArtist, FakeTrack } from './catalog';
import { apiError, intParam, jsonBody, sendJson, type Ctx } from './http';
import { handleDevices, handlePause, handlePlay, handlePlaybackState } from './player';
import { bumpSnapshot, type AccessTokenGrant, type FakePlaylist, type FakeUser, type PlaylistEntry } from './state';

/**
 * The Web API (api.spotify.com/v1) endpoints Montage uses, answering in the current form of the
 * reference (spec 2026.5.31): `items`/`item` in playlists, no deprecated fields except those the
 * reference still requires. Bounds, scopes and token expiry are enforced as Spotify does;
 * endpoints the reference marks deprecated answer 403, like they do for new apps.
 */

const MARKETS = ['US', 'GB', 'DE', 'FR', 'SE'];
const MAX_ITEMS_PER_REQUEST = 100;
const TRACK_URI = /^spotify:track:([0-9A-Za-z]{22})$/;
const EPISODE_URI = /^spotify:episode:([0-9A-Za-z]{22})$/;

interface Caller {
  grant: AccessTokenGrant;
  user: FakeUser | null;
}

// ---------------------------------------------------------------- rendering

function renderArtist(artist: FakeArtist, origin: string) {
  return {
    external_urls: { spotify: `https://open.spotify.com/artist/${artist.id}` },
    href: `${origin}/v1/artists/${artist.id}`,
    id: artist.id,
    name: artist.name,
    type: 'artist' as const,
    uri: `spotify:artist:${artist.id}`,
  };
}

function renderAlbum(album: FakeAlbum, origin: string) {
  return {
    album_type: album.albumType,
    total_tracks: album.totalTracks,
    // Deprecated but still required by the reference's AlbumBase.
    available_markets: MARKETS,
    external_urls: { spotify: `https://open.spotify.com/album/${album.id}` },
    href: `${origin}/v1/albums/${album.id}`,
    id: album.id,
    images: [
      { url: `https://i.scdn.co/image/fake-${album.id}-640`, height: 640, width: 640 },
      { url: `https://i.scdn.co/image/fake-${album.id}-300`, height: 300, width: 300 },
    ],
    name: album.name,
    release_date: album.releaseDate,
    release_date_precision: album.releaseDatePrecision,
    type: 'album' as const,
    uri: `spotify:album:${album.id}`,
    artists: album.artists.map((a) => renderArtist(a, origin)),
  };
}

export function renderTrack(track: FakeTrack, origin: string) {
  return {
    album: renderAlbum(track.album, origin),
    artists: track.artists.map((a) => renderArtist(a, origin)),
    disc_number: 1,
    duration_ms: track.durationMs,
    explicit: track.explicit,
    external_ids: { isrc: track.isrc },
    external_urls: { spotify: `https://open.spotify.com/track/${track.id}` },
    href: `${origin}/v1/tracks/${track.id}`,
    id: track.id,
    is_playable: true,
    name: track.name,
    track_number: track.trackNumber,
    type: 'track' as const,
    uri: `spotify:track:${track.id}`,
    is_local: false,
  };
}

function renderUserRef(user: FakeUser, origin: string) {
  return {
    external_urls: { spotify: `https://open.spotify.com/user/${user.id}` },
    href: `${origin}/v1/users/${user.id}`,
    id: user.id,
    type: 'user' as const,
    uri: `spotify:user:${user.id}`,
  };
}

function paging<T>(ctx: Ctx, path: string, items: T[], offset: number, limit: number, total: number, extra: Record<string, string> = {}) {
  const link = (at: number) => {
    const query = new URLSearchParams({ ...extra, offset: String(at), limit: String(limit) });
    return `${ctx.origin}${path}?${query.toString()}`;
  };
  return {
    href: link(offset),
    items,
    limit,
    next: offset + limit < total ? link(offset + limit) : null,
    offset,
    previous: offset > 0 ? link(Math.max(0, offset - limit)) : null,
    total,
  };
}

function renderEntry(ctx: Ctx, entry: PlaylistEntry) {
  const track = ctx.state.tracks.get(TRACK_URI.exec(entry.uri)?.[1] ?? '');
  const adder = ctx.state.users.get(entry.addedBy);
  return {
    added_at: entry.addedAt,
    ...(adder ? { added_by: renderUserRef(adder, ctx.origin) } : {}),
    is_local: false,
    ...(track ? { item: renderTrack(track, ctx.origin) } : {}),
  };
}

function renderOwner(ctx: Ctx, playlist: FakePlaylist) {
  const owner = ctx.state.users.get(playlist.ownerId);
  return owner
    ? { ...renderUserRef(owner, ctx.origin), display_name: owner.displayName }
    : { id: playlist.ownerId, type: 'user' as const, display_name: null };
}

/**
 * Spotify answers a description HTML-escaped (`/` → `&#x2F;`, `&` → `&amp;`…), never as it was
 * sent; with `nullDescriptions` the full playlist object says null (the reference: "only returned
 * for modified, verified playlists, otherwise null") and lists say nothing.
 */
export function escapeDescription(value: string): string {
  return value.replace(/[&<>"'/]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;', '/': '&#x2F;' })[c] ?? c);
}

function renderPlaylist(ctx: Ctx, playlist: FakePlaylist) {
  const limit = MAX_ITEMS_PER_REQUEST;
  const path = `/v1/playlists/${playlist.id}/items`;
  return {
    collaborative: playlist.isCollaborative,
    description: ctx.options.nullDescriptions ? null : escapeDescription(playlist.description),
    external_urls: { spotify: `https://open.spotify.com/playlist/${playlist.id}` },
    followers: { href: null, total: 0 },
    href: `${ctx.origin}/v1/playlists/${playlist.id}`,
    id: playlist.id,
    images: [],
    name: playlist.name,
    owner: renderOwner(ctx, playlist),
    public: playlist.isPublic,
    snapshot_id: playlist.snapshotId,
    items: paging(ctx, path, playlist.entries.slice(0, limit).map((e) => renderEntry(ctx, e)), 0, limit, playlist.entries.length),
    type: 'playlist',
    uri: `spotify:playlist:${playlist.id}`,
  };
}

function renderSimplifiedPlaylist(ctx: Ctx, playlist: FakePlaylist) {
  return {
    collaborative: playlist.isCollaborative,
    description: ctx.options.nullDescriptions ? '' : escapeDescription(playlist.description),
    external_urls: { spotify: `https://open.spotify.com/playlist/${playlist.id}` },
    href: `${ctx.origin}/v1/playlists/${playlist.id}`,
    id: playlist.id,
    images: [],
    name: playlist.name,
    owner: renderOwner(ctx, playlist),
    public: playlist.isPublic,
    snapshot_id: playlist.snapshotId,
    items: { href: `${ctx.origin}/v1/playlists/${playlist.id}/items`, total: playlist.entries.length },
    type: 'playlist',
    uri: `spotify:playlist:${playlist.id}`,
  };
}

// ---------------------------------------------------------------- auth

function authenticate(ctx: Ctx, options: { requireUser: boolean }): Caller | null {
  const header = ctx.req.headers.authorization ?? '';
  if (!header.startsWith('Bearer ')) return apiError(ctx, 401, 'No token provided'), null;
  const grant = ctx.state.accessTokens.get(header.slice(7));
  if (!grant) return apiError(ctx, 401, 'Invalid access token'), null;
  if (grant.expiresAtMs <= ctx.state.now()) return apiError(ctx, 401, 'The access token expired'), null;
  ctx.record.tokenKind = grant.userId ? 'user' : 'app';
  ctx.record.userId = grant.userId;
  if (grant.userId === null) {
    if (options.requireUser) return apiError(ctx, 401, 'This endpoint needs a user access token'), null;
    return { grant, user: null };
  }
  const user = ctx.state.users.get(grant.userId);
  if (!user) return apiError(ctx, 401, 'Invalid access token'), null;
  if (!user.isAllowListed) return apiError(ctx, 403, 'User not registered in the Developer Dashboard'), null;
  return { grant, user };
}

function requireScopes(ctx: Ctx, caller: Caller, scopes: Iterable<string>): boolean {
  for (const scope of scopes) {
    if (!caller.grant.scopes.has(scope)) {
      apiError(ctx, 403, 'Insufficient client scope');
      return false;
    }
  }
  return true;
}

const modifyScope = (isPublic: boolean) => (isPublic ? 'playlist-modify-public' : 'playlist-modify-private');

// ---------------------------------------------------------------- search

function normalise(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function parseSearchQuery(q: string): { filters: Array<[string, string]>; terms: string[] } {
  const filters: Array<[string, string]> = [];
  const terms: string[] = [];
  for (const match of q.matchAll(/(\w+):"([^"]*)"|(\w+):(\S+)|"([^"]*)"|(\S+)/g)) {
    if (match[1] !== undefined) filters.push([match[1].toLowerCase(), match[2] ?? '']);
    else if (match[3] !== undefined) filters.push([match[3].toLowerCase(), match[4] ?? '']);
    else terms.push(match[5] ?? match[6] ?? '');
  }
  return { filters, terms: terms.filter(Boolean) };
}

function matchesSearch(track: FakeTrack, query: ReturnType<typeof parseSearchQuery>): boolean {
  const name = normalise(track.name);
  const artists = track.artists.map((a) => normalise(a.name));
  const album = normalise(track.album.name);
  for (const [field, raw] of query.filters) {
    const value = normalise(raw);
    if (field === 'track' && !name.includes(value)) return false;
    if (field === 'artist' && !artists.some((a) => a.includes(value))) return false;
    if (field === 'album' && !album.includes(value)) return false;
    if (field === 'isrc' && track.isrc.toLowerCase() !== raw.toLowerCase()) return false;
    if (field === 'year') {
      const year = Number(track.album.releaseDate.slice(0, 4));
      const [from, to] = raw.split('-').map(Number);
      if (from === undefined || year < from || year > (to ?? from)) return false;
    }
  }
  const haystack = `${name} ${artists.join(' ')} ${album}`;
  return query.terms.every((term) => haystack.includes(normalise(term)));
}

const SEARCH_TYPES = ['album', 'artist', 'playlist', 'track', 'show', 'episode', 'audiobook'];

function handleSearch(ctx: Ctx): void {
  if (!authenticate(ctx, { requireUser: false })) return;
  const q = ctx.query.get('q');
  if (!q) return apiError(ctx, 400, 'No search query');
  const types = (ctx.query.get('type') ?? '').split(',').filter(Boolean);
  if (types.length === 0 || types.some((t) => !SEARCH_TYPES.includes(t))) return apiError(ctx, 400, 'Bad search type field');
  const limit = intParam(ctx.query, 'limit', 5, 1, 10);
  if (limit === null) return apiError(ctx, 400, 'Invalid limit');
  const offset = intParam(ctx.query, 'offset', 0, 0, 1000);
  if (offset === null) return apiError(ctx, 400, 'Invalid offset');
  const extra = { query: q, type: types.join(',') };
  const body: Record<string, unknown> = {};
  for (const type of types) {
    if (type === 'track') {
      const parsed = parseSearchQuery(q);
      const hits = [...ctx.state.tracks.values()].filter((t) => matchesSearch(t, parsed));
      const items = hits.slice(offset, offset + limit).map((t) => renderTrack(t, ctx.origin));
      body.tracks = paging(ctx, '/v1/search', items, offset, limit, hits.length, extra);
    } else {
      body[`${type}s`] = paging(ctx, '/v1/search', [], offset, limit, 0, extra);
    }
  }
  sendJson(ctx, 200, body);
}

// ---------------------------------------------------------------- users and library

function handleMe(ctx: Ctx): void {
  const caller = authenticate(ctx, { requireUser: true });
  if (!caller?.user) return;
  const { user } = caller;
  sendJson(ctx, 200, { ...renderUserRef(user, ctx.origin), display_name: user.displayName, images: [] });
}

function handleSavedTracks(ctx: Ctx): void {
  const caller = authenticate(ctx, { requireUser: true });
  if (!caller?.user || !requireScopes(ctx, caller, ['user-library-read'])) return;
  const limit = intParam(ctx.query, 'limit', 20, 1, 50);
  if (limit === null) return apiError(ctx, 400, 'Invalid limit');
  const offset = intParam(ctx.query, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
  if (offset === null) return apiError(ctx, 400, 'Invalid offset');
  const { library } = caller.user;
  const items = library.slice(offset, offset + limit).map((saved) => {
    const track = ctx.state.tracks.get(saved.trackId);
    if (!track) throw new Error(`library names unknown track ${saved.trackId}`);
    return { added_at: saved.addedAt, track: renderTrack(track, ctx.origin) };
  });
  sendJson(ctx, 200, paging(ctx, '/v1/me/tracks', items, offset, limit, library.length));
}

/** `GET /me/library/contains?uris=…` (at most 40): is each track in their liked songs, each playlist in their library? */
function handleLibraryContains(ctx: Ctx): void {
  const caller = authenticate(ctx, { requireUser: true });
  if (!caller?.user) return;
  const raw = ctx.query.get('uris');
  if (!raw) return apiError(ctx, 400, 'Missing required parameter: uris');
  const uris = raw.split(',');
  if (uris.length > 40) return apiError(ctx, 400, 'Too many ids requested');
  const user = caller.user;
  const answers: boolean[] = [];
  for (const uri of uris) {
    const [, type, id] = /^spotify:(track|playlist):([0-9A-Za-z]+)$/.exec(uri) ?? [];
    if (!type || !id) return apiError(ctx, 400, `Unsupported or invalid uri: ${uri}`);
    if (!requireScopes(ctx, caller, [type === 'track' ? 'user-library-read' : 'playlist-read-private'])) return;
    answers.push(type === 'track' ? user.library.some((s) => s.trackId === id) : ctx.state.playlistsOf(user.id).some((p) => p.id === id));
  }
  sendJson(ctx, 200, answers);
}

// ---------------------------------------------------------------- playlists

function handleMyPlaylists(ctx: Ctx): void {
  const caller = authenticate(ctx, { requireUser: true });
  if (!caller?.user) return;
  const limit = intParam(ctx.query, 'limit', 20, 1, 50);
  if (limit === null) return apiError(ctx, 400, 'Invalid limit');
  const offset = intParam(ctx.query, 'offset', 0, 0, 100_000);
  if (offset === null) return apiError(ctx, 400, 'Invalid offset');
  const canSeePrivate = caller.grant.scopes.has('playlist-read-private');
  const visible = ctx.state.playlistsOf(caller.user.id).filter((p) => p.isPublic || canSeePrivate);
  const items = visible.slice(offset, offset + limit).map((p) => renderSimplifiedPlaylist(ctx, p));
  sendJson(ctx, 200, paging(ctx, '/v1/me/playlists', items, offset, limit, visible.length));
}

function handleCreatePlaylist(ctx: Ctx): void {
  const caller = authenticate(ctx, { requireUser: true });
  if (!caller?.user) return;
  const body = jsonBody(ctx);
  if (body === null) return apiError(ctx, 400, 'Error parsing json');
  if (typeof body.name !== 'string' || body.name.trim() === '') return apiError(ctx, 400, 'Missing required field: name');
  if (body.public !== undefined && typeof body.public !== 'boolean') return apiError(ctx, 400, 'Invalid value for field: public');
  if (body.collaborative !== undefined && typeof body.collaborative !== 'boolean') return apiError(ctx, 400, 'Invalid value for field: collaborative');
  if (body.description !== undefined && typeof body.description !== 'string') return apiError(ctx, 400, 'Invalid value for field: description');
  const isPublic = body.public ?? true;
  const isCollaborative = body.collaborative ?? false;
  if (isCollaborative && isPublic) return apiError(ctx, 400, 'Collaborative playlists can only be private.');
  if (!requireScopes(ctx, caller, [modifyScope(isPublic)])) return;
  const playlist = ctx.state.createPlaylist(caller.user.id, { name: body.name, description: body.description ?? '', isPublic, isCollaborative });
  sendJson(ctx, 201, renderPlaylist(ctx, playlist));
}

function findPlaylist(ctx: Ctx, id: string): FakePlaylist | null {
  const playlist = ctx.state.playlists.get(id);
  if (!playlist) apiError(ctx, 404, 'Resource not found');
  return playlist ?? null;
}

/** The caller owns the playlist and holds the scope its (current and wanted) visibility needs. */
function canModify(ctx: Ctx, caller: Caller, playlist: FakePlaylist, becomesPublic: boolean = playlist.isPublic): boolean {
  if (caller.user?.id !== playlist.ownerId && !playlist.isCollaborative) {
    apiError(ctx, 403, 'You cannot modify a playlist you do not own');
    return false;
  }
  return requireScopes(ctx, caller, new Set([modifyScope(playlist.isPublic), modifyScope(becomesPublic)]));
}

function handleGetPlaylist(ctx: Ctx, id: string): void {
  const caller = authenticate(ctx, { requireUser: false });
  if (!caller) return;
  const playlist = findPlaylist(ctx, id);
  if (!playlist) return;
  if (!playlist.isPublic && caller.user?.id !== playlist.ownerId) return apiError(ctx, 404, 'Resource not found');
  sendJson(ctx, 200, renderPlaylist(ctx, playlist));
}

function handleChangeDetails(ctx: Ctx, id: string): void {
  const caller = authenticate(ctx, { requireUser: true });
  if (!caller) return;
  const playlist = findPlaylist(ctx, id);
  if (!playlist) return;
  const body = jsonBody(ctx);
  if (body === null) return apiError(ctx, 400, 'Error parsing json');
  if (body.name !== undefined && (typeof body.name !== 'string' || body.name.trim() === '')) return apiError(ctx, 400, 'Invalid value for field: name');
  if (body.public !== undefined && typeof body.public !== 'boolean') return apiError(ctx, 400, 'Invalid value for field: public');
  if (body.description !== undefined && typeof body.description !== 'string') return apiError(ctx, 400, 'Invalid value for field: description');
  if (body.collaborative !== undefined && typeof body.collaborative !== 'boolean') return apiError(ctx, 400, 'Invalid value for field: collaborative');
  const becomesPublic = (body.public as boolean | undefined) ?? playlist.isPublic;
  if (!canModify(ctx, caller, playlist, becomesPublic)) return;
  if (typeof body.name === 'string') playlist.name = body.name;
  if (typeof body.description === 'string') playlist.description = body.description;
  if (typeof body.collaborative === 'boolean') playlist.isCollaborative = body.collaborative;
  playlist.isPublic = becomesPublic;
  bumpSnapshot(playlist);
  sendJson(ctx, 200, undefined);
}

function handleGetItems(ctx: Ctx, id: string): void {
  const caller = authenticate(ctx, { requireUser: true });
  if (!caller) return;
  const playlist = findPlaylist(ctx, id);
  if (!playlist) return;
  // The reference: only the owner or a collaborator may read a playlist's items.
  if (caller.user?.id !== playlist.ownerId && !playlist.isCollaborative) return apiError(ctx, 403, 'Forbidden');
  if (!playlist.isPublic && !requireScopes(ctx, caller, ['playlist-read-private'])) return;
  const limit = intParam(ctx.query, 'limit', 20, 1, 50);
  if (limit === null) return apiError(ctx, 400, 'Invalid limit');
  const offset = intParam(ctx.query, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
  if (offset === null) return apiError(ctx, 400, 'Invalid offset');
  const items = playlist.entries.slice(offset, offset + limit).map((e) => renderEntry(ctx, e));
  sendJson(ctx, 200, paging(ctx, `/v1/playlists/${playlist.id}/items`, items, offset, limit, playlist.entries.length));
}

/** `uris` from the query (comma-separated) or else the body; a message when they are not acceptable. */
function readUris(ctx: Ctx, body: Record<string, unknown>): { uris: string[] | null; problem: string | null } {
  const fromQuery = ctx.query.get('uris');
  let uris: string[] | null = null;
  if (fromQuery !== null) uris = fromQuery.split(',').map((u) => u.trim()).filter(Boolean);
  else if (body.uris !== undefined) {
    if (!Array.isArray(body.uris) || body.uris.some((u) => typeof u !== 'string')) return { uris: null, problem: 'uris must be an array of strings' };
    uris = body.uris as string[];
  }
  if (uris === null) return { uris: null, problem: null };
  if (uris.length > MAX_ITEMS_PER_REQUEST) return { uris, problem: `You can add a maximum of ${MAX_ITEMS_PER_REQUEST} tracks per request.` };
  for (const uri of uris) {
    const trackId = TRACK_URI.exec(uri)?.[1];
    if (trackId === undefined && !EPISODE_URI.test(uri)) return { uris, problem: `Invalid base62 id: ${uri}` };
    if (trackId === undefined || !ctx.state.tracks.has(trackId)) return { uris, problem: 'Payload contains a non-existing ID' };
  }
  return { uris, problem: null };
}

function toEntries(ctx: Ctx, uris: string[], userId: string): PlaylistEntry[] {
  const addedAt = new Date(ctx.state.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return uris.map((uri) => ({ uri, addedAt, addedBy: userId }));
}

function handleAddItems(ctx: Ctx, id: string): void {
  const caller = authenticate(ctx, { requireUser: true });
  if (!caller?.user) return;
  const playlist = findPlaylist(ctx, id);
  if (!playlist || !canModify(ctx, caller, playlist)) return;
  const body = jsonBody(ctx);
  if (body === null) return apiError(ctx, 400, 'Error parsing json');
  const { uris, problem } = readUris(ctx, body);
  if (problem) return apiError(ctx, 400, problem);
  if (!uris || uris.length === 0) return apiError(ctx, 400, 'No uris provided');
  const rawPosition = ctx.query.get('position') ?? (body.position === undefined ? null : String(body.position));
  const position = rawPosition === null ? playlist.entries.length : Number(rawPosition);
  if (!Number.isInteger(position) || position < 0 || position > playlist.entries.length) return apiError(ctx, 400, 'Index out of bounds');
  playlist.entries.splice(position, 0, ...toEntries(ctx, uris, caller.user.id));
  bumpSnapshot(playlist);
  sendJson(ctx, 201, { snapshot_id: playlist.snapshotId });
}

function handleReplaceOrReorder(ctx: Ctx, id: string): void {
  const caller = authenticate(ctx, { requireUser: true });
  if (!caller?.user) return;
  const playlist = findPlaylist(ctx, id);
  if (!playlist || !canModify(ctx, caller, playlist)) return;
  const body = jsonBody(ctx);
  if (body === null) return apiError(ctx, 400, 'Error parsing json');
  const { uris, problem } = readUris(ctx, body);
  if (problem) return apiError(ctx, 400, problem);
  if (uris !== null) {
    playlist.entries = toEntries(ctx, uris, caller.user.id);
  } else {
    const { range_start: start, insert_before: before, range_length: length = 1, snapshot_id: snapshot } = body;
    if (!Number.isInteger(start) || !Number.isInteger(before) || !Number.isInteger(length)) return apiError(ctx, 400, 'Missing uris or range_start and insert_before');
    if (snapshot !== undefined && snapshot !== playlist.snapshotId) return apiError(ctx, 400, 'Invalid snapshot id');
    const [s, b, n] = [start as number, before as number, length as number];
    const size = playlist.entries.length;
    if (s < 0 || n < 1 || s + n > size || b < 0 || b > size) return apiError(ctx, 400, 'Index out of bounds');
    const moved = playlist.entries.splice(s, n);
    playlist.entries.splice(b > s ? b - n : b, 0, ...moved);
  }
  bumpSnapshot(playlist);
  sendJson(ctx, 200, { snapshot_id: playlist.snapshotId });
}

// ---------------------------------------------------------------- Connect (player)

function player(scopes: string[], handle: (ctx: Ctx, user: FakeUser) => void) {
  return (ctx: Ctx) => {
    const caller = authenticate(ctx, { requireUser: true });
    if (!caller?.user || !requireScopes(ctx, caller, scopes)) return;
    handle(ctx, caller.user);
  };
}

// ---------------------------------------------------------------- routing

/** Endpoints the reference marks deprecated that a client might still reach for; Spotify refuses them to new apps. */
const REMOVED: Array<{ method?: string; pattern: RegExp; use: string }> = [
  { pattern: /^\/v1\/playlists\/[^/]+\/tracks$/, use: '/playlists/{playlist_id}/items' },
  { pattern: /^\/v1\/users\/[^/]+\/playlists$/, use: '/me/playlists' },
  { method: 'GET', pattern: /^\/v1\/users\/[^/]+$/, use: '/me' },
  { method: 'GET', pattern: /^\/v1\/tracks$/, use: '/tracks/{id}' },
  { pattern: /^\/v1\/audio-features(\/[^/]+)?$/, use: 'another tempo source' },
  { pattern: /^\/v1\/audio-analysis\/[^/]+$/, use: 'another tempo source' },
  { pattern: /^\/v1\/recommendations(\/.*)?$/, use: 'nothing (closed)' },
  { method: 'PUT', pattern: /^\/v1\/me\/tracks$/, use: '/me/library' },
  { method: 'DELETE', pattern: /^\/v1\/me\/tracks$/, use: '/me/library' },
];

const ID = '([0-9A-Za-z]+)';
const ROUTES: Array<{ method: string; pattern: RegExp; handle: (ctx: Ctx, id: string) => void }> = [
  { method: 'GET', pattern: /^\/v1\/me$/, handle: handleMe },
  { method: 'GET', pattern: /^\/v1\/search$/, handle: handleSearch },
  { method: 'GET', pattern: /^\/v1\/me\/tracks$/, handle: handleSavedTracks },
  { method: 'GET', pattern: /^\/v1\/me\/library\/contains$/, handle: handleLibraryContains },
  { method: 'GET', pattern: /^\/v1\/me\/player\/devices$/, handle: player(['user-read-playback-state'], handleDevices) },
  { method: 'GET', pattern: /^\/v1\/me\/player$/, handle: player(['user-read-playback-state'], handlePlaybackState) },
  { method: 'PUT', pattern: /^\/v1\/me\/player\/play$/, handle: player(['user-modify-playback-state'], handlePlay) },
  { method: 'PUT', pattern: /^\/v1\/me\/player\/pause$/, handle: player(['user-modify-playback-state'], handlePause) },
  { method: 'GET', pattern: /^\/v1\/me\/playlists$/, handle: handleMyPlaylists },
  { method: 'POST', pattern: /^\/v1\/me\/playlists$/, handle: handleCreatePlaylist },
  { method: 'GET', pattern: new RegExp(`^/v1/playlists/${ID}$`), handle: handleGetPlaylist },
  { method: 'PUT', pattern: new RegExp(`^/v1/playlists/${ID}$`), handle: handleChangeDetails },
  { method: 'GET', pattern: new RegExp(`^/v1/playlists/${ID}/items$`), handle: handleGetItems },
  { method: 'POST', pattern: new RegExp(`^/v1/playlists/${ID}/items$`), handle: handleAddItems },
  { method: 'PUT', pattern: new RegExp(`^/v1/playlists/${ID}/items$`), handle: handleReplaceOrReorder },
];

export function handleWebApi(ctx: Ctx): void {
  const removed = REMOVED.find((r) => (r.method === undefined || r.method === ctx.method) && r.pattern.test(ctx.path));
  if (removed) return apiError(ctx, 403, `This endpoint is deprecated and closed to new apps; use ${removed.use}`);
  for (const route of ROUTES) {
    if (route.method !== ctx.method) continue;
    const match = route.pattern.exec(ctx.path);
    if (match) return route.handle(ctx, match[1] ?? '');
  }
  const pathKnown = ROUTES.some((r) => r.pattern.test(ctx.path));
  apiError(ctx, pathKnown ? 405 : 404, pathKnown ? 'Method not allowed' : 'Service not found');
}
