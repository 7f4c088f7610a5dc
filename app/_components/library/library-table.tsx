'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { formatDuration } from '@/lib/domain/tempo';
import type { TrackOrigin } from '@/lib/domain/library-filter';
import type { TempoSource } from '@/lib/domain/types';
import { tempoLabel } from '../../_lib/format';
import { apiRequest } from '../api';
import { ErrorBox } from '../builder/builder-form';
import { TempoLookupButton } from './tempo-lookup-button';
import { TempoQuestion } from './tempo-question';

export interface LibraryRow {
  id: string;
  title: string;
  artist: string;
  durationMs: number | null;
  origin: TrackOrigin;
  isrc: string | null;
  bpm: number | null;
  tempoSource: TempoSource | null;
  tempoSourceNote: string | null;
  /** A detected tempo awaiting the owner's confirmation (`bpm` is then null). */
  tempoQuestionBpm: number | null;
}

const ORIGIN_LABELS: Record<TrackOrigin, string> = { catalog: 'soundtrack', spotify: 'Spotify', local: 'your file' };

interface RemoveAnswer {
  removed: string[];
  inUse: { trackId: string; title: string; ownMontageNames: string[]; othersMontages: number }[];
}

/** One page of the library with a selection and what can be done to it: look up tempos, remove files, keep as a set. */
export function LibraryTable({ rows }: { rows: LibraryRow[] }) {
  const router = useRouter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [setName, setSetName] = useState('');
  const [isBusy, setIsBusy] = useState(false);

  const chosen = rows.filter((r) => selected.has(r.id));
  const ownFiles = chosen.filter((r) => r.origin === 'local');
  const lookupIds = chosen.filter((r) => r.bpm === null && r.isrc !== null).map((r) => r.id);
  const isAllSelected = rows.length > 0 && chosen.length === rows.length;

  function toggle(id: string) {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  }

  async function removeFiles() {
    setIsBusy(true);
    setError(null);
    setMessage('');
    const result = await apiRequest<RemoveAnswer>('/api/library/remove', 'POST', { trackIds: ownFiles.map((r) => r.id) });
    setIsBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    const { deleteLocalAudio } = await import('@/lib/audio/local-audio-store');
    await Promise.all(result.data.removed.map((id) => deleteLocalAudio(id).catch(() => undefined)));
    const kept = result.data.inUse.map((u) => `“${u.title}” (in ${u.ownMontageNames.length > 0 ? u.ownMontageNames.map((n) => `“${n}”`).join(', ') : `${u.othersMontages} copied montage${u.othersMontages === 1 ? '' : 's'}`})`);
    setMessage(`Removed ${result.data.removed.length} file${result.data.removed.length === 1 ? '' : 's'}.${kept.length > 0 ? ` Kept, still in a montage: ${kept.join(', ')}.` : ''}`);
    setSelected(new Set());
    router.refresh();
  }

  async function saveSet(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    const result = await apiRequest('/api/library/filters', 'POST', { kind: 'tracks', name: setName, trackIds: chosen.map((r) => r.id) });
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setMessage(`Saved ${chosen.length} track${chosen.length === 1 ? '' : 's'} as “${setName.trim()}”: the builder can draw from it.`);
    setSetName('');
    router.refresh();
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3 text-sm" role="group" aria-label="With the selected tracks">
        <span aria-live="polite" data-testid="selection-count">
          {chosen.length} selected
        </span>
        <button
          type="button"
          disabled={ownFiles.length === 0 || isBusy}
          onClick={() => void removeFiles()}
          className="rounded border border-stone-400 px-3 py-1.5 disabled:opacity-50 dark:border-stone-500"
        >
          Remove {ownFiles.length} selected file{ownFiles.length === 1 ? '' : 's'}
        </button>
        <form onSubmit={saveSet} className="flex items-center gap-2">
          <label className="sr-only" htmlFor="set-name">
            Name of the set
          </label>
          <input
            id="set-name"
            value={setName}
            onChange={(e) => setSetName(e.target.value)}
            placeholder="Name of the set"
            maxLength={80}
            className="rounded border border-stone-300 px-2 py-1 dark:border-stone-600"
          />
          <button type="submit" disabled={chosen.length === 0 || setName.trim() === ''} className="rounded border border-stone-400 px-3 py-1.5 disabled:opacity-50 dark:border-stone-500">
            Keep {chosen.length} as a set
          </button>
        </form>
      </div>
      {lookupIds.length > 0 && <TempoLookupButton key={lookupIds.join(',')} trackIds={lookupIds} count={lookupIds.length} />}
      {message && <p role="status">{message}</p>}
      {error && <ErrorBox message={error} />}
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Tracks table (scrolls sideways)">
        <table className="w-full min-w-[36rem] border-collapse bg-white text-sm dark:bg-stone-900" aria-label="Library tracks">
          <thead>
            <tr className="border-b border-stone-300 text-left dark:border-stone-600">
              <th scope="col" className="p-2">
                <input
                  type="checkbox"
                  aria-label="Select every track on this page"
                  checked={isAllSelected}
                  onChange={() => setSelected(isAllSelected ? new Set() : new Set(rows.map((r) => r.id)))}
                />
              </th>
              <th scope="col" className="p-2">Title</th>
              <th scope="col" className="p-2">Artist</th>
              <th scope="col" className="p-2">Length</th>
              <th scope="col" className="p-2">Tempo · where it came from</th>
              <th scope="col" className="p-2">From</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-b border-stone-100" data-testid="library-track">
                <td className="p-2">
                  <input type="checkbox" aria-label={`Select ${r.title}`} checked={selected.has(r.id)} onChange={() => toggle(r.id)} />
                </td>
                <td className="p-2 font-medium">{r.title}</td>
                <td className="p-2">{r.artist}</td>
                <td className="p-2 tabular-nums">{r.durationMs === null ? <em>not timed yet</em> : formatDuration(r.durationMs)}</td>
                {r.bpm === null && r.tempoQuestionBpm !== null ? (
                  <td className="p-2">
                    <TempoQuestion trackId={r.id} title={r.title} questionBpm={r.tempoQuestionBpm} />
                  </td>
                ) : (
                  <td className="p-2" title={r.tempoSourceNote ?? undefined} data-testid="tempo">
                    {tempoLabel(r.bpm, r.tempoSource)}
                  </td>
                )}
                <td className="p-2 text-stone-600 dark:text-stone-400">{ORIGIN_LABELS[r.origin]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
