/**
 * Deezer's public API as it answers `GET /track/isrc:{ISRC}` (no key needed). Only the fields
 * Montage reads are typed; Deezer sends many more. Errors arrive with HTTP 200 and an `error` body.
 */

export interface RawDeezerArtist {
  id?: number;
  name: string;
}

export interface RawDeezerTrack {
  id: number;
  title: string;
  isrc?: string;
  /** Seconds. */
  duration?: number;
  /** Beats per minute as Deezer has it; 0 means Deezer does not know. */
  bpm?: number;
  artist?: RawDeezerArtist;
}

export interface RawDeezerError {
  error: {
    /** e.g. `Exception` (code 4, quota), `DataException` (code 800, no data). */
    type: string;
    message: string;
    code: number;
  };
}

export type RawDeezerTrackResponse = RawDeezerTrack | RawDeezerError;

/** Deezer's documented error codes that Montage treats apart. */
export const DEEZER_ERROR_CODES = {
  /** "Quota limit exceeded": 50 requests per 5 seconds. */
  quota: 4,
  itemsLimitExceeded: 100,
  serviceBusy: 700,
  /** "no data": no track has this ISRC. */
  dataNotFound: 800,
} as const;
