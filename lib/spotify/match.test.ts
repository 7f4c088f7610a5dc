import { describe, expect, it } from 'vitest';
import { artistNames, baseTitle, normaliseName, pickBestMatch, splitArtists } from './match';
import type { SpotifyTrack } from './types';

const track = (spotifyId: string, title: string, artists: string[], durationMs: number): SpotifyTrack => ({
  spotifyId,
  uri: `spotify:track:${spotifyId}`,
  title,
  artists,
  artist: artists.join(', '),
  album: null,
  durationMs,
  isrc: null,
  explicit: false,
});

describe('names as the matcher compares them', () => {
  it('normalises case, accents, “&”, apostrophes, punctuation and spaces', () => {
    expect(normaliseName('  ¡Eye  of the Tiger!  ')).toBe('eye of the tiger');
    expect(normaliseName('Simon & Garfunkel')).toBe('simon and garfunkel');
    expect(normaliseName('Heart’s On Fire')).toBe('hearts on fire');
    expect(normaliseName('Beyoncé')).toBe('beyonce');
  });

  it('drops version notes from a title, with or without a space before the bracket', () => {
    expect(baseTitle('Eye of the Tiger - Live')).toBe('eye of the tiger');
    expect(baseTitle('Burning Heart(Live)')).toBe('burning heart');
    expect(baseTitle('Burning Heart [Remastered 2006] (Single Edit)')).toBe('burning heart');
    expect(baseTitle('No Easy Way Out')).toBe('no easy way out');
  });

  it('splits credits on “,”, “&”, “feat.”, “feat”, “ft.” and “ft”, as written', () => {
    expect(splitArtists(' Survivor ')).toEqual(['Survivor']);
    expect(splitArtists('Survivor,')).toEqual(['Survivor']);
    expect(splitArtists('Kenny Loggins,Gladys Knight')).toEqual(['Kenny Loggins', 'Gladys Knight']);
    expect(splitArtists('Beyoncé feat. JAY-Z')).toEqual(['Beyoncé', 'JAY-Z']);
    expect(splitArtists('Beyoncé feat JAY-Z')).toEqual(['Beyoncé', 'JAY-Z']);
    expect(splitArtists('Kygo ft. Whitney Houston')).toEqual(['Kygo', 'Whitney Houston']);
    expect(splitArtists('Kygo FT Whitney Houston')).toEqual(['Kygo', 'Whitney Houston']);
    // "feat" and "ft" inside a name are not credits.
    expect(splitArtists('Featherweight & Loft')).toEqual(['Featherweight', 'Loft']);
  });

  it('leaves out a credit that is only punctuation', () => {
    expect(artistNames('Survivor & ★')).toEqual(['survivor']);
  });
});

describe('picking the wanted recording', () => {
  const wanted = { title: 'Eye of the Tiger', artist: 'Survivor', durationMs: 226_000 };

  it('prefers the exact title to a version note even when the note’s length fits better', () => {
    const live = track('live', 'Eye of the Tiger - Live', ['Survivor'], 226_000);
    const studio = track('studio', 'Eye of the Tiger', ['Survivor'], 236_000);
    expect(pickBestMatch([live, studio], wanted)?.spotifyId).toBe('studio');
    expect(pickBestMatch([studio, live], wanted)?.spotifyId).toBe('studio');
  });

  it('takes a recording any of whose credited artists is wanted', () => {
    const duet = track('duet', 'Eye of the Tiger', ['Frankie Sullivan', 'Survivor'], 226_000);
    expect(pickBestMatch([duet], wanted)?.spotifyId).toBe('duet');
  });

  it('keeps Spotify’s order between equally good results', () => {
    const first = track('first', 'Eye of the Tiger', ['Survivor'], 226_000);
    const second = track('second', 'Eye of the Tiger', ['Survivor'], 226_000);
    expect(pickBestMatch([first, second], wanted)?.spotifyId).toBe('first');
    expect(pickBestMatch([second, first], { title: 'Eye of the Tiger', artist: 'Survivor' })?.spotifyId).toBe('second');
  });
});
