'use client';

import { useState } from 'react';
import { apiRequest } from '../api';
import { ErrorBox } from '../builder/builder-form';
import { ConfirmButton } from '../confirm-button';
import { ShareQr } from './share-qr';

/** Creates, shows, copies and revokes (after asking) the montage's read-only link. */
export function SharePanel({ montageId, initialToken }: { montageId: string; initialToken: string | null }) {
  const [token, setToken] = useState(initialToken);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const url = token ? `${typeof window === 'undefined' ? '' : window.location.origin}/s/${token}` : null;

  async function share() {
    const result = await apiRequest<{ token: string }>(`/api/montages/${montageId}/share`, 'POST');
    if (result.ok) {
      setToken(result.data.token);
      setNote('Link created.');
    } else setError(result.error.message);
  }

  /** Resolves to the message to show, or null once revoked (the confirmation then closes). */
  async function revoke(): Promise<string | null> {
    const result = await apiRequest(`/api/montages/${montageId}/share`, 'DELETE');
    if (!result.ok) return result.error.message;
    setToken(null);
    setNote('Link revoked: it no longer opens.');
    return null;
  }

  return (
    <section aria-labelledby="share-heading" className="rounded-lg border border-stone-200 bg-white p-3 dark:border-stone-700 dark:bg-stone-900">
      <h2 id="share-heading" className="font-bold">
        Share
      </h2>
      {url ? (
        <div className="mt-2 space-y-2">
          <label className="block text-sm">
            Anyone with this link can open the montage and start the workout:
            <input readOnly value={url} aria-label="Share link" className="mt-1 w-full rounded border border-stone-400 bg-stone-50 px-2 py-1 font-mono text-xs dark:border-stone-500 dark:bg-stone-800" onFocus={(e) => e.target.select()} />
          </label>
          <ShareQr url={url} />
          <div className="flex flex-wrap items-start gap-2">
            <button
              type="button"
              className="min-h-11 rounded border border-stone-400 px-3 text-sm dark:border-stone-500"
              onClick={async () => {
                try {
                  await navigator.clipboard.writeText(url);
                  setNote('Link copied.');
                } catch {
                  setNote('Copy the link from the box above.');
                }
              }}
            >
              Copy link
            </button>
            {/* Asked twice like every destructive action: sharing again makes a new address, so a slip would break every link already sent. */}
            <ConfirmButton
              label="Revoke link"
              question={<>Revoke this link? It stops opening for everyone you sent it to; sharing again makes a new one.</>}
              confirmLabel="Yes, revoke it"
              busyLabel="Revoking…"
              cancelLabel="Keep the link"
              groupLabel="Confirm revoking the link"
              onConfirm={revoke}
            />
          </div>
        </div>
      ) : (
        <button type="button" onClick={share} className="mt-2 min-h-11 rounded bg-stone-900 px-3 text-sm font-semibold text-white dark:bg-stone-100 dark:text-stone-900">
          Create share link
        </button>
      )}
      <p role="status" aria-live="polite" className="mt-1 text-sm text-stone-600 dark:text-stone-400">
        {note}
      </p>
      {error && <ErrorBox message={error} />}
    </section>
  );
}
