'use client';

import { useEffect, useState } from 'react';

/** Object URLs of the audio this browser keeps, by track id (blobs from IndexedDB are handles, not copies). */
export function useLocalAudioUrls(trackIds: readonly string[]): ReadonlyMap<string, string> {
  const [localUrls, setLocalUrls] = useState<ReadonlyMap<string, string>>(new Map());
  const key = trackIds.join(',');
  useEffect(() => {
    if (key === '') return;
    let isCurrent = true;
    const urls = new Map<string, string>();
    void (async () => {
      const { getLocalAudio, tracksWithLocalAudio } = await import('@/lib/audio/local-audio-store');
      for (const trackId of await tracksWithLocalAudio(key.split(','))) {
        const blob = await getLocalAudio(trackId);
        if (blob && isCurrent) urls.set(trackId, URL.createObjectURL(blob));
      }
      if (isCurrent) setLocalUrls(urls);
    })().catch(() => undefined);
    return () => {
      isCurrent = false;
      urls.forEach((url) => URL.revokeObjectURL(url));
    };
  }, [key]);
  return localUrls;
}
