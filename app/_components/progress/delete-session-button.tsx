'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiRequest } from '../api';

/** Deletes a recorded session after one confirmation. */
export function DeleteSessionButton({ sessionId, label }: { sessionId: string; label: string }) {
  const router = useRouter();
  const [isAsking, setIsAsking] = useState(false);
  const [isDeleting, setIsDeleting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function remove() {
    setIsDeleting(true);
    const result = await apiRequest(`/api/sessions/${sessionId}`, 'DELETE');
    setIsDeleting(false);
    if (result.ok) {
      setIsAsking(false);
      router.refresh();
    } else setError(result.error.message);
  }

  if (!isAsking) {
    return (
      <button type="button" onClick={() => setIsAsking(true)} className="text-sm text-red-900 underline" aria-label={`Delete the session ${label}`}>
        Delete
      </button>
    );
  }
  return (
    <span className="flex flex-wrap items-center gap-2 text-sm" role="group" aria-label="Confirm deletion">
      Delete this session?
      <button type="button" onClick={() => void remove()} disabled={isDeleting} className="rounded bg-red-800 px-2 py-1 font-semibold text-white disabled:opacity-50">
        {isDeleting ? 'Deleting…' : 'Yes, delete'}
      </button>
      <button type="button" onClick={() => setIsAsking(false)} disabled={isDeleting} className="rounded border border-stone-400 px-2 py-1">
        Keep
      </button>
      {error && <span role="alert">{error}</span>}
    </span>
  );
}
