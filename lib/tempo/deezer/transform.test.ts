import { describe, expect, it } from 'vitest';
import { normaliseIsrc, toIsrcTempoAnswer } from './transform';

// Shaped like Deezer's answers to GET /track/isrc:{ISRC} (trimmed to what we read plus some noise).
const track = {
  id: 3135556,
  readable: true,
  title: 'Eye of the Tiger',
  isrc: 'USSM18200434',
  duration: 245,
  bpm: 108.9,
  gain: -9.8,
  artist: { id: 1289, name: 'Survivor', type: 'artist' },
  type: 'track',
};

describe('toIsrcTempoAnswer', () => {
  it('reads the bpm and the track id', () => {
    expect(toIsrcTempoAnswer('USSM18200434', track)).toEqual({ kind: 'track', isrc: 'USSM18200434', bpm: 108.9, providerTrackId: '3135556' });
  });

  it('treats bpm 0 (and a missing or broken bpm) as unknown', () => {
    expect(toIsrcTempoAnswer('X', { ...track, bpm: 0 })).toMatchObject({ kind: 'track', bpm: null });
    expect(toIsrcTempoAnswer('X', { ...track, bpm: undefined })).toMatchObject({ kind: 'track', bpm: null });
    expect(toIsrcTempoAnswer('X', { ...track, bpm: '120' })).toMatchObject({ kind: 'track', bpm: null });
    expect(toIsrcTempoAnswer('X', { ...track, bpm: -3 })).toMatchObject({ kind: 'track', bpm: null });
  });

  it('knows the quota error, which Deezer sends with HTTP 200', () => {
    const answer = toIsrcTempoAnswer('X', { error: { type: 'Exception', message: 'Quota limit exceeded', code: 4 } });
    expect(answer).toEqual({ kind: 'quota_exceeded', isrc: 'X', detail: 'Exception 4: Quota limit exceeded' });
  });

  it('reads "no data" as an ISRC Deezer does not know', () => {
    expect(toIsrcTempoAnswer('X', { error: { type: 'DataException', message: 'no data', code: 800 } })).toEqual({ kind: 'unknown_isrc', isrc: 'X' });
  });

  it('reports other errors and unreadable answers as failures (not to be cached)', () => {
    expect(toIsrcTempoAnswer('X', { error: { type: 'Exception', message: 'Service busy', code: 700 } })).toMatchObject({ kind: 'failed' });
    expect(toIsrcTempoAnswer('X', null)).toMatchObject({ kind: 'failed' });
    expect(toIsrcTempoAnswer('X', [])).toMatchObject({ kind: 'failed' });
    expect(toIsrcTempoAnswer('X', { title: 'no id' })).toEqual({ kind: 'failed', isrc: 'X', detail: 'no track id in the answer' });
    // A bare string or number (a proxy's error page read as JSON) is a failure too, never a thrown error.
    expect(toIsrcTempoAnswer('X', 'Service busy')).toEqual({ kind: 'failed', isrc: 'X', detail: 'not a JSON object' });
    expect(toIsrcTempoAnswer('X', 42)).toEqual({ kind: 'failed', isrc: 'X', detail: 'not a JSON object' });
  });
});

describe('normaliseIsrc', () => {
  it('accepts the usual spellings and refuses what is not an ISRC', () => {
    expect(normaliseIsrc('US-SM1-82-00434')).toBe('USSM18200434');
    expect(normaliseIsrc('ussm18200434')).toBe('USSM18200434');
    expect(normaliseIsrc('USSM1820043')).toBeNull();
    expect(normaliseIsrc('')).toBeNull();
    // Twelve characters exactly: nothing before or after.
    expect(normaliseIsrc('XUSSM18200434')).toBeNull();
    expect(normaliseIsrc('USSM182004341')).toBeNull();
  });
});
