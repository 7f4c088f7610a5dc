'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiRequest } from './api';
import { ErrorBox } from './builder-form';

interface LookupAnswer {
  tracks: { bpm: number | null }[];
  failed: unknown[];
  notAsked: unknown[];
  stopped: { message: string } | null;
}

function summary(answer: LookupAnswer): string {
  const found = answer.tracks.filter((t) => t.bpm !== null).length;
  const unknown = answer.tracks.length - found;
  const parts = [`Found ${found} tempo${found === 1 ? '' : 's'}`];
  if (unknown > 0) parts.push(`${unknown} not known to the public source`);
  if (answer.failed.length > 0) parts.push(`${answer.failed.length} could not be looked up now`);
  if (answer.notAsked.length > 0 && !answer.stopped) parts.push(`${answer.notAsked.length} left: look up again for the rest`);
  return `${parts.join('; ')}.`;
}

/**
 * Asks the public source (Deezer's bpm by ISRC) for the tempo of tracks that have an ISRC and
 * no tempo: these `trackIds`, or all of the visitor's when omitted. `count` is how many there are.
 */
export function TempoLookupButton({ trackIds, count }: { trackIds?: string[]; count: number }) {
  const router = useRouter();
  const [isBusy, setIsBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function lookUp() {
    setIsBusy(true);
    setError(null);
    const result = await apiRequest<LookupAnswer>('/api/tempo/lookup', 'POST', trackIds === undefined ? {} : { trackIds });
    setIsBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setStatus(summary(result.data));
    if (result.data.stopped) setError(result.data.stopped.message);
    router.refresh();
  }

  return (
    <div className="space-y-2 text-sm">
      <button type="button" onClick={() => void lookUp()} disabled={isBusy} className="rounded border border-stone-400 px-3 py-1.5 disabled:opacity-50">
        {isBusy ? 'Looking up…' : `Look up ${count} missing tempo${count === 1 ? '' : 's'} by ISRC (Deezer)`}
      </button>
      <p aria-live="polite">{status}</p>
      {error && <ErrorBox message={error} />}
    </div>
  );
}
