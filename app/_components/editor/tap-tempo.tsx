'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { addTap, estimateTapTempo } from '@/lib/tempo/tap';
import { formatBpm } from '../../_lib/format';
import { apiRequest, type ApiProblem } from '../api';
import { ErrorBox } from '../builder/builder-form';

const STEADINESS_LABELS = { settling: 'keep tapping', steady: 'steady', unsteady: 'unsteady — keep tapping evenly' } as const;

/**
 * Tap along to a track (click, touch, or the space bar on the Tap button) to set its tempo.
 * Shows the running estimate and how steady the taps are; the saved value is the visitor's own
 * and wins over every other source for them. previousBpm is the tempo the page shows (null: none),
 * sent so that a save made on an older view is refused (409) instead of overwriting a newer tempo.
 */
export function TapTempo({ trackId, title, previousBpm, onDone }: { trackId: string; title: string; previousBpm: number | null; onDone?: () => void }) {
  const router = useRouter();
  const [taps, setTaps] = useState<number[]>([]);
  const [isSaving, setIsSaving] = useState(false);
  const [error, setError] = useState<{ message: string; problems: ApiProblem[] } | null>(null);
  const estimate = estimateTapTempo(taps);
  const bpm = estimate === null ? null : Math.round(estimate.bpm * 10) / 10;

  const tap = (atMs: number) => setTaps((previous) => addTap(previous, atMs));

  async function save() {
    if (bpm === null) return;
    setIsSaving(true);
    setError(null);
    const result = await apiRequest(`/api/tracks/${encodeURIComponent(trackId)}/tempo`, 'PUT', { bpm, source: 'tap', previousBpm });
    setIsSaving(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setTaps([]);
    router.refresh();
    onDone?.();
  }

  return (
    <div role="group" aria-label={`Tap tempo of ${title}`} className="mt-2 space-y-2 rounded border border-stone-300 bg-stone-50 p-3 text-sm dark:border-stone-600 dark:bg-stone-800">
      <p className="text-stone-700 dark:text-stone-300">Play the track and tap along with the beat: click or touch Tap, or focus it and press the space bar.</p>
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          // Taps are timed on press, not on release: a click fires on release, which lags.
          onPointerDown={(e) => tap(e.timeStamp)}
          onKeyDown={(e) => {
            if ((e.key === ' ' || e.key === 'Enter') && !e.repeat) {
              e.preventDefault();
              tap(e.timeStamp);
            }
          }}
          // Assistive technology activates a button with a click and no pointer or key event.
          onClick={(e) => {
            if (e.detail === 0) tap(e.timeStamp);
          }}
          className="h-16 w-28 select-none rounded-full bg-rocky-red text-xl font-black uppercase text-white active:scale-95"
        >
          Tap
        </button>
        <p aria-live="polite" className="tabular-nums" data-testid="tap-estimate">
          {estimate === null ? (
            'No taps yet.'
          ) : (
            <>
              <strong className="text-lg">{formatBpm(estimate.bpm)}</strong> ± {Math.round(estimate.spreadBpm * 10) / 10} · {estimate.taps} taps ·{' '}
              {STEADINESS_LABELS[estimate.steadiness]}
            </>
          )}
        </p>
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="button" onClick={() => void save()} disabled={bpm === null || isSaving} className="rounded bg-stone-900 px-3 py-1.5 text-white disabled:opacity-50">
          {bpm === null ? 'Save tapped tempo' : `Save ${formatBpm(bpm)}`}
        </button>
        <button type="button" onClick={() => setTaps([])} disabled={taps.length === 0} className="rounded border border-stone-400 px-3 py-1.5 disabled:opacity-50 dark:border-stone-500">
          Start over
        </button>
      </div>
      {error && <ErrorBox message={error.message} problems={error.problems} />}
    </div>
  );
}
