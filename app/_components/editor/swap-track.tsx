'use client';

import dynamic from 'next/dynamic';
import { useRouter } from 'next/navigation';
import { useState, type KeyboardEvent, type RefObject } from 'react';
import { formatDuration } from '@/lib/domain/tempo';
import { apiRequest } from '../api';
import type { SwapAlternative } from './swap-list';
import type { WorkbenchEntry } from './montage-workbench';

/** Loaded when a Swap button is first pressed: most visits never open it. */
const SwapList = dynamic(() => import('./swap-list').then((m) => m.SwapList), {
  loading: () => (
    <p role="status" className="mt-3 text-sm text-stone-600 dark:text-stone-400">
      Finding the tracks that fit this place best…
    </p>
  ),
});

/**
 * What happened to one track, told at that track: a swap made, or why it was not. One that speaks
 * of the page's new state waits until the page shows it (`madeOn` is the list it was made on).
 */
export type EntryNotice = { entryId: string; isError: boolean; message: string; madeOn?: WorkbenchEntry[] };

function signedDuration(ms: number): string {
  return `${ms < 0 ? '−' : '+'}${formatDuration(Math.abs(ms))}`;
}

interface SwapTrackOptions {
  montageId: string;
  /** The version the page shows: the swap is made on it, and refused (409) if another tab saved since. */
  version: number;
  entries: WorkbenchEntry[];
  /** The track list, where the Swap buttons are found to give focus back. */
  list: RefObject<HTMLOListElement | null>;
  /** Tells screen readers what was done. */
  announce: (text: string) => void;
}

/**
 * "Swap this track": which entry's list is open, the swap request on the page's version, and the
 * message told at the entry. After a swap (or a 409) the page is refreshed from the server, which
 * re-timed the montage and planned the new track's intervals.
 */
export function useSwapTrack({ montageId, version, entries, list, announce }: SwapTrackOptions) {
  const router = useRouter();
  const [openEntryId, setOpenEntryId] = useState<string | null>(null);
  const [isSwapping, setIsSwapping] = useState(false);
  const [notice, setNotice] = useState<EntryNotice | null>(null);

  function close(entryId: string) {
    setOpenEntryId(null);
    requestAnimationFrame(() => list.current?.querySelector<HTMLButtonElement>(`button[data-swap-entry="${entryId}"]`)?.focus());
  }

  function toggle(entryId: string) {
    if (openEntryId === entryId) close(entryId);
    else setOpenEntryId(entryId);
  }

  /** Escape on the Swap button closes its list; ↓ goes into it, as Tab does. */
  function onButtonKey(event: KeyboardEvent<HTMLButtonElement>, entryId: string) {
    if (openEntryId !== entryId) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      close(entryId);
    } else if (event.key === 'ArrowDown') {
      const first = list.current?.querySelector<HTMLButtonElement>(`[data-swap-list-of="${entryId}"] ul button`);
      if (first) {
        event.preventDefault();
        first.focus();
      }
    }
  }

  async function swap(entry: WorkbenchEntry, chosen: SwapAlternative) {
    setIsSwapping(true);
    setNotice(null);
    const result = await apiRequest<{ version: number }>(`/api/montages/${montageId}/entries/${entry.id}/swap`, 'POST', { version, trackId: chosen.trackId });
    setIsSwapping(false);
    if (result.ok) {
      const shiftMs = chosen.durationMs - (entry.track.durationMs ?? 0);
      const last = entries.at(-1);
      const totalMs = (last ? last.startMs + (last.track.durationMs ?? 0) : 0) + shiftMs;
      const hasLater = entries.indexOf(entry) < entries.length - 1;
      setNotice({
        entryId: entry.id,
        isError: false,
        madeOn: entries,
        message:
          `“${chosen.title}” swapped in for “${entry.track.title}”; its intervals were planned again.` +
          (shiftMs === 0 || !hasLater ? '' : ` The tracks after it moved ${signedDuration(shiftMs)}.`) +
          ` The montage now lasts ${formatDuration(totalMs)}.`,
      });
      announce(`Swapped “${entry.track.title}” for “${chosen.title}”.`);
    } else if (result.status === 409) {
      setNotice({
        entryId: entry.id,
        isError: true,
        madeOn: entries,
        message: 'Not swapped: this montage was changed in another tab or window. The latest version is shown now; choose again if you still want a swap.',
      });
    } else {
      const detail = result.error.problems.find((p) => p.field === 'trackId')?.message;
      setNotice({ entryId: entry.id, isError: true, message: `Not swapped: ${result.error.message}${detail ? ` (${detail})` : ''}` });
      return;
    }
    close(entry.id);
    router.refresh();
  }

  const isShown = notice !== null && (notice.madeOn === undefined || notice.madeOn !== entries);
  return { openEntryId, isSwapping, notice: isShown ? notice : null, clearNotice: () => setNotice(null), toggle, close, onButtonKey, swap };
}

export type SwapTrack = ReturnType<typeof useSwapTrack>;

/** The Swap button of one entry (44 px, keyboard: Enter opens, ↓ enters the list, Escape closes). */
export function SwapButton({ swapper, entry }: { swapper: SwapTrack; entry: WorkbenchEntry }) {
  return (
    <button
      type="button"
      onClick={() => swapper.toggle(entry.id)}
      onKeyDown={(e) => swapper.onButtonKey(e, entry.id)}
      aria-expanded={swapper.openEntryId === entry.id}
      aria-label={`Swap ${entry.track.title}`}
      data-swap-entry={entry.id}
      className="min-h-11 min-w-11 rounded border border-stone-400 px-2 text-sm dark:border-stone-500"
    >
      Swap
    </button>
  );
}

/** Under an entry: its list of alternatives while open, and what the last swap did or why it failed. */
export function SwapPanel({ swapper, montageId, entry }: { swapper: SwapTrack; montageId: string; entry: WorkbenchEntry }) {
  const { notice } = swapper;
  return (
    <>
      {swapper.openEntryId === entry.id && (
        <div data-swap-list-of={entry.id}>
          <SwapList
            montageId={montageId}
            entryId={entry.id}
            title={entry.track.title}
            currentTempo={entry.track.bpm === null ? null : entry.track.bpm * entry.multiplier}
            isSwapping={swapper.isSwapping}
            onChoose={(chosen) => void swapper.swap(entry, chosen)}
            onClose={() => swapper.close(entry.id)}
          />
        </div>
      )}
      {notice?.entryId === entry.id && (
        <p
          role={notice.isError ? 'alert' : 'status'}
          className={`mt-2 rounded border p-2 text-sm ${
            notice.isError
              ? 'border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-200'
              : 'border-green-300 bg-green-50 text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-200'
          }`}
          data-testid="entry-notice"
        >
          {notice.message}
        </p>
      )}
    </>
  );
}
