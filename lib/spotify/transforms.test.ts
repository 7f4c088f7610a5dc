import { describe, expect, it } from 'vitest';
import { isQuotaExceeded, parseRetryAfter } from './client';
import { trackQuery } from './index';
import { artistNames, baseTitle, pickBestMatch } from './match';
import type { RawPaging, RawPlaylist, RawSavedTrack, RawTrack } from './raw-types';
import { decodeHtmlEntities, isSpotifyId, normaliseIsrc, toEntryUris, toLibraryTrack, toPoolTrack, toSavedTracksPage, toSpotifyPlaylist, toSpotifyTrack, toTokenSet, trackUri } from './transforms';
import type { SpotifyTrack } from './types';

/** A saved track as Spotify sends it (fields trimmed to a realistic subset). */
const savedTrackJson: RawSavedTrack = JSON.parse(`{
  "added_at": "2026-03-14T09:26:53Z",
  "track": {
    "album": {
      "album_type": "compilation", "total_tracks": 10, "available_markets": ["US"],
      "external_urls": { "spotify": "https://open.spotify.com/album/3t3BbpFJiGcXl4jI5CRLLA" },
      "href": "https://api.spotify.com/v1/albums/3t3BbpFJiGcXl4jI5CRLLA", "id": "3t3BbpFJiGcXl4jI5CRLLA",
      "images": [{ "url": "https://i.scdn.co/image/x", "height": 640, "width": 640 }],
      "name": "Rocky IV (Original Motion Picture Soundtrack)", "release_date": "1985-11-27",
      "release_date_precision": "day", "type": "album", "uri": "spotify:album:3t3BbpFJiGcXl4jI5CRLLA",
      "artists": [{ "id": "0LyfQWJT6nXafLPZqxe9Of", "name": "Various Artists", "type": "artist", "uri": "spotify:artist:0LyfQWJT6nXafLPZqxe9Of" }]
    },
    "artists": [{ "id": "26bcq2nyj5GB7uRr558iQg", "name": "Survivor", "type": "artist", "uri": "spotify:artist:26bcq2nyj5GB7uRr558iQg" }],
    "disc_number": 1, "duration_ms": 226000, "explicit": false,
    "external_ids": { "isrc": "usjay0500001" },
    "external_urls": { "spotify": "https://open.spotify.com/track/2KH16WveTQWT6KOG9Rg6e2" },
    "href": "https://api.spotify.com/v1/tracks/2KH16WveTQWT6KOG9Rg6e2", "id": "2KH16WveTQWT6KOG9Rg6e2",
    "is_local": false, "name": "Eye of the Tiger", "track_number": 4, "type": "track",
    "uri": "spotify:track:2KH16WveTQWT6KOG9Rg6e2"
  }
}`);

const localFileJson: RawSavedTrack = {
  added_at: '2026-03-14T09:20:00Z',
  track: { id: undefined, name: 'Gym mix.mp3', uri: 'spotify:local:::Gym+mix:240', duration_ms: 240000, is_local: true, type: 'track', artists: [] },
};

function track(overrides: Partial<SpotifyTrack>): SpotifyTrack {
  return {
    spotifyId: 'AAAAAAAAAAAAAAAAAAAAAA',
    uri: 'spotify:track:AAAAAAAAAAAAAAAAAAAAAA',
    title: 'Eye of the Tiger',
    artists: ['Survivor'],
    artist: 'Survivor',
    album: null,
    durationMs: 226_000,
    isrc: null,
    explicit: false,
    ...overrides,
  };
}

describe('transforms from Spotify JSON', () => {
  it('maps a saved track: id, uri, title, artists, album, duration, ISRC (normalised), added time', () => {
    expect(toLibraryTrack(savedTrackJson)).toEqual({
      spotifyId: '2KH16WveTQWT6KOG9Rg6e2',
      uri: 'spotify:track:2KH16WveTQWT6KOG9Rg6e2',
      title: 'Eye of the Tiger',
      artists: ['Survivor'],
      artist: 'Survivor',
      album: 'Rocky IV (Original Motion Picture Soundtrack)',
      durationMs: 226_000,
      isrc: 'USJAY0500001',
      explicit: false,
      addedAt: '2026-03-14T09:26:53Z',
    });
  });

  it('leaves out what cannot be placed: local files, entries without id or duration, episodes', () => {
    expect(toLibraryTrack(localFileJson)).toBeNull();
    const raw = savedTrackJson.track!;
    expect(toSpotifyTrack({ ...raw, id: undefined })).toBeNull();
    expect(toSpotifyTrack({ ...raw, duration_ms: undefined })).toBeNull();
    expect(toSpotifyTrack({ ...raw, duration_ms: 0 })).toBeNull();
    expect(toSpotifyTrack({ ...raw, type: 'episode' } as unknown as RawTrack)).toBeNull();
    expect(toSpotifyTrack(null)).toBeNull();
  });

  it('keeps several artists and joins them for display', () => {
    const duet = toSpotifyTrack({ ...savedTrackJson.track!, artists: [{ name: 'Kenny Loggins' }, { name: 'Gladys Knight' }] });
    expect(duet?.artists).toEqual(['Kenny Loggins', 'Gladys Knight']);
    expect(duet?.artist).toBe('Kenny Loggins, Gladys Knight');
  });

  it('normalises ISRCs and drops malformed ones', () => {
    expect(normaliseIsrc('us-jay-05-00001')).toBe('USJAY0500001');
    expect(normaliseIsrc('USJAY050000')).toBeNull();
    expect(normaliseIsrc(undefined)).toBeNull();
  });

  it('pages: counts skipped entries and gives the next offset by Spotify’s item count, null on the last page', () => {
    const page: RawPaging<RawSavedTrack> = { href: 'h', items: [savedTrackJson, localFileJson], limit: 2, next: 'n', offset: 48, previous: 'p', total: 60 };
    expect(toSavedTracksPage(page)).toMatchObject({ offset: 48, total: 60, skipped: 1, nextOffset: 50 });
    expect(toSavedTracksPage({ ...page, next: null }).nextOffset).toBeNull();
    expect(toSavedTracksPage({ ...page, items: [], next: 'n' }).nextOffset).toBeNull();
  });

  it('a pool track has no tempo from Spotify and is identified by its uri unless told otherwise', () => {
    const spotify = toSpotifyTrack(savedTrackJson.track)!;
    expect(toPoolTrack(spotify)).toEqual({ id: spotify.uri, title: 'Eye of the Tiger', artist: 'Survivor', durationMs: 226_000, bpm: null, isAnchor: false });
    expect(toPoolTrack(spotify, { id: 'rocky-iv-04', isAnchor: true })).toMatchObject({ id: 'rocky-iv-04', isAnchor: true });
  });

  it('playlists: full and simplified objects, item count from `items.total`', () => {
    const raw: RawPlaylist = {
      id: 'p1', name: 'Rocky', description: '', public: false, snapshot_id: 's', uri: 'spotify:playlist:p1',
      external_urls: { spotify: 'https://open.spotify.com/playlist/p1' }, owner: { id: 'u1' },
      items: { href: 'h', items: [], limit: 100, next: null, offset: 0, previous: null, total: 7 },
    };
    expect(toSpotifyPlaylist(raw)).toEqual({
      id: 'p1', name: 'Rocky', description: null, isPublic: false, snapshotId: 's', uri: 'spotify:playlist:p1',
      url: 'https://open.spotify.com/playlist/p1', ownerId: 'u1', itemCount: 7,
    });
    expect(toSpotifyPlaylist({ id: 'p2', name: 'x', items: { total: 0 } })?.itemCount).toBe(0);
    expect(toSpotifyPlaylist({ name: 'no id' })).toBeNull();
  });

  it('tokens: absolute expiry, scopes, and the old refresh token kept when none is sent', () => {
    expect(toTokenSet({ access_token: 'a', token_type: 'Bearer', expires_in: 3600, scope: 'user-library-read playlist-modify-private' }, 1_000, 'r0')).toEqual({
      accessToken: 'a',
      refreshToken: 'r0',
      expiresAtMs: 3_601_000,
      scopes: ['user-library-read', 'playlist-modify-private'],
    });
    expect(toTokenSet({ access_token: 'a', token_type: 'Bearer', expires_in: 60, refresh_token: 'r1' }, 0, 'r0').refreshToken).toBe('r1');
  });
});

describe('what a track must be to be placed', () => {
  const raw = savedTrackJson.track!;

  it('has a base-62 id of exactly 22 characters, and its uri is spotify:track:<id>', () => {
    expect(isSpotifyId('2KH16WveTQWT6KOG9Rg6e2')).toBe(true);
    expect(isSpotifyId('x2KH16WveTQWT6KOG9Rg6e2')).toBe(false);
    expect(isSpotifyId('2KH16WveTQWT6KOG9Rg6e2x')).toBe(false);
    expect(toSpotifyTrack({ ...raw, id: '2KH16WveTQWT6KOG9Rg6e-' })).toBeNull();
    expect(trackUri('2KH16WveTQWT6KOG9Rg6e2')).toBe('spotify:track:2KH16WveTQWT6KOG9Rg6e2');
    expect(toSpotifyTrack({ ...raw, uri: undefined })?.uri).toBe('spotify:track:2KH16WveTQWT6KOG9Rg6e2');
  });

  it('is not a local file even with an id, and needs no `type` field; `explicit` is false unless said', () => {
    expect(toSpotifyTrack({ ...raw, is_local: true })).toBeNull();
    const { type: _type, explicit: _explicit, ...untyped } = raw;
    expect(toSpotifyTrack(untyped)).toMatchObject({ spotifyId: '2KH16WveTQWT6KOG9Rg6e2', explicit: false });
    expect(toSpotifyTrack({ ...raw, explicit: true })?.explicit).toBe(true);
  });

  it('credits only artists with a name', () => {
    const credited = toSpotifyTrack({ ...raw, artists: [{ name: 'Survivor' }, { name: '' }, {}] });
    expect(credited?.artists).toEqual(['Survivor']);
    expect(credited?.artist).toBe('Survivor');
  });

  it('keeps an ISRC of exactly 12 characters', () => {
    expect(normaliseIsrc('XUSJAY0500001')).toBeNull();
    expect(normaliseIsrc('USJAY05000012')).toBeNull();
  });

  it('playlist entries whose item was removed are left out of the uris', () => {
    const page = { href: 'h', limit: 100, next: null, offset: 0, previous: null, total: 4 };
    const items = [{ item: { uri: 'spotify:track:a' } }, { item: null }, { item: {} }, { item: { uri: 'spotify:track:b' } }];
    expect(toEntryUris({ ...page, items })).toEqual(['spotify:track:a', 'spotify:track:b']);
  });

  it('a token answer’s scopes are read however they are spaced, and none is none', () => {
    const answer = { access_token: 'a', token_type: 'Bearer', expires_in: 60 };
    expect(toTokenSet({ ...answer, scope: ' user-library-read  playlist-read-private ' }, 0).scopes).toEqual(['user-library-read', 'playlist-read-private']);
    expect(toTokenSet({ ...answer, scope: '' }, 0).scopes).toEqual([]);
    expect(toTokenSet(answer, 0).scopes).toEqual([]);
  });
});

describe('descriptions as Spotify answers them (HTML-escaped)', () => {
  it('decodes named, decimal and hexadecimal entities, in any case', () => {
    expect(decodeHtmlEntities('Rocky &amp; Drago &lt;IV&gt; &quot;go&quot; &apos;85&nbsp;!')).toBe('Rocky & Drago <IV> "go" \'85\u00a0!');
    expect(decodeHtmlEntities('AC&#47;DC &#x2F; &#X2f; &AMP;')).toBe('AC/DC / / &');
    expect(decodeHtmlEntities('&#128170;')).toBe('💪');
  });

  it('leaves what is not an entity, or not a character, as written', () => {
    expect(decodeHtmlEntities('&#x10FFFF;')).toBe(String.fromCodePoint(0x10ffff));
    expect(decodeHtmlEntities('&#x110000; &#1114112; &bogus; & amp;')).toBe('&#x110000; &#1114112; &bogus; & amp;');
  });
});

describe('matching a search result to a known recording', () => {
  const studio = track({ spotifyId: 'studio', durationMs: 226_000 });
  const live = track({ spotifyId: 'live', title: 'Eye of the Tiger - Live', durationMs: 261_000 });
  const cover = track({ spotifyId: 'cover', artists: ['Gym Anthems Tribute Band'], artist: 'Gym Anthems Tribute Band' });

  it('prefers the plain version by the right artist, whatever Spotify’s order', () => {
    expect(pickBestMatch([cover, live, studio], { title: 'Eye of the Tiger', artist: 'Survivor', durationMs: 226_000 })?.spotifyId).toBe('studio');
  });

  it('takes a version note when it is all there is, and the nearest length among versions', () => {
    expect(pickBestMatch([cover, live], { title: 'Eye of the Tiger', artist: 'Survivor' })?.spotifyId).toBe('live');
    const remaster = track({ spotifyId: 'remaster', title: 'Eye of the Tiger (Remastered 2005)', durationMs: 245_000 });
    expect(pickBestMatch([live, remaster], { title: 'Eye of the Tiger', artist: 'Survivor', durationMs: 246_000 })?.spotifyId).toBe('remaster');
  });

  it('needs the same song name and a shared artist; otherwise nothing', () => {
    const namesake = track({ spotifyId: 'adams', title: 'Hearts on Fire', artists: ['Bryan Adams'], artist: 'Bryan Adams' });
    expect(pickBestMatch([namesake], { title: "Heart's on Fire", artist: 'John Cafferty' })).toBeNull();
    expect(pickBestMatch([studio], { title: 'Burning Heart', artist: 'Survivor' })).toBeNull();
  });

  it('splits duets and normalises names', () => {
    expect(artistNames('Kenny Loggins & Gladys Knight')).toEqual(['kenny loggins', 'gladys knight']);
    expect(artistNames('Beyoncé feat. JAY-Z')).toEqual(['beyonce', 'jay z']);
    expect(artistNames('X')).toEqual(['x']);
    expect(artistNames('Simon and Garfunkel')).toEqual(['simon and garfunkel']);
    expect(baseTitle("Heart's On Fire (From “Rocky IV”)")).toBe('hearts on fire');
  });

  it('builds a field-filtered query with the first credited artist', () => {
    expect(trackQuery({ title: 'Double or Nothing', artist: 'Kenny Loggins & Gladys Knight' })).toBe('track:"Double or Nothing" artist:"Kenny Loggins"');
    expect(trackQuery({ title: 'Say "hi"', artist: 'X' })).toBe('track:"Say hi" artist:"X"');
    expect(trackQuery({ title: 'Shining Star', artist: 'Earth, Wind & Fire' })).toBe('track:"Shining Star" artist:"Earth"');
    expect(trackQuery({ title: '  Eye of the Tiger ', artist: ' Survivor' })).toBe('track:"Eye of the Tiger" artist:"Survivor"');
  });
});

describe('reading 429 answers', () => {
  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('7')).toBe(7);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:30 GMT', Date.parse('Wed, 21 Oct 2026 07:28:00 GMT'))).toBe(30);
  });

  it('recognises QUOTA_EXCEEDED in the reason or the message, and nothing else', () => {
    expect(isQuotaExceeded({ error: { status: 429, message: 'x', reason: 'QUOTA_EXCEEDED' } })).toBe(true);
    expect(isQuotaExceeded({ error: { status: 429, message: 'QUOTA_EXCEEDED' } })).toBe(true);
    expect(isQuotaExceeded({ error: { status: 429, message: 'API rate limit exceeded' } })).toBe(false);
    expect(isQuotaExceeded(null)).toBe(false);
  });
});
