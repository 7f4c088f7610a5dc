'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiRequest } from '../api';
import { ErrorBox } from '../builder/builder-form';

/** Copies a shared montage into the visitor's own montages, then opens the copy. */
export function CopyMontageButton({ token }: { token: string }) {
  const router = useRouter();
  const [isCopying, setIsCopying] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      <button
        type="button"
        disabled={isCopying}
        onClick={async () => {
          setIsCopying(true);
          const result = await apiRequest<{ url: string }>(`/api/share/${encodeURIComponent(token)}/copy`, 'POST');
          if (result.ok) router.push(result.data.url);
          else {
            setError(result.error.message);
            setIsCopying(false);
          }
        }}
        className="rounded border border-stone-400 px-4 py-2 font-semibold disabled:opacity-50 dark:border-stone-500"
      >
        {isCopying ? 'Copying…' : 'Copy to my montages'}
      </button>
      {error && <ErrorBox message={error} />}
    </div>
  );
}
