import { createDeezerClient, DeezerTransportError, type DeezerClientConfig } from './client';
import { toIsrcTempoAnswer, type IsrcTempoAnswer } from './transform';

export { DEFAULT_DEEZER_TIMEOUT_MS, type DeezerClientConfig } from './client';
export { normaliseIsrc, ISRC_PATTERN, toIsrcTempoAnswer, type IsrcTempoAnswer } from './transform';

export interface DeezerTempoSource {
  /** Deezer's tempo for a recording by its ISRC; transport failures come back as `failed`. */
  lookupByIsrc(isrc: string): Promise<IsrcTempoAnswer>;
}

/** The public tempo source: Deezer's track `bpm` by ISRC. */
export function createDeezerTempoSource(config: DeezerClientConfig): DeezerTempoSource {
  const client = createDeezerClient(config);
  return {
    async lookupByIsrc(isrc) {
      try {
        return toIsrcTempoAnswer(isrc, await client.getJson(`/track/isrc:${encodeURIComponent(isrc)}`));
      } catch (error) {
        if (error instanceof DeezerTransportError) return { kind: 'failed', isrc, detail: error.message };
        throw error;
      }
    },
  };
}
