'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { advanceLookup, answeredCount, startLookup, type LookupBatchAnswer, type LookupProgress } from '@/lib/tempo/lookup-progress';
import { apiRequest } from '../api';
import { ErrorBox } from '../builder/builder-form';

function summary(progress: LookupProgress): string {
  const parts = [`Found ${progress.found} tempo${progress.found === 1 ? '' : 's'}`];
  if (progress.unknown > 0) parts.push(`${progress.unknown} not known to the public source`);
  if (progress.failed > 0) parts.push(`${progress.failed} could not be looked up now (try again later)`);
  if (progress.queue.length > 0) parts.push(`${progress.queue.length} not asked yet`);
  return `${parts.join('; ')}.`;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Asks the public source (Deezer's bpm by ISRC) for the tempo of tracks that have an ISRC and
 * no tempo: these `trackIds`, or all of the visitor's when omitted; `count` is how many there
 * are (with none, it shows only a finished run's summary). A long list runs as batches paced
 * under Deezer's quota, with a progress bar and a stop.
 */
export function TempoLookupButton({ trackIds, count }: { trackIds?: string[]; count: number }) {
  const router = useRouter();
  const [progress, setProgress] = useState<LookupProgress | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const isStopAsked = useRef(false);

  async function lookUp() {
    setIsBusy(true);
    setError(null);
    setStatus('');
    isStopAsked.current = false;
    let { progress: current, step } = startLookup(trackIds);
    setProgress({ ...current, total: current.total || count });
    while (step.kind === 'ask' && !isStopAsked.current) {
      await pause(step.waitMs);
      if (isStopAsked.current) break;
      const sent = step.trackIds;
      const result = await apiRequest<LookupBatchAnswer>('/api/tempo/lookup', 'POST', sent.length === 0 ? {} : { trackIds: sent });
      if (!result.ok) {
        setError(result.error.message);
        break;
      }
      ({ progress: current, step } = advanceLookup(current, sent, result.data));
      setProgress(current);
      if (step.kind === 'gave_up') setError(step.message);
    }
    setStatus(summary(current));
    setIsBusy(false);
    router.refresh();
  }

  // Nothing to look up and no run to report on (it stays mounted after a run so its summary shows).
  if (count === 0 && progress === null) return null;
  const answered = progress ? answeredCount(progress) : 0;
  const total = progress?.total ?? count;
  return (
    <div className="space-y-2 text-sm">
      <div className="flex flex-wrap gap-2">
        {(isBusy || count > 0) && (
          <button type="button" onClick={() => void lookUp()} disabled={isBusy} className="rounded border border-stone-400 px-3 py-1.5 disabled:opacity-50 dark:border-stone-500">
            {isBusy ? 'Looking up…' : `Look up ${count} missing tempo${count === 1 ? '' : 's'} by ISRC (Deezer)`}
          </button>
        )}
        {isBusy && (
          <button type="button" onClick={() => (isStopAsked.current = true)} className="rounded border border-stone-400 px-3 py-1.5 dark:border-stone-500">
            Stop
          </button>
        )}
      </div>
      {progress && (
        <div
          role="progressbar"
          aria-label="Looking up tempos"
          aria-valuemin={0}
          aria-valuemax={total}
          aria-valuenow={answered}
          aria-valuetext={`${answered} of ${total} tracks`}
          className="h-2 max-w-md overflow-hidden rounded bg-stone-200 dark:bg-stone-700"
        >
          <div className="h-full bg-rocky-red transition-[width]" style={{ width: `${total === 0 ? 100 : Math.round((answered / total) * 100)}%` }} />
        </div>
      )}
      <p aria-live="polite" className="tabular-nums">
        {isBusy && progress ? `Looked up ${answered} of ${total}; ${progress.found} found so far…` : status}
      </p>
      {error && <ErrorBox message={error} />}
    </div>
  );
}
