import { DEEZER_ERROR_CODES, type RawDeezerTrackResponse } from './raw-types';

/** What one ISRC lookup tells Montage. */
export type IsrcTempoAnswer =
  /** Deezer knows the track; `bpm` is null when it does not know its tempo (it sends 0). */
  | { kind: 'track'; isrc: string; bpm: number | null; providerTrackId: string }
  /** No track has this ISRC: as final as a known tempo, so it may be cached. */
  | { kind: 'unknown_isrc'; isrc: string }
  /** The request quota is spent: stop asking for now; nothing to cache. */
  | { kind: 'quota_exceeded'; isrc: string; detail: string }
  /** Anything else (busy, malformed answer): try again later; nothing to cache. */
  | { kind: 'failed'; isrc: string; detail: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Reads Deezer's answer to `GET /track/isrc:{isrc}`. Pure: no I/O, never throws. */
export function toIsrcTempoAnswer(isrc: string, raw: unknown): IsrcTempoAnswer {
  if (!isObject(raw)) return { kind: 'failed', isrc, detail: 'not a JSON object' };
  const body = raw as Partial<RawDeezerTrackResponse> & Record<string, unknown>;
  if ('error' in body && isObject(body.error)) {
    const code = Number(body.error.code);
    const detail = `${String(body.error.type)} ${code}: ${String(body.error.message)}`;
    if (code === DEEZER_ERROR_CODES.quota) return { kind: 'quota_exceeded', isrc, detail };
    if (code === DEEZER_ERROR_CODES.dataNotFound) return { kind: 'unknown_isrc', isrc };
    return { kind: 'failed', isrc, detail };
  }
  if (typeof body.id !== 'number') return { kind: 'failed', isrc, detail: 'no track id in the answer' };
  const bpm = typeof body.bpm === 'number' && Number.isFinite(body.bpm) && body.bpm > 0 ? body.bpm : null;
  return { kind: 'track', isrc, bpm, providerTrackId: String(body.id) };
}

/** ISRC: two letters, three letters or digits, seven digits (ISO 3901), e.g. `USSM18500404`. */
export const ISRC_PATTERN = /^[A-Z]{2}[A-Z0-9]{3}\d{7}$/;

/** The ISRC in its canonical form (upper case, no hyphens or spaces), or null if it is not one. */
export function normaliseIsrc(value: string): string | null {
  const isrc = value.replace(/[-\s]/g, '').toUpperCase();
  return ISRC_PATTERN.test(isrc) ? isrc : null;
}
