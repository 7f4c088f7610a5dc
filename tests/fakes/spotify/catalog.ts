import { createHash, randomBytes } from 'node:crypto';

/** Tracks and albums as the fake keeps them; `web-api.ts` renders them as Spotify JSON. */
export interface FakeArtist {
  id: string;
  name: string;
}

export interface FakeAlbum {
  id: string;
  name: string;
  albumType: 'album' | 'single' | 'compilation';
  releaseDate: string;
  releaseDatePrecision: 'year' | 'month' | 'day';
  totalTracks: number;
  artists: FakeArtist[];
}

export interface FakeTrack {
  id: string;
  name: string;
  artists: FakeArtist[];
  album: FakeAlbum;
  durationMs: number;
  isrc: string;
  explicit: boolean;
  trackNumber: number;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A Spotify-shaped id (22 base-62 characters), the same for the same seed. */
export function base62Id(seed: string): string {
  const bytes = createHash('sha256').update(seed).digest();
  let id = '';
  for (let i = 0; i < 22; i++) id += BASE62[(bytes[i] ?? 0) % 62];
  return id;
}

export function randomBase62Id(): string {
  const bytes = randomBytes(22);
  let id = '';
  for (const byte of bytes) id += BASE62[byte % 62];
  return id;
}

const lp = (minutes: number, seconds: number) => (minutes * 60 + seconds) * 1000;
const artist = (name: string): FakeArtist => ({ id: base62Id(`artist:${name}`), name });

/**
 * Rocky IV (Original Motion Picture Soundtrack), Scotti Bros. 1985, as the fake's catalogue has
 * it. Titles, performers, LP lengths and the known track ids come from the project's catalog notes
 * (../shared/catalog/rocky-iv.md); missing ids are made up from the track number. ISRCs are made up
 * too, in the reserved-looking `ZZ` country code, so no test mistakes them for real ones.
 */
const ROCKY_ALBUM: FakeAlbum = {
  id: '3t3BbpFJiGcXl4jI5CRLLA',
  name: 'Rocky IV (Original Motion Picture Soundtrack)',
  albumType: 'compilation',
  releaseDate: '1985-11-27',
  releaseDatePrecision: 'day',
  totalTracks: 10,
  artists: [artist('Various Artists')],
};

interface SoundtrackRow {
  number: number;
  title: string;
  performers: string[];
  durationMs: number;
  spotifyId: string | null;
}

const SOUNDTRACK: SoundtrackRow[] = [
  { number: 1, title: 'Burning Heart', performers: ['Survivor'], durationMs: lp(3, 51), spotifyId: '2VN7uPrbryJ7nE2MXX3f9a' },
  { number: 2, title: "Heart's on Fire", performers: ['John Cafferty'], durationMs: lp(4, 14), spotifyId: '5vI0C3TDTxySR6Oq8NWjE0' },
  { number: 3, title: 'Double or Nothing', performers: ['Kenny Loggins', 'Gladys Knight'], durationMs: lp(3, 25), spotifyId: null },
  { number: 4, title: 'Eye of the Tiger', performers: ['Survivor'], durationMs: lp(3, 46), spotifyId: '2KH16WveTQWT6KOG9Rg6e2' },
  { number: 5, title: 'War', performers: ['Vince DiCola'], durationMs: lp(5, 53), spotifyId: null },
  { number: 6, title: 'Living in America', performers: ['James Brown'], durationMs: lp(4, 40), spotifyId: '4Y5yjzs9FFw5qIgfZBd43I' },
  { number: 7, title: 'No Easy Way Out', performers: ['Robert Tepper'], durationMs: lp(4, 32), spotifyId: '5bnMKUXkMfYVXW8FjvFTuV' },
  { number: 8, title: 'One Way Street', performers: ['Go West'], durationMs: lp(4, 37), spotifyId: null },
  { number: 9, title: 'The Sweetest Victory', performers: ['Touch'], durationMs: lp(4, 26), spotifyId: null },
  // No public source gives this length (the LP total covers tracks 1–9). A Spotify track always
  // has one, so the fake needs some value: this is a placeholder, not a fact about the recording.
  { number: 10, title: 'Training Montage', performers: ['Vince DiCola'], durationMs: lp(3, 33), spotifyId: null },
];

export const ROCKY_IV_TRACKS: readonly FakeTrack[] = SOUNDTRACK.map((row) => ({
  id: row.spotifyId ?? base62Id(`rocky-iv:${row.number}`),
  name: row.title,
  artists: row.performers.map(artist),
  album: ROCKY_ALBUM,
  durationMs: row.durationMs,
  isrc: `ZZRKY85${String(row.number).padStart(5, '0')}`,
  explicit: false,
  trackNumber: row.number,
}));

/**
 * Other recordings a real search also returns, listed before the soundtrack cuts so a resolver
 * that takes the first hit picks the wrong one: a live take, a cover, a same-name song by
 * someone else.
 */
export const DECOY_TRACKS: readonly FakeTrack[] = [
  decoy('Eye of the Tiger - Live', ['Survivor'], lp(4, 21), 'Survivor Live', 1),
  decoy('Eye of the Tiger', ['Gym Anthems Tribute Band'], lp(3, 44), 'Workout Covers', 2),
  decoy('Hearts on Fire', ['Bryan Adams'], lp(3, 32), 'Into the Fire', 3),
  decoy('Burning Heart (Remastered)', ['Survivor'], lp(3, 54), 'Greatest Hits Remastered', 4),
  decoy('Living in America - Single Version', ['James Brown'], lp(4, 6), 'Living in America', 5),
];

function decoy(name: string, performers: string[], durationMs: number, albumName: string, n: number): FakeTrack {
  const artists = performers.map(artist);
  return {
    id: base62Id(`decoy:${n}`),
    name,
    artists,
    album: {
      id: base62Id(`decoy-album:${n}`),
      name: albumName,
      albumType: 'album',
      releaseDate: '1999',
      releaseDatePrecision: 'year',
      totalTracks: 12,
      artists,
    },
    durationMs,
    isrc: `ZZDCY99${String(n).padStart(5, '0')}`,
    explicit: false,
    trackNumber: n,
  };
}

const WORDS = ['Run', 'Iron', 'Snow', 'Fire', 'Mountain', 'Heart', 'Night', 'Road', 'Thunder', 'Rise', 'Steel', 'Pulse'];
const GENERATED_ARTISTS = ['The Sprinters', 'Cadence', 'Tempo Club', 'Northern Lift', 'Sled Dogs', 'Barn Gym'].map(artist);

/**
 * `count` distinct tracks for a library, deterministic for a seed: names, artists, albums,
 * lengths between 2:30 and 5:30, and unique made-up ISRCs (`ZZGEN` + seed-derived digits).
 */
export function generateTracks(count: number, seed: string): FakeTrack[] {
  const tracks: FakeTrack[] = [];
  const seedDigits = parseInt(createHash('sha256').update(seed).digest('hex').slice(0, 4), 16) % 100;
  for (let i = 0; i < count; i++) {
    const performer = GENERATED_ARTISTS[i % GENERATED_ARTISTS.length] ?? GENERATED_ARTISTS[0]!;
    const albumNumber = Math.floor(i / 12);
    const word = (k: number) => WORDS[(i * 7 + k * 5) % WORDS.length] ?? 'Run';
    tracks.push({
      id: base62Id(`generated:${seed}:${i}`),
      name: `${word(0)} ${word(1)} ${i + 1}`,
      artists: [performer],
      album: {
        id: base62Id(`generated-album:${seed}:${albumNumber}`),
        name: `${seed} Sessions ${albumNumber + 1}`,
        albumType: 'album',
        releaseDate: `20${String(10 + (albumNumber % 16)).padStart(2, '0')}-0${1 + (albumNumber % 9)}-15`,
        releaseDatePrecision: 'day',
        totalTracks: 12,
        artists: [performer],
      },
      durationMs: 150_000 + ((i * 7919) % 180_000),
      // 12 characters: ZZ + GEN + 2 seed digits + 5 running digits (unique up to 100,000 per seed).
      isrc: `ZZGEN${String(seedDigits).padStart(2, '0')}${String(i).padStart(5, '0')}`,
      explicit: i % 17 === 0,
      trackNumber: (i % 12) + 1,
    });
  }
  return tracks;
}
