'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import type { TempoLookupRunView } from '@/lib/tempo/lookup-progress';
import { apiRequest } from '../api';
import { ErrorBox } from '../builder/builder-form';

const RUN_URL = '/api/tempo/lookup/run';
const POLL_MS = 1000;

function summary(run: TempoLookupRunView): string {
  const parts = [`Found ${run.found} tempo${run.found === 1 ? '' : 's'}`];
  if (run.unknown > 0) parts.push(`${run.unknown} not known to the public source`);
  if (run.failed > 0) parts.push(`${run.failed} could not be looked up now (try again later)`);
  if (run.notAsked > 0) parts.push(`${run.notAsked} not asked yet`);
  return `${parts.join('; ')}.`;
}

/**
 * Asks the public source (Deezer's bpm by ISRC) for the tempo of tracks that have an ISRC and
 * no tempo: these `trackIds`, or all of the visitor's when omitted; `count` is how many there
 * are (with none, it shows only a finished run's summary). The lookup runs on the server as a
 * job paced under Deezer's quota (it goes on if the page is closed); the bar polls its progress.
 */
export function TempoLookupButton({ trackIds, count }: { trackIds?: string[]; count: number }) {
  const router = useRouter();
  const [run, setRun] = useState<TempoLookupRunView | null>(null);
  const [hasStarted, setHasStarted] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const isBusy = run?.status === 'running';

  const show = useCallback((next: TempoLookupRunView) => {
    setRun(next);
    setError(next.error);
  }, []);

  // A run started earlier (another tab, before a reload) is shown as it goes.
  useEffect(() => {
    void apiRequest<TempoLookupRunView>(RUN_URL, 'GET').then((result) => {
      if (result.ok && result.data.status === 'running') show(result.data);
    });
  }, [show]);

  useEffect(() => {
    if (!isBusy) return;
    const timer = setInterval(async () => {
      const result = await apiRequest<TempoLookupRunView>(RUN_URL, 'GET');
      if (!result.ok) return;
      show(result.data);
      if (result.data.status !== 'running') router.refresh();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [isBusy, router, show]);

  async function lookUp() {
    setError(null);
    setHasStarted(true);
    const result = await apiRequest<TempoLookupRunView>(RUN_URL, 'POST', trackIds ? { trackIds } : {});
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    show(result.data);
    if (result.data.status !== 'running') router.refresh();
  }

  async function stop() {
    const result = await apiRequest<TempoLookupRunView>(RUN_URL, 'DELETE');
    if (result.ok) show(result.data);
  }

  // Nothing to look up and no run to report on (it stays mounted after a run so its summary shows).
  if (count === 0 && !hasStarted && !isBusy) return null;
  const total = run?.total ?? count;
  const answered = run?.answered ?? 0;
  return (
    <div className="space-y-2 text-sm">
      <div className="flex flex-wrap gap-2">
        {(isBusy || count > 0) && (
          <button type="button" onClick={() => void lookUp()} disabled={isBusy} className="rounded border border-stone-400 px-3 py-1.5 disabled:opacity-50 dark:border-stone-500">
            {isBusy ? 'Looking up…' : `Look up ${count} missing tempo${count === 1 ? '' : 's'} by ISRC (Deezer)`}
          </button>
        )}
        {isBusy && (
          <button type="button" onClick={() => void stop()} className="rounded border border-stone-400 px-3 py-1.5 dark:border-stone-500">
            Stop
          </button>
        )}
      </div>
      {run && (
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
        {run && (isBusy ? `Looked up ${answered} of ${total}; ${run.found} found so far…` : summary(run))}
      </p>
      {error && <ErrorBox message={error} />}
    </div>
  );
}
