'use client';

import { useEffect, useState } from 'react';

type OfflineState = 'saving' | 'ready' | 'failed' | 'unsupported';

/** The service worker's cache of pages (public/sw.js names it so too). */
const OFFLINE_PAGES_CACHE = 'montage-pages-v1';

/** Drops this device's offline copies of workout pages (on sign-out: they may be private). */
export async function forgetOfflinePages(): Promise<void> {
  if ('caches' in window) await caches.delete(OFFLINE_PAGES_CACHE).catch(() => false);
}

/** Every same-origin build asset this page has loaded: scripts, styles, fonts, lazy chunks. */
function loadedAssets(): string[] {
  const fromTags = [...document.querySelectorAll<HTMLScriptElement | HTMLLinkElement>('script[src], link[href]')].map((el) => ('src' in el ? el.src : el.href));
  const fetched = performance.getEntriesByType('resource').map((entry) => entry.name);
  return [...new Set([...fromTags, ...fetched])].filter((href) => new URL(href).pathname.startsWith('/_next/static/'));
}

function ask(worker: ServiceWorker, message: unknown): Promise<{ isKept: boolean; missing: number }> {
  return new Promise((resolve, reject) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => resolve(event.data);
    worker.postMessage(message, [channel.port2]);
    setTimeout(() => reject(new Error('the service worker did not answer')), 30_000);
  });
}

/**
 * Keeps this workout page on the device (public/sw.js) so it opens again with no network, and
 * says so. Asked once the page has settled, so the lazily loaded code is kept too.
 */
export function OfflineReady({ isEnabled }: { isEnabled: boolean }) {
  const [state, setState] = useState<OfflineState>('saving');

  useEffect(() => {
    let isCurrent = true;
    const keep = async (): Promise<OfflineState> => {
      if (!isEnabled || !('serviceWorker' in navigator) || !('caches' in window)) return 'unsupported';
      await navigator.serviceWorker.register('/sw.js', { scope: '/' });
      const registration = await navigator.serviceWorker.ready;
      await new Promise<void>((resolve) => {
        if (document.readyState === 'complete') resolve();
        else window.addEventListener('load', () => resolve(), { once: true });
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      const answer = await ask(registration.active!, { type: 'keep-for-offline', page: window.location.pathname, assets: loadedAssets() });
      return answer.isKept ? 'ready' : 'failed';
    };
    keep()
      .catch((): OfflineState => 'failed')
      .then((next) => isCurrent && setState(next));
    return () => {
      isCurrent = false;
    };
  }, [isEnabled]);

  if (state === 'unsupported') return null;
  return (
    <p role="status" className="text-center text-sm text-stone-600 dark:text-stone-400" data-testid="offline-status">
      {state === 'saving' && 'Saving this workout for offline use…'}
      {state === 'ready' && '✓ Ready offline: this workout opens on this device without a connection.'}
      {state === 'failed' && 'This workout could not be saved for offline use; it needs a connection to open again.'}
    </p>
  );
}
