import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake Deezer public API on loopback: `GET /track/isrc:{ISRC}` answers like the real one —
 * a track object whose `bpm` may be 0 (unknown), `{"error":{…,"code":800}}` for an unknown ISRC,
 * and the quota error `{"error":{…,"code":4}}` with HTTP 200 once more than `quota.max`
 * requests arrive within `quota.windowMs` (Deezer: 50 per 5 s).
 */

export interface FakeDeezerTrack {
  id: number;
  title: string;
  artist: string;
  /** 0 means Deezer does not know. */
  bpm: number;
  durationSec: number;
}

export type FakeFailure = 'busy' | 'http_500' | 'not_json' | 'hang';

export interface FakeDeezer {
  baseUrl: string;
  /** Paths of every request received, in order. */
  requests: string[];
  /** Requests refused because more than the quota arrived within its window (not the forced ones). */
  readonly quotaRefusals: number;
  addTrack(isrc: string, track: FakeDeezerTrack): void;
  /** Makes the next answers for `isrc` fail this way (until cleared with null). */
  failFor(isrc: string, failure: FakeFailure | null): void;
  /** Forces the quota error on every request (true) or goes back to counting (false). */
  setQuotaExceeded(isExceeded: boolean): void;
  setQuota(max: number, windowMs: number): void;
  close(): Promise<void>;
}

const QUOTA_ERROR = { error: { type: 'Exception', message: 'Quota limit exceeded', code: 4 } };
const NO_DATA = { error: { type: 'DataException', message: 'no data', code: 800 } };
const BUSY = { error: { type: 'Exception', message: 'The service is busy', code: 700 } };
const NOT_FOUND_PATH = { error: { type: 'DataException', message: 'no data', code: 800 } };

export async function startFakeDeezer(): Promise<FakeDeezer> {
  const tracks = new Map<string, FakeDeezerTrack>();
  const failures = new Map<string, FakeFailure>();
  const requests: string[] = [];
  let forcedQuota = false;
  let quota = { max: 50, windowMs: 5000 };
  const recent: number[] = [];
  let quotaRefusals = 0;

  function send(response: ServerResponse, status: number, body: unknown) {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    response.end(typeof body === 'string' ? body : JSON.stringify(body));
  }

  function handle(request: IncomingMessage, response: ServerResponse) {
    const path = request.url ?? '/';
    requests.push(path);
    const now = Date.now();
    while (recent.length > 0 && now - recent[0]! > quota.windowMs) recent.shift();
    recent.push(now);
    if (forcedQuota) return send(response, 200, QUOTA_ERROR);
    if (recent.length > quota.max) {
      quotaRefusals += 1;
      return send(response, 200, QUOTA_ERROR);
    }

    const match = /^\/track\/isrc:([^/?]+)$/.exec(path);
    if (request.method !== 'GET' || !match) return send(response, 200, NOT_FOUND_PATH);
    const isrc = decodeURIComponent(match[1]!);
    const failure = failures.get(isrc);
    if (failure === 'busy') return send(response, 200, BUSY);
    if (failure === 'http_500') return send(response, 500, 'Internal Server Error');
    if (failure === 'not_json') return send(response, 200, '<html>maintenance</html>');
    if (failure === 'hang') return; // never answers: the client's timeout must end it
    const track = tracks.get(isrc);
    if (!track) return send(response, 200, NO_DATA);
    return send(response, 200, {
      id: track.id,
      readable: true,
      title: track.title,
      title_short: track.title,
      isrc,
      link: `https://www.deezer.com/track/${track.id}`,
      duration: track.durationSec,
      rank: 500000,
      explicit_lyrics: false,
      bpm: track.bpm,
      gain: -9.5,
      artist: { id: track.id + 1, name: track.artist, type: 'artist' },
      album: { id: track.id + 2, title: track.title, type: 'album' },
      type: 'track',
    });
  }

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    get quotaRefusals() {
      return quotaRefusals;
    },
    addTrack: (isrc, track) => tracks.set(isrc, track),
    failFor: (isrc, failure) => (failure === null ? failures.delete(isrc) : failures.set(isrc, failure)),
    setQuotaExceeded: (isExceeded) => {
      forcedQuota = isExceeded;
    },
    setQuota: (max, windowMs) => {
      quota = { max, windowMs };
      recent.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
