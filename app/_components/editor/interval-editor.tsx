'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { KNOWN_EXERCISES } from '@/lib/domain/exercises';
import { findDraftProblems, formatLength, parseLength, type DraftField, type DraftProblem } from '@/lib/domain/interval-draft';
import { INTERVAL_LIMITS } from '@/lib/domain/intervals';
import { INTENSITIES, type Intensity, type IntervalKind, type PlannedInterval } from '@/lib/domain/types';
import type { ApiProblem } from '../api';

interface IntervalEditorProps {
  trackTitle: string;
  trackDurationMs: number;
  initial: PlannedInterval[];
  isSaving: boolean;
  /** Resolves to the server's field problems when it refused the save, [] when it was saved. */
  onSave: (intervals: PlannedInterval[]) => Promise<ApiProblem[] | { message: string }>;
  onCancel: () => void;
}

interface Row {
  kind: IntervalKind;
  exercise: string;
  intensity: Intensity;
  cue: string;
  /** Null while the length typed cannot be read. */
  durationMs: number | null;
  /** The length as typed, kept while the field is being edited (never rewritten under the user's fingers). */
  lengthText: string | null;
}

/** `intervals.3.durationMs` (the server's words) → row 3's length field. */
function toDraftProblem(problem: ApiProblem): DraftProblem | null {
  const match = /^intervals\.(\d+)\.(\w+)$/u.exec(problem.field);
  if (!match) return null;
  const field: DraftField = match[2] === 'exercise' ? 'exercise' : match[2] === 'cue' ? 'cue' : 'length';
  return { index: Number(match[1]), field, message: problem.message.charAt(0).toUpperCase() + problem.message.slice(1) };
}

/**
 * Edits one track's intervals as lengths laid end to end. Problems are found before saving and
 * told at the field, once, in m:ss: the field is marked invalid and the first one takes focus.
 * Limits are shown beside the fields before they bite; nothing typed is cut off silently.
 * Escape closes the editor (focus goes back to the button that opened it).
 */
export function IntervalEditor({ trackTitle, trackDurationMs, initial, isSaving, onSave, onCancel }: IntervalEditorProps) {
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const [rows, setRows] = useState<Row[]>(initial.map(({ offsetMs: _offset, ...rest }) => ({ ...rest, lengthText: null })));
  const [shownProblems, setShownProblems] = useState<DraftProblem[] | null>(null);
  const [formMessage, setFormMessage] = useState('');
  const totalMs = rows.reduce((sum, r) => sum + (r.durationMs ?? 0), 0);
  const leftMs = trackDurationMs - totalMs;
  // Once the user has tried to save, problems follow the edits live; before that, only limits show.
  const problems = shownProblems === null ? [] : [...findDraftProblems(rows, trackDurationMs), ...shownProblems.filter((p) => p.message.startsWith('Server: '))];
  const problemAt = (index: number, field: DraftField) => problems.find((p) => p.index === index && p.field === field);

  useEffect(() => {
    form.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, []);

  function update(index: number, patch: Partial<Row>) {
    setRows(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  }

  /** Splits a row into work then rest, the rest taking a third (whole seconds). */
  function split(index: number) {
    const row = rows[index]!;
    const durationMs = row.durationMs ?? 0;
    const restMs = Math.max(1000, Math.round(durationMs / 3000) * 1000);
    if (durationMs - restMs < 1000) return;
    const next = [...rows];
    next.splice(index, 1, { ...row, durationMs: durationMs - restMs, kind: 'work', lengthText: null }, { kind: 'rest', exercise: 'Rest', intensity: 'rest', cue: 'Breathe. Shake it out.', durationMs: restMs, lengthText: null });
    setRows(next);
  }

  /** Removes a row, giving its time to the row before (or after). */
  function remove(index: number) {
    if (rows.length === 1) return;
    const next = [...rows];
    const [removed] = next.splice(index, 1);
    const receiver = index > 0 ? index - 1 : 0;
    next[receiver] = { ...next[receiver]!, durationMs: (next[receiver]!.durationMs ?? 0) + (removed!.durationMs ?? 0), lengthText: null };
    setRows(next);
  }

  /** The last interval takes whatever the others leave of the track. */
  function fitLast() {
    const othersMs = rows.slice(0, -1).reduce((sum, r) => sum + (r.durationMs ?? 0), 0);
    update(rows.length - 1, { durationMs: trackDurationMs - othersMs, lengthText: null });
  }

  function focusField(problem: DraftProblem) {
    requestAnimationFrame(() => {
      const field = document.getElementById(`${id}-${problem.index}-${problem.field}`);
      field?.focus();
      field?.scrollIntoView({ block: 'center' });
    });
  }

  async function submit() {
    const found = findDraftProblems(rows, trackDurationMs);
    setShownProblems(found);
    if (found.length > 0) {
      setFormMessage(`Not saved: ${found.length === 1 ? 'one field needs' : `${found.length} fields need`} a change (marked above).`);
      focusField(found[0]!);
      return;
    }
    let offsetMs = 0;
    const intervals = rows.map(({ lengthText: _text, durationMs, ...row }) => {
      const interval = { ...row, durationMs: durationMs!, offsetMs };
      offsetMs += durationMs!;
      return interval;
    });
    setFormMessage('');
    const refused = await onSave(intervals);
    if (!Array.isArray(refused)) {
      setFormMessage(refused.message);
      return;
    }
    const atFields = refused.map(toDraftProblem).filter((p): p is DraftProblem => p !== null).map((p) => ({ ...p, message: `Server: ${p.message}` }));
    if (refused.length > 0) {
      setShownProblems(atFields);
      setFormMessage(atFields.length > 0 ? 'Not saved: see the fields marked above.' : `Not saved: ${refused.map((p) => p.message).join('; ')}`);
      if (atFields[0]) focusField(atFields[0]);
    }
  }

  const startsMs = rows.map((_, index) => rows.slice(0, index).reduce((sum, r) => sum + Math.max(0, r.durationMs ?? 0), 0));
  const field = 'rounded border px-2 py-1.5 min-h-11 bg-white text-stone-900 dark:bg-stone-900 dark:text-stone-100';
  const border = (problem: DraftProblem | undefined) => (problem ? 'border-red-700 dark:border-red-400 border-2' : 'border-stone-400 dark:border-stone-500');
  return (
    <form
      ref={form}
      noValidate
      className="mt-3 space-y-2 rounded border border-stone-300 bg-stone-50 p-2 dark:border-stone-600 dark:bg-stone-800"
      aria-label={`Intervals of ${trackTitle}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <datalist id={`${id}-names`}>
        {KNOWN_EXERCISES.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <p className="text-sm text-stone-700 dark:text-stone-300">
        Lengths as m:ss (at least {formatLength(INTERVAL_LIMITS.minDurationMs)}), adding up to the track&apos;s {formatLength(trackDurationMs)}. Esc closes.
      </p>
      {rows.map((row, index) => {
        const startMs = startsMs[index]!;
        const exerciseProblem = problemAt(index, 'exercise');
        const lengthProblem = problemAt(index, 'length');
        const cueProblem = problemAt(index, 'cue');
        const fieldId = (name: DraftField) => `${id}-${index}-${name}`;
        return (
          <fieldset key={index} className="flex flex-wrap items-start gap-2 border-b border-stone-200 pb-2 text-sm dark:border-stone-600">
            <legend className="sr-only">Interval {index + 1}</legend>
            <span className="w-20 pt-6 tabular-nums text-stone-700 dark:text-stone-300">from {formatLength(startMs)}</span>
            <div className="flex flex-col">
              <label htmlFor={fieldId('exercise')}>Exercise</label>
              <input
                id={fieldId('exercise')}
                list={`${id}-names`}
                value={row.exercise}
                aria-invalid={exerciseProblem ? true : undefined}
                aria-describedby={`${fieldId('exercise')}-hint`}
                onChange={(e) => update(index, { exercise: e.target.value })}
                className={`${field} ${border(exerciseProblem)} w-44`}
              />
              <FieldHint id={`${fieldId('exercise')}-hint`} problem={exerciseProblem} limit={`${row.exercise.length}/${INTERVAL_LIMITS.exerciseMaxLength}`} />
            </div>
            <label className="flex flex-col">
              Kind
              <select value={row.kind} onChange={(e) => update(index, { kind: e.target.value as IntervalKind })} className={`${field} ${border(undefined)}`}>
                <option value="work">work</option>
                <option value="rest">rest</option>
              </select>
            </label>
            <label className="flex flex-col">
              Intensity
              <select value={row.intensity} onChange={(e) => update(index, { intensity: e.target.value as Intensity })} className={`${field} ${border(undefined)}`}>
                {INTENSITIES.map((i) => (
                  <option key={i} value={i}>
                    {i}
                  </option>
                ))}
              </select>
            </label>
            <div className="flex flex-col">
              <label htmlFor={fieldId('length')}>Length (m:ss)</label>
              <input
                id={fieldId('length')}
                inputMode="decimal"
                autoComplete="off"
                value={row.lengthText ?? (row.durationMs === null ? '' : formatLength(row.durationMs))}
                aria-invalid={lengthProblem ? true : undefined}
                aria-describedby={`${fieldId('length')}-hint`}
                onChange={(e) => update(index, { lengthText: e.target.value, durationMs: parseLength(e.target.value) })}
                onBlur={() => row.durationMs !== null && update(index, { lengthText: null })}
                className={`${field} ${border(lengthProblem)} w-24 text-right tabular-nums`}
              />
              <FieldHint id={`${fieldId('length')}-hint`} problem={lengthProblem} limit={`min ${formatLength(INTERVAL_LIMITS.minDurationMs)}`} />
            </div>
            <div className="flex min-w-48 grow flex-col">
              <label htmlFor={fieldId('cue')}>Cue</label>
              <input
                id={fieldId('cue')}
                value={row.cue}
                aria-invalid={cueProblem ? true : undefined}
                aria-describedby={`${fieldId('cue')}-hint`}
                onChange={(e) => update(index, { cue: e.target.value })}
                className={`${field} ${border(cueProblem)}`}
              />
              <FieldHint id={`${fieldId('cue')}-hint`} problem={cueProblem} limit={`${row.cue.length}/${INTERVAL_LIMITS.cueMaxLength}`} />
            </div>
            <div className="flex gap-1 pt-5">
              <button type="button" onClick={() => split(index)} className="min-h-11 rounded border border-stone-400 px-3 dark:border-stone-500" aria-label={`Split interval ${index + 1} into work and rest`}>
                Split
              </button>
              <button type="button" disabled={rows.length === 1} onClick={() => remove(index)} className="min-h-11 rounded border border-stone-400 px-3 disabled:opacity-40 dark:border-stone-500" aria-label={`Remove interval ${index + 1}`}>
                Remove
              </button>
            </div>
          </fieldset>
        );
      })}
      <p className={`text-sm ${leftMs === 0 ? 'text-green-800 dark:text-green-300' : 'text-stone-800 dark:text-stone-200'}`} aria-live="polite">
        {leftMs === 0
          ? `Covers the whole track (${formatLength(trackDurationMs)}).`
          : leftMs > 0
            ? `${formatLength(leftMs)} of the track is not covered yet.`
            : `${formatLength(-leftMs)} longer than the track.`}{' '}
        {(leftMs !== 0 || rows.at(-1)!.durationMs === null) && rows.slice(0, -1).every((r) => r.durationMs !== null) && (
          <button type="button" onClick={fitLast} className="underline">
            Make the last interval fit
          </button>
        )}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <button type="submit" disabled={isSaving} className="min-h-11 rounded bg-rocky-red px-4 font-semibold text-white disabled:opacity-50">
          Save intervals
        </button>
        <button type="button" onClick={onCancel} className="min-h-11 rounded border border-stone-400 px-4 dark:border-stone-500">
          Cancel
        </button>
        <p role="status" className="text-sm font-semibold text-red-800 dark:text-red-300">
          {formMessage}
        </p>
      </div>
    </form>
  );
}

/** Under a field: its problem, or its limit before it bites. */
function FieldHint({ id, problem, limit }: { id: string; problem: DraftProblem | undefined; limit: string }) {
  return problem ? (
    <span id={id} className="max-w-64 text-xs font-semibold text-red-800 dark:text-red-300">
      {problem.message.replace(/^Server: /u, '')}
    </span>
  ) : (
    <span id={id} className="text-xs text-stone-700 dark:text-stone-300">
      {limit}
    </span>
  );
}
