'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { formatDuration } from '@/lib/domain/tempo';
import type { Multiplier, PlannedInterval, TargetCurve, TempoSource } from '@/lib/domain/types';
import type { VersusSide } from '@/lib/domain/versus-side';
import { apiRequest, type ApiProblem } from '../api';
import { ErrorBox } from '../builder/builder-form';
import { IntervalEditor } from './interval-editor';
import { SortableTrack, SortableTracks } from './sortable-tracks';
import { IntervalList } from '../montage/interval-list';
import { TapTempo } from './tap-tempo';
import { TrackMeta } from '../montage/track-meta';
import { PlaceFit } from '../montage/place-fit';
import { SwapButton, SwapPanel, useSwapTrack } from './swap-track';

export interface WorkbenchEntry {
  id: string;
  startMs: number;
  multiplier: Multiplier;
  track: { id: string; title: string; artist: string; durationMs: number | null; bpm: number | null; tempoSource: TempoSource | null; spotifyId: string | null };
  intervals: PlannedInterval[];
  /** Rocky vs Drago: whose training the track is. */
  side?: VersusSide | null;
}

interface WorkbenchProps {
  montageId: string;
  name: string;
  version: number;
  entries: WorkbenchEntry[];
  /** The target curve, laid over the montage as shown: each track's place shows its target. */
  curve: TargetCurve;
  tempoUnit: 'spm' | 'BPM';
}

type Failure = { message: string; problems: ApiProblem[]; isStale: boolean };

/**
 * The owner's editing surface: rename, reorder, swap a track, edit intervals, set a tempo. Every change names
 * the version it was made on; the server refuses a stale one (another tab saved first).
 */
export function MontageWorkbench({ montageId, name, version, entries, curve, tempoUnit }: WorkbenchProps) {
  const router = useRouter();
  const [draftName, setDraftName] = useState(name);
  const [editingEntryId, setEditingEntryId] = useState<string | null>(null);
  const [tappingEntryId, setTappingEntryId] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [status, setStatus] = useState('');
  /** The control to give focus back to once the page shows the change (React moves the list's items, which drops focus). */
  const refocus = useRef<string | null>(null);
  const list = useRef<HTMLOListElement>(null);
  const swapper = useSwapTrack({ montageId, version, entries, list, announce: setStatus });
  /** One change at a time: each is made on the version the page shows. */
  const isBusy = isSaving || swapper.isSwapping;

  useEffect(() => {
    const label = refocus.current;
    if (!label) return;
    refocus.current = null;
    const buttons = Array.from(list.current?.querySelectorAll<HTMLButtonElement>('button[aria-label]') ?? []);
    const button = buttons.find((b) => b.getAttribute('aria-label') === label);
    // At the top or bottom the button pressed is disabled: its partner takes focus.
    const partner = buttons.find((b) => b.getAttribute('aria-label') === label.replace(/ (up|down)$/u, (m) => (m === ' up' ? ' down' : ' up')));
    (button && !button.disabled ? button : partner)?.focus();
  }, [entries]);

  function closeEditor(entryId: string) {
    setEditingEntryId(null);
    requestAnimationFrame(() => list.current?.querySelector<HTMLButtonElement>(`button[data-edit-entry="${entryId}"]`)?.focus());
  }

  /** Saves one track's intervals; the editor shows what the server refused at its fields. */
  async function saveIntervals(entry: WorkbenchEntry, intervals: PlannedInterval[]): Promise<ApiProblem[] | { message: string }> {
    setIsSaving(true);
    setFailure(null);
    swapper.clearNotice();
    const result = await apiRequest<{ version?: number }>(`/api/montages/${montageId}/entries/${entry.id}/intervals`, 'PUT', { version, intervals });
    setIsSaving(false);
    if (result.ok) {
      setStatus(`Intervals of “${entry.track.title}” saved.`);
      closeEditor(entry.id);
      router.refresh();
      return [];
    }
    if (result.status === 409 || result.status === 0) {
      setFailure({ ...result.error, isStale: result.status === 409 });
      return { message: result.status === 409 ? 'Not saved: this montage changed in another tab (see above).' : result.error.message };
    }
    return result.error.problems.length > 0 ? result.error.problems : { message: result.error.message };
  }

  async function save(url: string, method: string, body: unknown, done: string): Promise<boolean> {
    setIsSaving(true);
    setFailure(null);
    swapper.clearNotice();
    const result = await apiRequest<{ version?: number }>(url, method, body);
    setIsSaving(false);
    if (!result.ok) {
      setFailure({ ...result.error, isStale: result.status === 409 });
      return false;
    }
    setStatus(done);
    router.refresh();
    return true;
  }

  /** The order just asked for, shown until the page has the saved one (so a dropped item does not jump back). */
  const [pendingOrder, setPendingOrder] = useState<{ ids: string[]; madeOn: WorkbenchEntry[] } | null>(null);
  const shown = pendingOrder && pendingOrder.madeOn === entries ? pendingOrder.ids.map((id) => entries.find((e) => e.id === id)!) : entries;
  // Places as the list shows them (a reorder in flight included), so each target is its place's.
  const startsMs: number[] = [];
  let shownTotalMs = 0;
  for (const entry of shown) {
    startsMs.push(shownTotalMs);
    shownTotalMs += entry.track.durationMs ?? 0;
  }

  function reorder(ids: string[], movedId: string) {
    const entry = entries.find((e) => e.id === movedId)!;
    setPendingOrder({ ids, madeOn: entries });
    refocus.current = `Drag ${entry.track.title} to reorder`;
    void save(`/api/montages/${montageId}/order`, 'PUT', { version, entryIds: ids }, `Moved “${entry.track.title}” to position ${ids.indexOf(movedId) + 1}.`).then((ok) => {
      if (!ok) setPendingOrder(null);
    });
  }

  function move(index: number, by: -1 | 1) {
    const ids = entries.map((e) => e.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + by, 0, moved!);
    const title = entries[index]!.track.title;
    refocus.current = `Move ${title} ${by < 0 ? 'up' : 'down'}`;
    void save(`/api/montages/${montageId}/order`, 'PUT', { version, entryIds: ids }, `Moved “${title}” ${by < 0 ? 'up' : 'down'}.`);
  }

  return (
    <div className="space-y-4">
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          void save(`/api/montages/${montageId}`, 'PATCH', { version, name: draftName }, 'Renamed.');
        }}
      >
        <label className="flex grow flex-col text-sm font-semibold">
          Montage name
          <input
            name="name"
            value={draftName}
            maxLength={80}
            onChange={(e) => setDraftName(e.target.value)}
            className="mt-1 rounded border border-stone-300 px-2 py-1 text-lg font-normal dark:border-stone-600"
          />
        </label>
        <button type="submit" disabled={isBusy || draftName === name} className="rounded border border-stone-400 px-3 py-1.5 disabled:opacity-50 dark:border-stone-500">
          Rename
        </button>
      </form>

      <p role="status" aria-live="polite" className="sr-only">
        {status}
      </p>
      {failure && (
        <div>
          <ErrorBox message={failure.message} problems={failure.problems} />
          {failure.isStale && (
            <button type="button" onClick={() => window.location.reload()} className="mt-2 rounded bg-stone-900 px-3 py-1.5 text-white">
              Reload the latest version
            </button>
          )}
        </div>
      )}

      <SortableTracks ids={shown.map((e) => e.id)} titleOf={(id) => entries.find((e) => e.id === id)?.track.title ?? ''} onReorder={reorder}>
        <ol ref={list} className="space-y-3" aria-label="Tracks in order">
          {shown.map((entry, index) => (
            <SortableTrack key={entry.id} id={entry.id} title={entry.track.title} isDisabled={isBusy} className="rounded-lg border border-stone-200 bg-white p-3 shadow-sm dark:border-stone-700 dark:bg-stone-900">
              {(handle) => (
                <>
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div>
                    <p className="text-xs tabular-nums text-stone-600 dark:text-stone-400">
                      {index + 1}. at {formatDuration(entry.startMs)}
                      {entry.side && <span className="font-semibold" data-testid="versus-side"> · {entry.side}’s side</span>}
                    </p>
                    <h3 className="font-bold">{entry.track.title}</h3>
                    <TrackMeta track={entry.track} multiplier={entry.multiplier} />
                    <PlaceFit curve={curve} startMs={startsMs[index] ?? 0} durationMs={entry.track.durationMs ?? 0} totalMs={shownTotalMs} bpm={entry.track.bpm} multiplier={entry.multiplier} unit={tempoUnit} />
                  </div>
                  <div className="flex flex-wrap gap-1">
                    {handle}
                    <button type="button" disabled={isBusy || index === 0} onClick={() => move(index, -1)} aria-label={`Move ${entry.track.title} up`} className="min-h-11 min-w-11 rounded border border-stone-400 px-2 text-lg disabled:opacity-40 dark:border-stone-500">
                      ↑
                    </button>
                    <button type="button" disabled={isBusy || index === entries.length - 1} onClick={() => move(index, 1)} aria-label={`Move ${entry.track.title} down`} className="min-h-11 min-w-11 rounded border border-stone-400 px-2 text-lg disabled:opacity-40 dark:border-stone-500">
                      ↓
                    </button>
                    <button
                      type="button"
                      onClick={() => setEditingEntryId(editingEntryId === entry.id ? null : entry.id)}
                      aria-expanded={editingEntryId === entry.id}
                      aria-label={`Edit intervals of ${entry.track.title}`}
                      data-edit-entry={entry.id}
                      className="min-h-11 rounded border border-stone-400 px-2 text-sm dark:border-stone-500"
                    >
                      Edit intervals
                    </button>
                    <button
                      type="button"
                      onClick={() => setTappingEntryId(tappingEntryId === entry.id ? null : entry.id)}
                      aria-expanded={tappingEntryId === entry.id}
                      aria-label={`Tap tempo of ${entry.track.title}`}
                      className="min-h-11 rounded border border-stone-400 px-2 text-sm dark:border-stone-500"
                    >
                      Tap tempo
                    </button>
                    <SwapButton swapper={swapper} entry={entry} />
                  </div>
                </div>
                <SwapPanel swapper={swapper} montageId={montageId} entry={entry} />
                {tappingEntryId === entry.id && <TapTempo trackId={entry.track.id} title={entry.track.title} previousBpm={entry.track.bpm} onDone={() => setTappingEntryId(null)} />}
                {entry.track.bpm === null && (
                  <TempoSetter
                    title={entry.track.title}
                    onSave={(bpm) => save(`/api/tracks/${encodeURIComponent(entry.track.id)}/tempo`, 'PUT', { bpm, previousBpm: entry.track.bpm }, `Tempo of “${entry.track.title}” set.`)}
                    isSaving={isBusy}
                  />
                )}
                {editingEntryId === entry.id && entry.track.durationMs !== null ? (
                  <IntervalEditor
                    trackTitle={entry.track.title}
                    trackDurationMs={entry.track.durationMs}
                    initial={entry.intervals}
                    isSaving={isBusy}
                    onCancel={() => closeEditor(entry.id)}
                    onSave={(intervals) => saveIntervals(entry, intervals)}
                  />
                ) : (
                  <IntervalList intervals={entry.intervals} />
                )}
                </>
              )}
            </SortableTrack>
          ))}
        </ol>
      </SortableTracks>
    </div>
  );
}

function TempoSetter({ title, onSave, isSaving }: { title: string; onSave: (bpm: number) => Promise<boolean>; isSaving: boolean }) {
  const [bpm, setBpm] = useState('');
  return (
    <form
      className="mt-2 flex flex-wrap items-center gap-2 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        void onSave(Number(bpm));
      }}
    >
      <label className="flex items-center gap-2">
        Set tempo of {title} (BPM)
        <input type="number" min={30} max={300} step={0.1} required value={bpm} onChange={(e) => setBpm(e.target.value)} className="w-24 rounded border border-stone-300 px-2 py-1 text-right dark:border-stone-600" />
      </label>
      <button type="submit" disabled={isSaving} className="rounded border border-stone-400 px-2 py-1 dark:border-stone-500">
        Save tempo
      </button>
    </form>
  );
}
