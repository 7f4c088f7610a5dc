'use client';

import { useId, useState } from 'react';
import { KNOWN_EXERCISES } from '@/lib/domain/exercises';
import { INTERVAL_LIMITS, layEndToEnd } from '@/lib/domain/intervals';
import { formatDuration } from '@/lib/domain/tempo';
import { INTENSITIES, type Intensity, type IntervalKind, type PlannedInterval } from '@/lib/domain/types';

interface IntervalEditorProps {
  trackTitle: string;
  trackDurationMs: number;
  initial: PlannedInterval[];
  isSaving: boolean;
  onSave: (intervals: PlannedInterval[]) => Promise<void>;
  onCancel: () => void;
}

/**
 * Edits one track's intervals as durations laid end to end; shows how far the total is from the
 * track's length. The server checks coverage again on save.
 */
export function IntervalEditor({ trackTitle, trackDurationMs, initial, isSaving, onSave, onCancel }: IntervalEditorProps) {
  const listId = useId();
  const [rows, setRows] = useState(initial.map(({ offsetMs: _offset, ...rest }) => rest));
  const laid = layEndToEnd(rows);
  const totalMs = rows.reduce((sum, r) => sum + r.durationMs, 0);
  const leftMs = trackDurationMs - totalMs;

  function update(index: number, patch: Partial<(typeof rows)[number]>) {
    setRows(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  }

  /** Splits a row into work then rest, the rest taking a third (whole seconds). */
  function split(index: number) {
    const row = rows[index]!;
    const restMs = Math.max(1000, Math.round(row.durationMs / 3000) * 1000);
    if (row.durationMs - restMs < 1000) return;
    const next = [...rows];
    next.splice(index, 1, { ...row, durationMs: row.durationMs - restMs, kind: 'work' }, { kind: 'rest', exercise: 'Rest', intensity: 'rest', cue: 'Breathe. Shake it out.', durationMs: restMs });
    setRows(next);
  }

  /** Removes a row, giving its time to the row before (or after). */
  function remove(index: number) {
    if (rows.length === 1) return;
    const next = [...rows];
    const [removed] = next.splice(index, 1);
    const receiver = index > 0 ? index - 1 : 0;
    next[receiver] = { ...next[receiver]!, durationMs: next[receiver]!.durationMs + removed!.durationMs };
    setRows(next);
  }

  const cell = 'rounded border border-stone-300 px-1.5 py-1';
  return (
    <form
      className="mt-3 space-y-2 rounded border border-stone-300 bg-stone-50 p-2"
      aria-label={`Intervals of ${trackTitle}`}
      onSubmit={(e) => {
        e.preventDefault();
        void onSave(laid);
      }}
    >
      <datalist id={listId}>
        {KNOWN_EXERCISES.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      {laid.map((row, index) => (
        <fieldset key={index} className="flex flex-wrap items-end gap-2 border-b border-stone-200 pb-2 text-sm">
          <legend className="sr-only">Interval {index + 1}</legend>
          <span className="w-20 pb-1 tabular-nums text-stone-500">from {formatDuration(row.offsetMs)}</span>
          <label className="flex flex-col">
            Exercise
            <input list={listId} value={row.exercise} maxLength={INTERVAL_LIMITS.exerciseMaxLength} required onChange={(e) => update(index, { exercise: e.target.value })} className={`${cell} w-40`} />
          </label>
          <label className="flex flex-col">
            Kind
            <select value={row.kind} onChange={(e) => update(index, { kind: e.target.value as IntervalKind })} className={cell}>
              <option value="work">work</option>
              <option value="rest">rest</option>
            </select>
          </label>
          <label className="flex flex-col">
            Intensity
            <select value={row.intensity} onChange={(e) => update(index, { intensity: e.target.value as Intensity })} className={cell}>
              {INTENSITIES.map((i) => (
                <option key={i} value={i}>
                  {i}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col">
            Seconds
            <input
              type="number"
              min={1}
              step={0.001}
              required
              value={row.durationMs / 1000}
              onChange={(e) => update(index, { durationMs: Math.round(e.target.valueAsNumber * 1000) || 0 })}
              className={`${cell} w-24 text-right`}
            />
          </label>
          <label className="flex grow flex-col">
            Cue
            <input value={row.cue} maxLength={INTERVAL_LIMITS.cueMaxLength} onChange={(e) => update(index, { cue: e.target.value })} className={cell} />
          </label>
          <button type="button" onClick={() => split(index)} className="rounded border border-stone-300 px-2 py-1" aria-label={`Split interval ${index + 1} into work and rest`}>
            Split
          </button>
          <button type="button" disabled={rows.length === 1} onClick={() => remove(index)} className="rounded border border-stone-300 px-2 py-1 disabled:opacity-40" aria-label={`Remove interval ${index + 1}`}>
            Remove
          </button>
        </fieldset>
      ))}
      <p className={`text-sm ${leftMs === 0 ? 'text-green-800' : 'text-red-800'}`} aria-live="polite">
        {leftMs === 0
          ? `Covers the whole track (${formatDuration(trackDurationMs)}).`
          : leftMs > 0
            ? `${(leftMs / 1000).toFixed(1)} s of the track is not covered yet.`
            : `${(-leftMs / 1000).toFixed(1)} s longer than the track.`}
      </p>
      <div className="flex gap-2">
        <button type="submit" disabled={isSaving} className="rounded bg-rocky-red px-3 py-1.5 font-semibold text-white disabled:opacity-50">
          Save intervals
        </button>
        <button type="button" onClick={onCancel} className="rounded border border-stone-400 px-3 py-1.5">
          Cancel
        </button>
      </div>
    </form>
  );
}
