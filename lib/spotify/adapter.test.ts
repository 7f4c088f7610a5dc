import { describe, expect, it } from 'vitest';
import { rejectionOf } from '../../tests/support/rejection';
import { SpotifyError } from './errors';
import { createSpotifyAdapter, type SpotifyAdapterConfig } from './index';

/**
 * The adapter's own rules (bounds checked before anything is sent, answers it cannot read, what it
 * sends), against a fetch that answers by path. tests/integration/spotify-*.test.ts play the
 * journeys against the loopback fake.
 */
type Answer = unknown | ((url: URL, init: RequestInit) => Response | Error);

function scripted(answers: Record<string, Answer>, config: Partial<SpotifyAdapterConfig> = {}) {
  const sent: { method: string; url: URL; body: unknown }[] = [];
  const fetchImpl = (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const body = typeof init.body === 'string' && init.body.startsWith('{') ? JSON.parse(init.body) : init.body;
    sent.push({ method: init.method ?? 'GET', url, body });
    const answer = answers[`${init.method ?? 'GET'} ${url.pathname}`];
    if (answer === undefined) return new Response(null, { status: 204 });
    const response = typeof answer === 'function' ? (answer as (url: URL, init: RequestInit) => Response | Error)(url, init) : Response.json(answer);
    if (response instanceof Error) throw response;
    return response;
  }) as typeof fetch;
  const adapter = createSpotifyAdapter({
    apiBaseUrl: 'http://api.spotify.test',
    accountsBaseUrl: 'http://accounts.spotify.test',
    clientId: 'client-id',
    clientSecret: 'client-secret',
    fetchImpl,
    sleep: async () => {},
    getAccessToken: async () => 'user-token',
    ...config,
  });
  return { adapter, sent };
}

const ID = '2KH16WveTQWT6KOG9Rg6e2';
/** Spotify's answer refusing a request: `status` with its error object. */
const refusal = (status: number, message: string) => () => new Response(JSON.stringify({ error: { status, message } }), { status });
/** A 502 after a POST: it may have been applied (the answer was lost). */
const lostAnswer = refusal(502, 'Bad gateway');
const appToken = { 'POST /api/token': { access_token: 'app-token', token_type: 'Bearer', expires_in: 3600 } };
const refused = (promise: Promise<unknown>) => rejectionOf(promise, RangeError);
const failure = (promise: Promise<unknown>) => rejectionOf(promise, SpotifyError);

describe('bounds, checked before anything is sent', () => {
  it('limits and offsets within the reference’s bounds', async () => {
    const { adapter, sent } = scripted({});
    expect((await refused(adapter.searchTracks({ title: 'x', artist: 'y' }, { limit: 0 }))).message).toBe('search limit must be an integer from 1 to 10, got 0');
    expect((await refused(adapter.searchTracks({ title: 'x', artist: 'y' }, { limit: 11 }))).message).toBe('search limit must be an integer from 1 to 10, got 11');
    expect((await refused(adapter.getSavedTracksPage({ offset: 0, limit: 51 }))).message).toBe('page limit must be an integer from 1 to 50, got 51');
    expect((await refused(adapter.getSavedTracksPage({ offset: -1 }))).message).toBe('offset must be a non-negative integer, got -1');
    expect((await refused(adapter.getMyPlaylists({ offset: 1.5 }))).message).toBe('offset must be a non-negative integer, got 1.5');
    expect((await refused(adapter.getMyPlaylists({ limit: 2.5 }))).message).toBe('page limit must be an integer from 1 to 50, got 2.5');
    expect(sent).toEqual([]);
  });

  it('a limit of 1 is allowed', async () => {
    const { adapter, sent } = scripted({ 'GET /v1/me/playlists': { items: [], total: 0, limit: 1, offset: 0, next: null } });
    await adapter.getMyPlaylists({ limit: 1 });
    expect(sent[0]!.url.searchParams.get('limit')).toBe('1');
  });

  it('playlist ids and track uris as Spotify writes them', async () => {
    const { adapter, sent } = scripted({});
    for (const bad of ['abc/def', '!abc', 'abc!', 'x'.repeat(65), '']) {
      expect((await refused(adapter.replacePlaylistItems(bad, [`spotify:track:${ID}`]))).message).toBe(`not a Spotify playlist id: ${bad}`);
    }
    for (const bad of [`spotify:track:${ID}x`, `xspotify:track:${ID}`, `spotify:album:${ID}`]) {
      expect((await refused(adapter.replacePlaylistItems('p1', [`spotify:episode:${ID}`, bad]))).message).toBe(`not a Spotify track or episode uri: ${bad}`);
    }
    expect((await refused(adapter.isPlaylistInLibrary('p 1'))).message).toBe('not a Spotify playlist id: p 1');
    expect(sent).toEqual([]);
  });

  it('a playback offset is a position in the list', async () => {
    const { adapter, sent } = scripted({});
    for (const offsetPosition of [-1, 1.5]) {
      expect((await refused(adapter.startPlayback({ deviceId: 'd1', uris: [], offsetPosition, positionMs: 0 }))).message).toBe(`offset must be a non-negative integer, got ${offsetPosition}`);
    }
    expect(sent).toEqual([]);
  });
});

describe('what it sends', () => {
  it('starts, resumes and pauses on the chosen device; a list of tracks from a position, never before 0 ms', async () => {
    const { adapter, sent } = scripted({});
    await adapter.startPlayback({ deviceId: 'd1', uris: [`spotify:track:${ID}`], offsetPosition: 2, positionMs: -40 });
    await adapter.startPlayback({ deviceId: 'd1', contextUri: 'spotify:playlist:p1', offsetPosition: 0, positionMs: 1234.4 });
    await adapter.resumePlayback('d2');
    await adapter.pausePlayback('d3');
    expect(sent.map((r) => [r.method, r.url.pathname, r.url.searchParams.get('device_id')])).toEqual([
      ['PUT', '/v1/me/player/play', 'd1'],
      ['PUT', '/v1/me/player/play', 'd1'],
      ['PUT', '/v1/me/player/play', 'd2'],
      ['PUT', '/v1/me/player/pause', 'd3'],
    ]);
    expect(sent[0]!.body).toEqual({ uris: [`spotify:track:${ID}`], offset: { position: 2 }, position_ms: 0 });
    expect(sent[1]!.body).toEqual({ context_uri: 'spotify:playlist:p1', offset: { position: 0 }, position_ms: 1234 });
  });

  it('an authorization code is exchanged once (a retry could only fail); app tokens are asked again after a lost answer', async () => {
    const lost = () => new TypeError('fetch failed');
    const exchange = scripted({ 'POST /api/token': lost });
    expect(await failure(exchange.adapter.exchangeCode({ code: 'c', codeVerifier: 'v', redirectUri: 'http://127.0.0.1:3000/cb' }))).toMatchObject({ code: 'unavailable', mayHaveApplied: true });
    expect(exchange.sent).toHaveLength(1);

    let calls = 0;
    const retried = () => (++calls === 1 ? lost() : Response.json(appToken['POST /api/token']));
    const credentials = scripted({ 'POST /api/token': retried });
    expect((await credentials.adapter.clientCredentialsToken()).accessToken).toBe('app-token');
    expect(credentials.sent).toHaveLength(2);

    calls = 0;
    const search = scripted({ 'POST /api/token': retried, 'GET /v1/search': { tracks: { items: [] } } });
    expect(await search.adapter.searchTracks({ title: 'x', artist: 'y' })).toEqual([]);
    expect(search.sent.map((r) => r.url.pathname)).toEqual(['/api/token', '/api/token', '/v1/search']);
  });
});

describe('answers it cannot read, or reads as nothing', () => {
  it('acting for a person needs their token', async () => {
    const { adapter, sent } = scripted({}, { getAccessToken: undefined });
    expect(await failure(adapter.getCurrentUser())).toMatchObject({ code: 'reconnect_required', detail: 'no user token' });
    expect(sent).toEqual([]);
  });

  it('a token answer without a token or an expiry, a profile or playlist without an id, a library check without a boolean', async () => {
    for (const body of [{}, { access_token: 'a' }, { expires_in: 3600 }, { access_token: 5, expires_in: 3600 }]) {
      const { adapter } = scripted({ 'POST /api/token': body });
      expect(await failure(adapter.refreshUserToken('r')), JSON.stringify(body)).toMatchObject({ code: 'invalid_response', detail: 'token answer without access_token' });
    }
    const app = scripted({ 'POST /api/token': { token_type: 'Bearer', expires_in: 3600 } });
    expect(await failure(app.adapter.searchTracks({ title: 'x', artist: 'y' }))).toMatchObject({ code: 'invalid_response', detail: 'token answer without access_token' });
    expect(await failure(scripted({ 'GET /v1/me': { display_name: 'Nobody' } }).adapter.getCurrentUser())).toMatchObject({ code: 'invalid_response', detail: 'profile without id' });
    expect(await failure(scripted({ 'POST /v1/me/playlists': { name: 'Run' } }).adapter.createPlaylist({ name: 'Run', isPublic: false }))).toMatchObject({
      code: 'invalid_response',
      detail: 'playlist without id or name',
    });
    for (const body of [{ contains: true }, ['true'], []]) {
      expect(await failure(scripted({ 'GET /v1/me/library/contains': body }).adapter.isPlaylistInLibrary('p1'))).toMatchObject({ code: 'invalid_response', detail: 'library/contains without a boolean' });
    }
  });

  it('leaves out devices, tracks and playlists it cannot use; nothing is an empty list', async () => {
    expect(await scripted({}).adapter.getDevices()).toEqual([]);
    const devices = scripted({ 'GET /v1/me/player/devices': { devices: [{ id: null, name: 'Private' }, { id: 'd1', name: 'Phone' }] } });
    expect((await devices.adapter.getDevices()).map((d) => d.id)).toEqual(['d1']);
    const search = scripted({
      ...appToken,
      'GET /v1/search': { tracks: { items: [null, { id: ID, name: 'Eye of the Tiger', duration_ms: 226_000, artists: [{ name: 'Survivor' }] }] } },
    });
    expect((await search.adapter.searchTracks({ title: 'Eye of the Tiger', artist: 'Survivor' })).map((t) => t.spotifyId)).toEqual([ID]);
    expect(await scripted({ ...appToken, 'GET /v1/search': {} }).adapter.searchTracks({ title: 'x', artist: 'y' })).toEqual([]);
    const playlists = scripted({ 'GET /v1/me/playlists': { items: [{ name: 'no id' }, { id: 'p1', name: 'Run' }], total: 2, limit: 50, offset: 0, next: null } });
    expect(await playlists.adapter.getMyPlaylists()).toMatchObject({ playlists: [{ id: 'p1' }], total: 2 });
  });
});

describe('a re-sync', () => {
  it('goes on while every song on the page is newer than the last import, and stops at the first one that is not', async () => {
    const song = (i: number, addedAt: string) => ({ added_at: addedAt, track: { id: `${String(i).padStart(2, '0')}${ID.slice(2)}`, name: `Song ${i}`, duration_ms: 200_000, artists: [{ name: 'A' }] } });
    const pages = [
      { items: [song(1, '2026-11-20T00:00:00Z'), song(2, '2026-11-19T00:00:00Z')], next: 'more' },
      { items: [song(3, '2026-11-18T00:00:00Z'), song(4, '2026-11-01T00:00:00Z')], next: 'more' },
      { items: [song(5, '2026-10-01T00:00:00Z')], next: null },
    ];
    const { adapter, sent } = scripted({
      'GET /v1/me/tracks': (url: URL) => {
        const index = Number(url.searchParams.get('offset')) / 2;
        return Response.json({ ...pages[index], limit: 50, offset: index * 2, total: 5, href: 'h', previous: null });
      },
    });
    const seen: string[] = [];
    for await (const page of adapter.importSavedTracks({ since: '2026-11-10T00:00:00Z' })) seen.push(...page.tracks.map((t) => t.title));
    expect(seen).toEqual(['Song 1', 'Song 2', 'Song 3']);
    expect(sent.map((r) => r.url.searchParams.get('offset'))).toEqual(['0', '2']);
  });
});

describe('saving a playlist', () => {
  const me = { 'GET /v1/me': { id: 'rocky', display_name: 'Rocky' } };
  const listed = (items: object[]) => ({ 'GET /v1/me/playlists': { items, total: items.length, limit: 50, offset: 0, next: null } });
  const playlist = (id: string, over: object = {}) => ({ id, name: 'Montage', description: 'Rocky / IV', owner: { id: 'rocky' }, items: { total: 0 }, ...over });

  it('a create whose answer was lost adopts the empty playlist of theirs it made: same name, same description once unescaped', async () => {
    const { adapter, sent } = scripted({
      ...me,
      'POST /v1/me/playlists': lostAnswer,
      ...listed([
        playlist('theirs', { owner: { id: 'apollo' } }),
        playlist('full', { items: { total: 3 } }),
        playlist('renamed', { name: 'Montage 2' }),
        playlist('other', { description: 'Rocky III' }),
        playlist('made', { description: 'Rocky &#x2F; IV' }),
        playlist('older'),
      ]),
    });
    expect((await adapter.createPlaylist({ name: 'Montage', description: 'Rocky / IV', isPublic: false })).id).toBe('made');
    expect(sent.filter((r) => r.method === 'POST')).toHaveLength(1);
    // Spotify may answer no description at all.
    const bare = scripted({ ...me, 'POST /v1/me/playlists': lostAnswer, ...listed([playlist('made', { description: null })]) });
    expect((await bare.adapter.createPlaylist({ name: 'Montage', description: 'Rocky / IV', isPublic: false })).id).toBe('made');
  });

  it('compares the twin’s description by its letters and digits only; an empty one matches', async () => {
    const adopt = async (sent: string | undefined, descriptions: (string | null)[]) => {
      const items = descriptions.map((description, i) => playlist(`p${i}`, { description }));
      const { adapter } = scripted({ ...me, 'POST /v1/me/playlists': lostAnswer, ...listed(items) });
      return (await adapter.createPlaylist({ name: 'Montage', description: sent, isPublic: false })).id;
    };
    expect(await adopt('Rocky IV', ['Rocky V', 'Rocky IV'])).toBe('p1');
    expect(await adopt('Round 4', ['Round 5', 'Round 4'])).toBe('p1');
    expect(await adopt('Rocky IV: the montage', ['Rocky V: the montage', 'Rocky IV &#x2013; the montage.'])).toBe('p1');
    // Spotify answers an empty description as "" (read as none): it matches whatever was sent.
    expect(await adopt(undefined, ['Rocky IV', ''])).toBe('p1');
  });

  it('with no twin to adopt it creates again, as many times as the retry policy allows, then says it may have been applied', async () => {
    const { adapter, sent } = scripted({ ...me, 'POST /v1/me/playlists': lostAnswer, ...listed([playlist('theirs', { owner: { id: 'apollo' } })]) });
    expect(await failure(adapter.createPlaylist({ name: 'Montage', isPublic: false }))).toMatchObject({ code: 'unavailable', mayHaveApplied: true });
    const creates = sent.filter((r) => r.method === 'POST');
    expect(creates).toHaveLength(4); // 1 + DEFAULT_RETRY_POLICY.maxServerRetries (3)
    for (const create of creates) expect(create.body).toEqual({ name: 'Montage', description: '', public: false });
  });

  it('updates a playlist they still follow, and makes a new one for a playlist they unfollowed or that is gone', async () => {
    const uris = [`spotify:track:${ID}`];
    const kept = scripted({ 'GET /v1/me/library/contains': [true], 'PUT /v1/playlists/p1/items': { snapshot_id: 's1' } });
    const saved = await kept.adapter.savePlaylist({ playlistId: 'p1', name: 'Montage', isPublic: false, uris });
    expect(saved).toMatchObject({ created: false, snapshotId: 's1', playlist: { id: 'p1', uri: 'spotify:playlist:p1', url: 'https://open.spotify.com/playlist/p1', itemCount: 1 } });

    const created = { 'POST /v1/me/playlists': playlist('p2'), 'PUT /v1/playlists/p2/items': { snapshot_id: 's2' } };
    const unfollowed = scripted({ 'GET /v1/me/library/contains': [false], ...created });
    expect(await unfollowed.adapter.savePlaylist({ playlistId: 'p1', name: 'Montage', isPublic: false, uris })).toMatchObject({ created: true, playlist: { id: 'p2' } });
    expect(unfollowed.sent.some((r) => r.url.pathname === '/v1/playlists/p1')).toBe(false);

    const gone = scripted({ 'GET /v1/me/library/contains': [true], 'PUT /v1/playlists/p1': refusal(404, 'Not found'), ...created });
    expect(await gone.adapter.savePlaylist({ playlistId: 'p1', name: 'Montage', isPublic: false, uris })).toMatchObject({ created: true, playlist: { id: 'p2' } });
    const refused = scripted({ 'GET /v1/me/library/contains': [true], 'PUT /v1/playlists/p1': refusal(403, 'Not yours'), ...created });
    expect(await failure(refused.adapter.savePlaylist({ playlistId: 'p1', name: 'Montage', isPublic: false, uris }))).toMatchObject({ code: 'forbidden' });
  });

  it('sends no change of details when there is none, and counts items with one entry asked', async () => {
    const { adapter, sent } = scripted({ 'GET /v1/playlists/p1/items': { items: [{}], total: 42, limit: 1, offset: 0, next: 'n' } });
    await adapter.updatePlaylistDetails('p1', {});
    expect(sent).toEqual([]);
    expect(await adapter.getPlaylistItemCount('p1')).toBe(42);
    expect(Object.fromEntries(sent[0]!.url.searchParams)).toEqual({ limit: '1', offset: '0' });
  });

  it('reads a playlist’s uris page by page, and stops at an empty page', async () => {
    const { adapter, sent } = scripted({
      'GET /v1/playlists/p1/items': (url: URL) =>
        Response.json(url.searchParams.get('offset') === '0' ? { items: [{ item: { uri: 'spotify:track:a' } }], next: 'more', total: 9 } : { items: [], next: 'more', total: 9 }),
    });
    expect(await adapter.getPlaylistItemUris('p1')).toEqual(['spotify:track:a']);
    expect(sent).toHaveLength(2);
  });
});

describe('replacing a playlist’s items, when appends go wrong', () => {
  const uris = (n: number) => Array.from({ length: n }, (_, i) => `spotify:track:${String(i).padStart(3, '0')}${ID.slice(3)}`);
  /** `posts` answers each append in turn (true: applied and answered; else the answer it gives); `counts` each item count read. */
  function playlistApi(posts: (true | (() => Response))[], counts: number[], put: () => Response = () => Response.json({ snapshot_id: 'put' })) {
    let appends = 0;
    const { adapter, sent } = scripted({
      'PUT /v1/playlists/p1/items': put,
      'POST /v1/playlists/p1/items': () => {
        const answer = posts[appends++] ?? true;
        return answer === true ? Response.json({ snapshot_id: `post${appends}` }) : answer();
      },
      'GET /v1/playlists/p1/items': () => Response.json({ items: [], total: counts.shift(), limit: 1, offset: 0, next: null }),
    });
    const writes = () => sent.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${(r.body as { uris: string[] }).uris.length}`);
    return { adapter, writes, reads: () => sent.filter((r) => r.method === 'GET').length };
  }

  it('an append whose answer was lost is settled by the item count: done, sent again, or the whole list replaced once', async () => {
    const run = async (counts: number[]) => {
      const { adapter, writes } = playlistApi([lostAnswer], counts);
      return { result: await adapter.replacePlaylistItems('p1', uris(150)), writes: writes() };
    };
    // Applied after all: nothing sent again.
    expect(await run([150])).toEqual({ result: { snapshotId: 'put', itemCount: 150 }, writes: ['PUT 100', 'POST 50'] });
    // Not applied: the append is sent again.
    expect(await run([100])).toEqual({ result: { snapshotId: 'post2', itemCount: 150 }, writes: ['PUT 100', 'POST 50', 'POST 50'] });
    // Anything else: replaced from the start, once.
    expect(await run([120])).toEqual({ result: { snapshotId: 'post2', itemCount: 150 }, writes: ['PUT 100', 'POST 50', 'PUT 100', 'POST 50'] });
  });

  it('starts over from the replace at most once: a second surprise in the count is reported', async () => {
    const { adapter, writes } = playlistApi([lostAnswer, lostAnswer], [120, 130]);
    expect(await failure(adapter.replacePlaylistItems('p1', uris(150)))).toMatchObject({ code: 'unavailable', mayHaveApplied: true });
    expect(writes()).toEqual(['PUT 100', 'POST 50', 'PUT 100', 'POST 50']);
  });

  it('a restart leaves the appends after the lost one for the new pass', async () => {
    const { adapter, writes } = playlistApi([lostAnswer], [120]);
    expect(await adapter.replacePlaylistItems('p1', uris(250))).toMatchObject({ itemCount: 250 });
    expect(writes()).toEqual(['PUT 100', 'POST 100', 'PUT 100', 'POST 100', 'POST 50']);
  });

  it('an append Spotify refused is reported at once, without reading the count', async () => {
    const { adapter, writes, reads } = playlistApi([refusal(403, 'Not yours')], []);
    expect(await failure(adapter.replacePlaylistItems('p1', uris(150)))).toMatchObject({ code: 'forbidden' });
    expect([writes(), reads()]).toEqual([['PUT 100', 'POST 50'], 0]);
  });

  it('an append that is lost every time, and never applied, is sent as often as the retry policy allows', async () => {
    const { adapter, writes } = playlistApi([lostAnswer, lostAnswer, lostAnswer, lostAnswer, lostAnswer, lostAnswer], [100, 100, 100, 100, 100, 100]);
    expect(await failure(adapter.replacePlaylistItems('p1', uris(150)))).toMatchObject({ code: 'unavailable' });
    expect(writes()).toEqual(['PUT 100', 'POST 50', 'POST 50', 'POST 50', 'POST 50']); // 1 + maxServerRetries (3)
  });

  it('a replace answered with no body has no snapshot id', async () => {
    const { adapter } = playlistApi([], [], () => new Response(null, { status: 204 }));
    expect(await adapter.replacePlaylistItems('p1', uris(3))).toEqual({ snapshotId: null, itemCount: 3 });
  });
});

describe('the app’s own token (catalogue search)', () => {
  async function tokenRequestsAt(expiresIn: number, searchesAtMs: number[]) {
    const START = Date.parse('2026-11-29T09:00:00Z');
    let clock = START;
    let issued = 0;
    const { adapter, sent } = scripted(
      {
        'POST /api/token': () => Response.json({ access_token: `app-${++issued}`, token_type: 'Bearer', expires_in: expiresIn }),
        'GET /v1/search': { tracks: { items: [] } },
      },
      { now: () => clock },
    );
    for (const at of searchesAtMs) {
      clock = START + at;
      await adapter.searchTracks({ title: 'x', artist: 'y' });
    }
    return sent.filter((r) => r.url.pathname === '/api/token').length;
  }

  it('is renewed a minute before it expires', async () => {
    expect(await tokenRequestsAt(3600, [0, 3_539_999])).toBe(1);
    expect(await tokenRequestsAt(3600, [0, 3_540_000])).toBe(2);
  });

  it('a short-lived one halfway through its life', async () => {
    expect(await tokenRequestsAt(60, [0, 29_999])).toBe(1);
    expect(await tokenRequestsAt(60, [0, 30_000])).toBe(2);
  });
});
