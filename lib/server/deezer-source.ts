import { createDeezerTempoSource, type DeezerTempoSource } from '../tempo/deezer';
import { env } from './env';
import { waitForDeezerTurn } from './security/rate-limit';

/**
 * Deezer as the app asks it: each request first waits for its turn in the budget every process of
 * the app shares (rate-limit.ts), so two lookups at once, on one process or several, stay under
 * Deezer's quota together.
 */
export function appDeezerSource(): DeezerTempoSource {
  const source = createDeezerTempoSource({ baseUrl: env.DEEZER_API_BASE_URL });
  return {
    async lookupByIsrc(isrc) {
      await waitForDeezerTurn();
      return source.lookupByIsrc(isrc);
    },
  };
}
