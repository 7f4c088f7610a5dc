'use client';

import { useEffect } from 'react';

interface WakeLockSentinelLike {
  released?: boolean;
  release: () => Promise<void>;
  addEventListener?: (type: 'release', listener: () => void) => void;
}

type WakeLockNavigator = Navigator & { wakeLock?: { request: (type: 'screen') => Promise<WakeLockSentinelLike> } };

/**
 * Keeps the screen on while `isActive`. The browser drops a screen wake lock whenever the page is
 * hidden (switching to the music app does), so it is asked for again each time the page is shown.
 */
export function useWakeLock(isActive: boolean) {
  useEffect(() => {
    if (!isActive) return;
    let sentinel: WakeLockSentinelLike | null = null;
    let isCurrent = true;
    async function acquire() {
      if (document.visibilityState !== 'visible' || (sentinel && !sentinel.released)) return;
      try {
        const lock = (await (navigator as WakeLockNavigator).wakeLock?.request('screen')) ?? null;
        if (!isCurrent) {
          void lock?.release().catch(() => undefined);
          return;
        }
        sentinel = lock;
      } catch {
        sentinel = null;
      }
    }
    function onVisibility() {
      if (document.visibilityState === 'visible') void acquire();
    }
    void acquire();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      isCurrent = false;
      document.removeEventListener('visibilitychange', onVisibility);
      void sentinel?.release().catch(() => undefined);
    };
  }, [isActive]);
}
