/**
 * The Deezer adapter's HTTP client: GETs a path below the configured base URL and returns the
 * parsed JSON body. It knows nothing of tempos, databases or Montage's types.
 */

export interface DeezerClientConfig {
  /** API origin, `https://api.deezer.com` in production; a loopback fake in tests. */
  baseUrl: string;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

export const DEFAULT_DEEZER_TIMEOUT_MS = 8_000;

/** The request got no usable answer (network failure, timeout, non-2xx, not JSON). */
export class DeezerTransportError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'DeezerTransportError';
  }
}

export interface DeezerClient {
  getJson(path: string): Promise<unknown>;
}

export function createDeezerClient(config: DeezerClientConfig): DeezerClient {
  const base = config.baseUrl.replace(/\/+$/, '');
  const fetchImpl = config.fetchImpl ?? fetch;
  const timeoutMs = config.timeoutMs ?? DEFAULT_DEEZER_TIMEOUT_MS;
  /** One GET; a network failure (not a timeout) is tried once more: an idle keep-alive connection may have just been closed. */
  async function fetchText(url: string, isRetry = false): Promise<{ response: Response; text: string }> {
    try {
      const response = await fetchImpl(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
      return { response, text: await response.text() };
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      if (!timedOut && !isRetry) return fetchText(url, true);
      throw new DeezerTransportError(timedOut ? `no answer within ${timeoutMs} ms` : `request failed: ${String(error)}`, null);
    }
  }

  return {
    async getJson(path) {
      const { response, text } = await fetchText(`${base}${path}`);
      if (!response.ok) throw new DeezerTransportError(`HTTP ${response.status}`, response.status);
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new DeezerTransportError('the answer is not JSON', response.status);
      }
    },
  };
}
