/**
 * The bundled catalog: Rocky IV (Original Motion Picture Soundtrack), Scotti Bros. 1985, LP SZ 40203.
 * Every value carries its public source (../shared/catalog/rocky-iv.md); null means no source was
 * found and the product treats it as unknown — never invented.
 */
export interface CatalogTrack {
  number: number;
  title: string;
  artist: string;
  writers: string;
  durationMs: number | null;
  durationSource: string | null;
  bpm: number | null;
  musicalKey: string | null;
  tempoSource: string | null;
  spotifyId: string | null;
}

export const LENGTH_SOURCE = 'LP length, Wikipedia: "Rocky IV: Original Motion Picture Soundtrack"';
export const TEMPO_SOURCE =
  'Spotify audio-features via TidyTuesday 2021-09-14 (rfordatascience/tidytuesday audio_features.csv)';

const lp = (minutes: number, seconds: number) => (minutes * 60 + seconds) * 1000;

export const ROCKY_IV_CATALOG: readonly CatalogTrack[] = [
  { number: 1, title: 'Burning Heart', artist: 'Survivor', writers: 'Jim Peterik, Frankie Sullivan', durationMs: lp(3, 51), durationSource: LENGTH_SOURCE, bpm: 98.1, musicalKey: 'A minor', tempoSource: TEMPO_SOURCE, spotifyId: '2VN7uPrbryJ7nE2MXX3f9a' },
  { number: 2, title: "Heart's on Fire", artist: 'John Cafferty', writers: 'Vince DiCola, Ed Fruge, Joe Esposito', durationMs: lp(4, 14), durationSource: LENGTH_SOURCE, bpm: 136.6, musicalKey: 'G major', tempoSource: TEMPO_SOURCE, spotifyId: '5vI0C3TDTxySR6Oq8NWjE0' },
  { number: 3, title: 'Double or Nothing', artist: 'Kenny Loggins & Gladys Knight', writers: 'Paul Williams, Steve Dorff', durationMs: lp(3, 25), durationSource: LENGTH_SOURCE, bpm: null, musicalKey: null, tempoSource: null, spotifyId: null },
  { number: 4, title: 'Eye of the Tiger', artist: 'Survivor', writers: 'Jim Peterik, Frankie Sullivan', durationMs: lp(3, 46), durationSource: LENGTH_SOURCE, bpm: 108.9, musicalKey: 'C minor', tempoSource: TEMPO_SOURCE, spotifyId: '2KH16WveTQWT6KOG9Rg6e2' },
  { number: 5, title: 'War', artist: 'Vince DiCola', writers: 'Vince DiCola, Bill Conti', durationMs: lp(5, 53), durationSource: LENGTH_SOURCE, bpm: null, musicalKey: null, tempoSource: null, spotifyId: null },
  { number: 6, title: 'Living in America', artist: 'James Brown', writers: 'Charlie Midnight, Dan Hartman', durationMs: lp(4, 40), durationSource: LENGTH_SOURCE, bpm: 113.9, musicalKey: 'C major', tempoSource: TEMPO_SOURCE, spotifyId: '4Y5yjzs9FFw5qIgfZBd43I' },
  { number: 7, title: 'No Easy Way Out', artist: 'Robert Tepper', writers: 'Robert Tepper', durationMs: lp(4, 32), durationSource: LENGTH_SOURCE, bpm: 126.2, musicalKey: 'E minor', tempoSource: TEMPO_SOURCE, spotifyId: '5bnMKUXkMfYVXW8FjvFTuV' },
  { number: 8, title: 'One Way Street', artist: 'Go West', writers: 'Peter Cox, Richard Drummie', durationMs: lp(4, 37), durationSource: LENGTH_SOURCE, bpm: null, musicalKey: null, tempoSource: null, spotifyId: null },
  { number: 9, title: 'The Sweetest Victory', artist: 'Touch', writers: 'Jake Hooker, Duane Hitchings', durationMs: lp(4, 26), durationSource: LENGTH_SOURCE, bpm: null, musicalKey: null, tempoSource: null, spotifyId: null },
  // Track 10 is listed by Discogs release 8300839; no public source gives its length.
  { number: 10, title: 'Training Montage', artist: 'Vince DiCola', writers: 'Vince DiCola', durationMs: null, durationSource: null, bpm: null, musicalKey: null, tempoSource: null, spotifyId: null },
];

/** Stable id of a catalog track in the database. */
export function catalogTrackId(number: number): string {
  return `rocky-iv-${number.toString().padStart(2, '0')}`;
}
