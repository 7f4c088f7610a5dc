'use client';

import { useCallback, useEffect, useState } from 'react';
import { apiRequest } from '../api';
import { ErrorBox } from '../builder/builder-form';
import { forgetOfflinePages } from '../workout/offline-ready';

/**
 * next-auth's client (about 8 KiB gzipped with its runtime) is loaded on the click that needs it,
 * not with the home page: it is most of the page's own script otherwise.
 */
const authClient = () => import('next-auth/react');

interface Status {
  configured: boolean;
  user: { displayName: string; needsReconnect: boolean } | null;
  import: ImportState | null;
  soundtrack: { status: 'done' | 'pending' | 'failed'; error: string | null } | null;
}

interface ImportState {
  status: 'running' | 'done' | 'failed' | 'none';
  imported: number;
  total: number | null;
  error: string | null;
}

/** Connect Spotify, import liked songs with a progress bar, sign out. Hidden when Spotify is not set up. */
export function SpotifyPanel() {
  const [status, setStatus] = useState<Status | null>(null);
  const [progress, setProgress] = useState<ImportState | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const result = await apiRequest<Status>('/api/spotify/status', 'GET');
    if (result.ok) {
      setStatus(result.data);
      setProgress(result.data.import);
    }
  }, []);

  useEffect(() => {
    // The status is read once on mount from our own API (an external system for this component).
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load();
  }, [load]);

  useEffect(() => {
    if (progress?.status !== 'running') return;
    const timer = window.setInterval(async () => {
      const result = await apiRequest<ImportState>('/api/spotify/import', 'GET');
      if (result.ok) setProgress(result.data);
    }, 400);
    return () => window.clearInterval(timer);
  }, [progress?.status]);

  if (!status?.configured) return null;

  async function startImport() {
    setError(null);
    const result = await apiRequest<ImportState>('/api/spotify/import', 'POST');
    if (result.ok) setProgress({ ...result.data, status: 'running', error: null });
    else setError(result.error.message);
  }

  const user = status.user;
  const percent = progress?.total ? Math.round((progress.imported / progress.total) * 100) : 0;
  return (
    <section aria-labelledby="spotify-heading" className="rounded-lg border border-stone-200 bg-white p-4 dark:border-stone-700 dark:bg-stone-900">
      <h2 id="spotify-heading" className="text-xl font-bold">
        Spotify
      </h2>
      {status.soundtrack?.status === 'failed' && (
        <p role="alert" className="mt-2 text-sm text-amber-900 dark:text-amber-200" data-testid="soundtrack-resolution-error">
          Montage could not find the soundtrack on Spotify: {status.soundtrack.error} Until it does, the soundtrack’s tracks play
          without Spotify’s player; it tries again when the server restarts.
        </p>
      )}
      {!user || user.needsReconnect ? (
        <div className="mt-2 space-y-2">
          <p className="text-sm text-stone-700 dark:text-stone-300">
            {user?.needsReconnect
              ? 'Your Spotify connection has expired. Connect again to keep your library and playlists in step; your montages are safe.'
              : 'Connect Spotify to fill montages with your liked songs and save them as playlists. Optional: everything else works without it.'}
          </p>
          <button type="button" onClick={() => void authClient().then(({ signIn }) => signIn('spotify'))} className="rounded bg-green-700 px-4 py-2 font-semibold text-white">
            {user?.needsReconnect ? 'Connect Spotify again' : 'Connect Spotify'}
          </button>
        </div>
      ) : (
        <div className="mt-2 space-y-3">
          <p className="text-sm">
            Connected as <strong>{user.displayName}</strong>.{' '}
            <button type="button" onClick={() => void forgetOfflinePages().finally(() => authClient().then(({ signOut }) => signOut({ callbackUrl: '/' })))} className="underline">
              Sign out
            </button>
          </p>
          <button type="button" onClick={startImport} disabled={progress?.status === 'running'} className="rounded border border-stone-400 px-3 py-1.5 disabled:opacity-50 dark:border-stone-500">
            {progress?.status === 'done' ? 'Sync liked songs' : progress?.status === 'failed' ? 'Resume import' : 'Import liked songs'}
          </button>
          {progress && progress.status !== 'none' && (
            <div>
              <div
                role="progressbar"
                aria-label="Liked songs imported"
                aria-valuemin={0}
                aria-valuemax={progress.total ?? 100}
                aria-valuenow={progress.imported}
                className="h-3 overflow-hidden rounded bg-stone-200 dark:bg-stone-700"
              >
                <div className="h-full bg-green-700 transition-[width]" style={{ width: `${progress.status === 'done' ? 100 : percent}%` }} />
              </div>
              <p className="mt-1 text-sm tabular-nums text-stone-700 dark:text-stone-300" aria-live="polite" data-testid="import-status">
                {progress.status === 'done'
                  ? `Library up to date: ${progress.imported} songs in the last import.`
                  : `${progress.imported} of ${progress.total ?? '…'} liked songs imported${progress.status === 'failed' ? ' (stopped)' : '…'}`}
              </p>
              {progress.error && <ErrorBox message={progress.error} />}
            </div>
          )}
        </div>
      )}
      {error && <ErrorBox message={error} />}
    </section>
  );
}
