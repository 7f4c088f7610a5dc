'use client';

import { useState } from 'react';
import { apiRequest } from '../api';
import { ErrorBox } from '../builder/builder-form';

interface SaveResult {
  playlistId: string;
  url: string | null;
  created: boolean;
  savedTracks: number;
  skippedTracks: string[];
}

/** "Save to Spotify" for a connected user; saving again updates the same playlist. */
export function SaveToSpotify({ montageId }: { montageId: string }) {
  const [isSaving, setIsSaving] = useState(false);
  const [result, setResult] = useState<SaveResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  return (
    <section aria-label="Save to Spotify" className="rounded-lg border border-stone-200 bg-white p-3 dark:border-stone-700 dark:bg-stone-900">
      <button
        type="button"
        disabled={isSaving}
        onClick={async () => {
          setIsSaving(true);
          setError(null);
          setResult(null);
          const saved = await apiRequest<SaveResult>(`/api/montages/${montageId}/spotify`, 'POST');
          setIsSaving(false);
          if (saved.ok) setResult(saved.data);
          else setError(saved.error.message);
        }}
        className="rounded bg-green-700 px-4 py-2 font-semibold text-white disabled:opacity-60"
      >
        {isSaving ? 'Saving to Spotify…' : 'Save to Spotify'}
      </button>
      <p role="status" aria-live="polite" className="mt-2 text-sm text-stone-700 dark:text-stone-300">
        {result &&
          `${result.created ? 'Playlist created' : 'Playlist updated'} with ${result.savedTracks} tracks in order.${
            result.skippedTracks.length > 0 ? ` Not on Spotify, left out: ${result.skippedTracks.join(', ')}.` : ''
          }`}
        {result?.url && (
          <>
            {' '}
            <a href={result.url} className="underline" target="_blank" rel="noreferrer">
              Open in Spotify
            </a>
          </>
        )}
      </p>
      {error && <ErrorBox message={error} />}
    </section>
  );
}
