'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiRequest } from '../api';
import { ErrorBox } from '../builder/builder-form';

/** Deletes the montage after a second, explicit click (its share link stops working too). */
export function DeleteMontageButton({ montageId, name }: { montageId: string; name: string }) {
  const router = useRouter();
  const [isAsking, setIsAsking] = useState(false);
  const [isDeleting, setIsDeleting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function remove() {
    setIsDeleting(true);
    const result = await apiRequest(`/api/montages/${montageId}`, 'DELETE');
    if (result.ok) {
      router.push('/');
      router.refresh();
      return;
    }
    setError(result.error.message);
    setIsDeleting(false);
  }

  return (
    <div className="space-y-2 text-sm">
      {isAsking ? (
        <p className="flex flex-wrap items-center gap-2" role="group" aria-label="Confirm deletion">
          Delete “{name}” for good? Its share link stops working.
          <button type="button" onClick={() => void remove()} disabled={isDeleting} className="rounded bg-red-800 px-3 py-1.5 font-semibold text-white disabled:opacity-50">
            {isDeleting ? 'Deleting…' : 'Yes, delete it'}
          </button>
          <button type="button" onClick={() => setIsAsking(false)} disabled={isDeleting} className="rounded border border-stone-400 px-3 py-1.5 dark:border-stone-500">
            Keep it
          </button>
        </p>
      ) : (
        <button type="button" onClick={() => setIsAsking(true)} className="rounded border border-red-300 px-3 py-1.5 text-red-900 dark:border-red-800 dark:text-red-200">
          Delete montage
        </button>
      )}
      {error && <ErrorBox message={error} />}
    </div>
  );
}
