'use client';

import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { formatDuration } from '@/lib/domain/tempo';
import { formatTempo, tempoFit } from '@/lib/domain/tempo-fit';
import { apiRequest } from '../api';

/** One replacement the server offers, as `GET …/alternatives` answers it. */
export interface SwapAlternative {
  trackId: string;
  title: string;
  artist: string;
  durationMs: number;
  /** The tempo it would play at in this place (BPM × multiplier), in the slot's unit. */
  tempo: number;
  /** A track of the Rocky IV soundtrack: the ranking keeps the soundtrack in before tempo. */
  isAnchor: boolean;
}

interface SlotTarget {
  targetTempo: number;
  unit: 'spm' | 'BPM';
}

interface SwapListProps {
  montageId: string;
  entryId: string;
  title: string;
  /** The tempo the current track plays at here, when known. */
  currentTempo: number | null;
  /** True while a chosen swap is being saved. */
  isSwapping: boolean;
  onChoose: (alternative: SwapAlternative) => void;
  /** Closes the list; focus goes back to the Swap button. */
  onClose: () => void;
}

type Loaded = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; slot: SlotTarget; alternatives: SwapAlternative[] };

/**
 * The pool's best replacements for one track, best first, each with its tempo and how it fits the
 * place ("172 spm · fits"). Keyboard: Tab or ↓ from the Swap button reaches the first, ↑/↓/Home/End
 * move between them, Enter chooses, Escape closes.
 */
export function SwapList({ montageId, entryId, title, currentTempo, isSwapping, onChoose, onClose }: SwapListProps) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    let isCurrent = true;
    void apiRequest<{ slot: SlotTarget; alternatives: SwapAlternative[] }>(`/api/montages/${montageId}/entries/${entryId}/alternatives`, 'GET').then((result) => {
      if (!isCurrent) return;
      setLoaded(result.ok ? { state: 'ready', ...result.data } : { state: 'failed', message: result.error.message });
    });
    return () => {
      isCurrent = false;
    };
  }, [montageId, entryId]);

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
      return;
    }
    const options = Array.from(list.current?.querySelectorAll<HTMLButtonElement>('button') ?? []);
    const at = options.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: options.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    options[Math.max(0, Math.min(options.length - 1, to))]?.focus();
  }

  const headingId = `swap-heading-${entryId}`;
  return (
    <section aria-labelledby={headingId} onKeyDown={onKeyDown} className="mt-3 rounded border border-stone-300 bg-stone-50 p-3 dark:border-stone-600 dark:bg-stone-950" data-testid="swap-list">
      <h4 id={headingId} className="font-semibold">
        Swap “{title}”
      </h4>
      {loaded.state === 'loading' && (
        <p role="status" className="text-sm text-stone-600 dark:text-stone-400">
          Finding the tracks that fit this place best…
        </p>
      )}
      {loaded.state === 'failed' && (
        <p role="alert" className="text-sm text-red-900 dark:text-red-200">
          {loaded.message}
        </p>
      )}
      {loaded.state === 'ready' && (
        <>
          <p className="text-sm text-stone-700 dark:text-stone-300">
            This place asks for <strong>{formatTempo(loaded.slot.targetTempo, loaded.slot.unit)}</strong>
            {currentTempo !== null && (
              <>
                {' '}
                (now {formatTempo(currentTempo, loaded.slot.unit)} · {tempoFit(currentTempo, loaded.slot.targetTempo).label})
              </>
            )}
            .{loaded.alternatives.length > 0 && ' Best for the whole montage first (the Rocky IV soundtrack, then its length, then tempo); the montage is re-timed around the one you choose.'}
          </p>
          {loaded.alternatives.length === 0 ? (
            <p role="status" className="mt-2 text-sm font-semibold">
              No other track can take this place: every timed track of your library with a known tempo is already in this montage or
              would make it too long. Add tracks from Spotify or your own files for more choices.
            </p>
          ) : (
            <ul ref={list} className="mt-2 space-y-1" aria-label={`Alternatives for ${title}, best first`}>
              {loaded.alternatives.map((a, index) => {
                const fit = tempoFit(a.tempo, loaded.slot.targetTempo);
                return (
                  <li key={a.trackId}>
                    <button
                      type="button"
                      aria-disabled={isSwapping}
                      onClick={() => {
                        if (!isSwapping) onChoose(a);
                      }}
                      className="flex min-h-11 w-full flex-wrap items-baseline gap-x-2 rounded border border-stone-300 bg-white px-3 py-2 text-left hover:bg-stone-100 aria-disabled:opacity-60 dark:border-stone-600 dark:bg-stone-900 dark:hover:bg-stone-800"
                    >
                      <span className="font-semibold">{a.title}</span>{' '}
                      <span className="text-sm text-stone-600 dark:text-stone-400">
                        {a.artist} · {formatDuration(a.durationMs)}
                        {a.isAnchor && ' · Rocky IV soundtrack'}
                      </span>{' '}
                      <span className="text-sm tabular-nums">
                        {formatTempo(a.tempo, loaded.slot.unit)} ·{' '}
                        <span className={fit.fits ? 'font-semibold text-green-800 dark:text-green-300' : 'text-amber-900 dark:text-amber-300'}>{fit.label}</span>
                        {index === 0 && <span className="font-semibold"> · best</span>}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
      <button type="button" onClick={onClose} className="mt-2 min-h-11 rounded border border-stone-400 px-3 text-sm dark:border-stone-500">
        Keep “{title}”
      </button>
    </section>
  );
}
