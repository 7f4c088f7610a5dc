import { formatDuration } from '@/lib/domain/tempo';
import { MODE_LABELS, toleranceFor } from '@/lib/domain/workout';
import type { MontageView } from '@/db/queries/montages';

/** Mode, length and how the montage's length compares to what was asked. */
export function MontageSummary({ montage }: { montage: Omit<MontageView, 'ownerId'> }) {
  const askedMs = montage.lengthMin * 60_000;
  const isShort = montage.totalMs < askedMs - toleranceFor(askedMs);
  return (
    <div className="text-sm text-stone-700 dark:text-stone-300">
      <p>
        {MODE_LABELS[montage.mode]}
        {montage.cadenceSpm !== null && <> · cadence {montage.cadenceSpm} steps/min</>}
        {montage.hiitWorkSec !== null && (
          <>
            {' '}
            · {montage.hiitWorkSec} s work / {montage.hiitRestSec} s rest
          </>
        )}{' '}
        · {montage.entries.length} tracks · <span className="tabular-nums" data-testid="montage-total">{formatDuration(montage.totalMs)}</span>
      </p>
      {isShort && (
        <p className="mt-1 rounded border border-amber-300 bg-amber-50 p-2 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200">
          {montage.lengthMin} min were asked, but only {formatDuration(montage.totalMs)} of timed music is available, so the montage
          is shorter. Tracks of your own (Spotify or files) will fill it.
        </p>
      )}
    </div>
  );
}
