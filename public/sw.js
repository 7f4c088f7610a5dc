// Montage's service worker: a workout page opened once on this device opens again with no
// network (a gym with no signal). The music of local files already lives in IndexedDB; this
// keeps the pages and the code they run.
//
// - Workout pages (/m/<id>/train, /s/<token>/train) and shared pages (/s/<token>): network
//   first, so an edit or a revoked link shows as soon as there is a network; the copy kept here
//   answers only when the network does not. A 404 (a revoked link, a deleted montage) drops it.
// - Build assets (/_next/static/…, content-hashed, immutable): from the cache first.
// - Everything else (API calls, other pages) goes to the network untouched.

// forgetOfflinePages (app/_components/offline-ready.tsx) deletes this cache on sign-out.
const PAGES = 'montage-pages-v1';
const ASSETS = 'montage-assets-v1';
const OFFLINE_PAGE = /^\/(m\/[^/]+\/train|s\/[^/]+(\/train)?)$/;

self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const kept = new Set([PAGES, ASSETS]);
      for (const name of await caches.keys()) if (!kept.has(name)) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

const isAsset = (url) => url.pathname.startsWith('/_next/static/') || url.pathname === '/icon.svg';
const isOfflinePage = (url) => OFFLINE_PAGE.test(url.pathname);

async function assetFromCache(request) {
  const cache = await caches.open(ASSETS);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

/**
 * Fetches a page (the browser's own navigation request, or the page's URL when a page asks to be
 * kept) and keeps this device's copy under its URL, or forgets it once the page is gone. A
 * redirect is passed through as it came and never kept.
 */
async function fetchAndKeepPage(request, url) {
  const cache = await caches.open(PAGES);
  const response = await fetch(request);
  if (response.ok && !response.redirected) await cache.put(url, response.clone());
  else if (response.status === 404 || response.status === 410) await cache.delete(url);
  return response;
}

const OFFLINE_HTML = `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Offline · Montage</title><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem">
<h1>You are offline</h1><p>This page was not opened on this device while it was online, so there is no copy to show.
Open a workout once with a connection and it will be ready here without one.</p></body></html>`;

/** This device's copy of a page, if it holds one. */
async function keptPage(url) {
  return (await caches.open(PAGES)).match(url);
}

async function pageNetworkFirst(request, url) {
  try {
    return await fetchAndKeepPage(request, url);
  } catch {
    const kept = await keptPage(url);
    return kept ?? new Response(OFFLINE_HTML, { status: 503, headers: { 'content-type': 'text/html; charset=utf-8' } });
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (isAsset(url)) event.respondWith(assetFromCache(request));
  else if (request.mode === 'navigate' && isOfflinePage(url)) event.respondWith(pageNetworkFirst(request, url.origin + url.pathname));
});

// A page asks to be kept for offline use with the assets it already loaded (they were fetched
// before this worker controlled it). Answers on the message's port: { isKept, missing }.
self.addEventListener('message', (event) => {
  const { data } = event;
  const port = event.ports[0];
  if (!data || data.type !== 'keep-for-offline' || !port) return;
  event.waitUntil(
    (async () => {
      const page = new URL(data.page, self.location.origin);
      let isKept = false;
      if (page.origin === self.location.origin && isOfflinePage(page)) {
        const pageUrl = page.origin + page.pathname;
        try {
          isKept = (await fetchAndKeepPage(new Request(pageUrl, { credentials: 'same-origin' }), pageUrl)).ok;
        } catch {
          // No network: the page is kept if this device holds its copy (that is what is showing).
          isKept = Boolean(await keptPage(pageUrl));
        }
      }
      let missing = 0;
      for (const href of data.assets ?? []) {
        const asset = new URL(href, self.location.origin);
        if (asset.origin !== self.location.origin || !isAsset(asset)) continue;
        try {
          if (!(await assetFromCache(asset.href)).ok) missing += 1;
        } catch {
          missing += 1;
        }
      }
      port.postMessage({ isKept: isKept && missing === 0, missing });
    })(),
  );
});
