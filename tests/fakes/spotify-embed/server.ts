import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake of Spotify's embedded player on loopback: `GET /embed/iframe-api/v1` serves an iFrame
 * API with the real one's shape (window.onSpotifyIframeApiReady(IFrameAPI),
 * IFrameAPI.createController(element, { uri, width, height }, callback), a controller with
 * loadUri/play/resume/pause/togglePlay/seek/destroy/addListener and `playback_update` events
 * { playingURI, isPaused, isBuffering, duration, position } in ms), playing a silent clock, not audio. By
 * default the listener is not logged in to Spotify: every track is a 30-second preview;
 * `setListener` makes later page loads play full tracks and buffer before each one starts.
 * `GET /embed/track/{id}` is the page its iframe shows.
 *
 * What the page asked of the player is kept in the page as `window.__spotifyEmbedFake.calls`
 * ([method, uri, startAtSec?] in order), for the test to read.
 */
export interface FakeSpotifyEmbed {
  baseUrl: string;
  /** Paths of every request received. */
  requests: string[];
  /** How pages loaded from now on play (the listener's Spotify session and network). */
  setListener(listener: FakeListener): void;
  close(): Promise<void>;
}

export interface FakeListener {
  /** Logged in to Spotify in this browser: full tracks, whose lengths are given by URI (ms). */
  fullTrackMs?: Record<string, number>;
  /** How long each track buffers after play() before its position moves. */
  bufferingMs?: number;
  /**
   * The browser will not let the player start without a tap inside it (iOS Safari, some mobile
   * browsers): play() and resume() do nothing; the player stays paused.
   */
  blocksPlayWithoutTap?: boolean;
  /** The iFrame API script loads but never calls onSpotifyIframeApiReady (blocked, broken network). */
  neverReady?: boolean;
  /**
   * As the real player does, a report about the previous track may arrive just after loadUri
   * (its `playingURI` says which track it is about): one such late report, 100 ms after each loadUri.
   */
  lateReportOfPreviousTrack?: boolean;
}

export const PREVIEW_MS = 30_000;

function iframeApiScript(origin: string, listener: FakeListener): string {
  return `(() => {
  const ORIGIN = ${JSON.stringify(origin)};
  const PREVIEW_MS = ${PREVIEW_MS};
  const FULL_TRACK_MS = ${JSON.stringify(listener.fullTrackMs ?? null)};
  const BUFFERING_MS = ${listener.bufferingMs ?? 0};
  const BLOCKS_PLAY = ${listener.blocksPlayWithoutTap === true};
  const NEVER_READY = ${listener.neverReady === true};
  const LATE_REPORT = ${listener.lateReportOfPreviousTrack === true};
  const record = (window.__spotifyEmbedFake = window.__spotifyEmbedFake || { calls: [] });
  const pageOf = (uri) => ORIGIN + '/embed/' + String(uri).split(':').slice(1).join('/');
  const IFrameAPI = {
    createController(element, options, callback) {
      const iframe = document.createElement('iframe');
      iframe.src = pageOf(options.uri);
      iframe.title = 'Spotify Embed';
      iframe.width = String(options.width || '100%');
      iframe.height = String(options.height || 352);
      iframe.allow = 'autoplay; clipboard-write; encrypted-media; fullscreen; picture-in-picture';
      element.replaceWith(iframe);
      const listeners = {};
      let uri = options.uri;
      let position = 0;
      /** Where loadUri put the track: play() (re)starts there, as documented; resume() continues. */
      let loadedAt = 0;
      let isPaused = true;
      let startedAt = 0;
      const duration = () => (FULL_TRACK_MS && FULL_TRACK_MS[uri]) || PREVIEW_MS;
      const isBuffering = () => !isPaused && performance.now() < startedAt;
      const now = () => (isPaused || isBuffering() ? position : Math.min(duration(), position + performance.now() - startedAt));
      const emit = (name, data) => (listeners[name] || []).forEach((listener) => listener({ data }));
      const update = () => emit('playback_update', { playingURI: uri, isPaused, isBuffering: isBuffering(), duration: duration(), position: Math.round(now()) });
      const timer = setInterval(() => {
        if (isPaused) return;
        if (now() >= duration()) {
          position = duration();
          isPaused = true;
        }
        update();
      }, 250);
      const controller = {
        loadUri(next, preferVideo, startAt) {
          record.calls.push(['loadUri', next, startAt || 0]);
          if (LATE_REPORT && uri !== next) {
            const previous = { playingURI: uri, isPaused: false, isBuffering: false, duration: duration(), position: Math.max(0, duration() - 2000) };
            setTimeout(() => emit('playback_update', previous), 100);
          }
          uri = next;
          iframe.src = pageOf(next);
          position = Math.min(duration(), (startAt || 0) * 1000);
          loadedAt = position;
          isPaused = true;
          update();
        },
        play() {
          record.calls.push(['play', uri]);
          if (BLOCKS_PLAY) return update();
          position = loadedAt;
          isPaused = false;
          startedAt = performance.now() + BUFFERING_MS;
          emit('playback_started', { playingURI: uri });
          update();
        },
        resume() {
          record.calls.push(['resume', uri]);
          if (BLOCKS_PLAY) return update();
          position = now();
          isPaused = false;
          startedAt = performance.now();
          update();
        },
        pause() {
          record.calls.push(['pause', uri]);
          position = now();
          isPaused = true;
          update();
        },
        togglePlay() {
          if (isPaused) controller.resume();
          else controller.pause();
        },
        seek(seconds) {
          record.calls.push(['seek', uri, seconds]);
          position = Math.min(duration(), seconds * 1000);
          startedAt = performance.now();
          update();
        },
        destroy() {
          record.calls.push(['destroy', uri]);
          clearInterval(timer);
          iframe.remove();
        },
        addListener(name, listener) {
          (listeners[name] = listeners[name] || []).push(listener);
        },
        removeListener(name, listener) {
          listeners[name] = (listeners[name] || []).filter((l) => l !== listener);
        },
      };
      setTimeout(() => {
        callback(controller);
        emit('ready', {});
      }, 0);
    },
  };
  if (!NEVER_READY && typeof window.onSpotifyIframeApiReady === 'function') window.onSpotifyIframeApiReady(IFrameAPI);
})();
`;
}

export async function startFakeSpotifyEmbed(): Promise<FakeSpotifyEmbed> {
  const requests: string[] = [];
  let origin = '';
  let listener: FakeListener = {};
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', origin).pathname;
    requests.push(path);
    if (request.method === 'GET' && path === '/embed/iframe-api/v1') {
      response.writeHead(200, { 'content-type': 'application/javascript; charset=utf-8' });
      response.end(iframeApiScript(origin, listener));
      return;
    }
    const page = /^\/embed\/(track|playlist)\/([0-9A-Za-z]{22})$/.exec(path);
    if (request.method === 'GET' && page) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(`<!doctype html><title>Spotify</title><p>Fake Spotify embed: ${page[1]} ${page[2]}</p>`);
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl: origin,
    requests,
    setListener: (next) => {
      listener = next;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
