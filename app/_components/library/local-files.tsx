'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { formatDuration } from '@/lib/domain/tempo';
import { needsConfirmation, questionLabel } from '@/lib/domain/tempo-confidence';
import type { TempoSource } from '@/lib/domain/types';
import { formatBpm, tempoLabel } from '../../_lib/format';
import { apiRequest } from '../api';
import { ErrorBox } from '../builder/builder-form';
import { TapTempo } from '../editor/tap-tempo';
import { TempoQuestion } from './tempo-question';

export interface LocalTrackRow {
  id: string;
  title: string;
  artist: string;
  durationMs: number | null;
  bpm: number | null;
  tempoSource: TempoSource | null;
  tempoSourceNote: string | null;
  /** A detected tempo awaiting the owner's confirmation (`bpm` is then null). */
  tempoQuestionBpm: number | null;
}

type FileResult = { fileName: string } & ({ ok: true; title: string; bpm: number | null; isQuestion: boolean } | { ok: false; reason: string });

interface Progress {
  done: number;
  total: number;
  current: string;
}

const ACCEPT = 'audio/*,.mp3,.m4a,.aac,.ogg,.oga,.opus,.wav,.flac,.webm';

/**
 * Adds audio files the visitor owns. Each file is decoded in this browser to detect its tempo
 * and its tags are read; only that metadata goes to the server. The audio is kept in this browser
 * for the follow-along. A file that cannot be decoded is reported by name; the rest carry on.
 */
export function LocalFiles({ tracks, totalCount }: { tracks: LocalTrackRow[]; totalCount: number }) {
  const router = useRouter();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [results, setResults] = useState<FileResult[]>([]);
  const [onDevice, setOnDevice] = useState<Set<string> | null>(null);
  const [tappingId, setTappingId] = useState<string | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const trackIdsKey = tracks.map((t) => t.id).join(',');

  useEffect(() => {
    let isCurrent = true;
    void import('@/lib/audio/local-audio-store')
      .then(({ tracksWithLocalAudio }) => tracksWithLocalAudio(trackIdsKey === '' ? [] : trackIdsKey.split(',')))
      .then((ids) => isCurrent && setOnDevice(ids))
      .catch(() => isCurrent && setOnDevice(new Set()));
    return () => {
      isCurrent = false;
    };
  }, [trackIdsKey]);

  /** Removes a track (its facts on the server, its audio on this device); refused while a montage plays it. */
  async function removeTrack(track: LocalTrackRow) {
    setRemoveError(null);
    const result = await apiRequest(`/api/tracks/local/${encodeURIComponent(track.id)}`, 'DELETE');
    if (!result.ok) {
      setRemoveError(`“${track.title}” was not removed: ${result.error.message}`);
      return;
    }
    const { deleteLocalAudio } = await import('@/lib/audio/local-audio-store');
    await deleteLocalAudio(track.id).catch(() => undefined);
    router.refresh();
  }

  async function addFiles(files: File[]) {
    if (files.length === 0) return;
    const [{ analyseLocalFile }, { putLocalAudio }] = await Promise.all([import('@/lib/audio/analyse-file'), import('@/lib/audio/local-audio-store')]);
    const done: FileResult[] = [];
    setResults([]);
    for (const [index, file] of files.entries()) {
      setProgress({ done: index, total: files.length, current: file.name });
      const result = await addOne(file, analyseLocalFile, putLocalAudio);
      done.push(result);
      setResults([...done]);
    }
    setProgress({ done: files.length, total: files.length, current: '' });
    router.refresh();
  }

  const failures = results.filter((r) => !r.ok);
  return (
    <section aria-labelledby="local-heading" className="space-y-3">
      <h2 id="local-heading" className="text-xl font-bold">
        Your audio files
      </h2>
      <p className="max-w-2xl text-sm text-stone-700 dark:text-stone-300">
        Add music you own (mp3, m4a/aac, ogg, wav, flac — whatever this browser can play). Each file is decoded here to find its tempo;
        the audio never leaves this device. Only its title, artist, length and tempo are saved, so it can join your montages and
        play in the workout, even offline.
      </p>
      <label className="inline-flex cursor-pointer items-center gap-2 rounded bg-stone-900 px-4 py-2 font-semibold text-white focus-within:ring-2 focus-within:ring-rocky-gold">
        Add audio files
        <input
          type="file"
          multiple
          accept={ACCEPT}
          disabled={progress !== null && progress.done < progress.total}
          className="sr-only"
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = '';
            void addFiles(files);
          }}
        />
      </label>

      {progress && (
        <div className="space-y-1">
          <div
            role="progressbar"
            aria-label="Analysing files"
            aria-valuemin={0}
            aria-valuemax={progress.total}
            aria-valuenow={progress.done}
            aria-valuetext={`${progress.done} of ${progress.total} files`}
            className="h-3 max-w-md overflow-hidden rounded bg-stone-200 dark:bg-stone-700"
          >
            <div className="h-full bg-rocky-red transition-[width]" style={{ width: `${Math.round((progress.done / progress.total) * 100)}%` }} />
          </div>
          <p className="text-sm tabular-nums text-stone-600 dark:text-stone-400" aria-live="polite">
            {progress.done < progress.total
              ? `Analysing ${progress.done + 1} of ${progress.total}: ${progress.current}`
              : `Done: ${progress.total - failures.length} of ${progress.total} added.`}
          </p>
        </div>
      )}

      {results.length > 0 && (
        <ul aria-label="Files analysed" className="space-y-1 text-sm">
          {results.map((r, i) => (
            <li key={`${r.fileName}-${i}`} data-testid="file-result" className={r.ok ? 'text-stone-800 dark:text-stone-200' : 'font-semibold text-red-800 dark:text-red-300'}>
              {r.ok ? (
                <>
                  ✓ <span data-testid="file-name">{r.fileName}</span> — {r.title} · <span data-testid="detected-tempo">{r.bpm === null ? 'no beat found' : r.isQuestion ? questionLabel(r.bpm) : formatBpm(r.bpm)}</span>
                </>
              ) : (
                <>
                  ✗ <span data-testid="file-name">{r.fileName}</span> — {r.reason}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {failures.length > 0 && (
        <p role="alert" className="text-sm text-red-800 dark:text-red-300">
          Not added: {failures.map((f) => f.fileName).join(', ')}.
        </p>
      )}

      {removeError && <ErrorBox message={removeError} />}
      {totalCount > tracks.length && (
        <p className="text-sm text-stone-700 dark:text-stone-300">
          The {tracks.length} newest of your {totalCount.toLocaleString('en')} files;{' '}
          <Link href="/library?origin=local" className="underline">
            see them all in your library
          </Link>
          .
        </p>
      )}
      {tracks.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[32rem] border-collapse bg-white text-sm dark:bg-stone-900" aria-label="Your tracks from files">
            <thead>
              <tr className="border-b border-stone-300 text-left dark:border-stone-600">
                <th scope="col" className="p-2">Title</th>
                <th scope="col" className="p-2">Artist</th>
                <th scope="col" className="p-2">Length</th>
                <th scope="col" className="p-2">Tempo</th>
                <th scope="col" className="p-2">Audio</th>
              </tr>
            </thead>
            <tbody>
              {tracks.map((t) => (
                <tr key={t.id} className="border-b border-stone-100 align-top" data-testid="local-track">
                  <td className="p-2 font-medium">{t.title}</td>
                  <td className="p-2">{t.artist}</td>
                  <td className="p-2 tabular-nums">{t.durationMs === null ? <em>not timed yet</em> : formatDuration(t.durationMs)}</td>
                  <td className="p-2" title={t.tempoSourceNote ?? undefined}>
                    {t.bpm === null && t.tempoQuestionBpm !== null ? (
                      <TempoQuestion trackId={t.id} title={t.title} questionBpm={t.tempoQuestionBpm} />
                    ) : (
                      <span data-testid="tempo">{tempoLabel(t.bpm, t.tempoSource)}</span>
                    )}{' '}
                    <button
                      type="button"
                      className="ml-1 underline"
                      aria-expanded={tappingId === t.id}
                      aria-label={`Tap tempo of ${t.title}`}
                      onClick={() => setTappingId(tappingId === t.id ? null : t.id)}
                    >
                      tap
                    </button>
                    {tappingId === t.id && <TapTempo trackId={t.id} title={t.title} previousBpm={t.bpm} onDone={() => setTappingId(null)} />}
                  </td>
                  <td className="p-2 text-stone-600 dark:text-stone-400">
                    <span>{onDevice === null ? '…' : onDevice.has(t.id) ? 'on this device' : 'not on this device'}</span>{' '}
                    <button type="button" className="ml-1 underline" aria-label={`Remove ${t.title}`} onClick={() => void removeTrack(t)}>
                      remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

type Analyse = typeof import('@/lib/audio/analyse-file').analyseLocalFile;
type Keep = typeof import('@/lib/audio/local-audio-store').putLocalAudio;

/** Analyses one file, saves its metadata, keeps its audio here. Never throws: a failure is a result. */
async function addOne(file: File, analyse: Analyse, keep: Keep): Promise<FileResult> {
  let analysis;
  try {
    analysis = await analyse(file);
  } catch (error) {
    const isUndecodable = error instanceof Error && error.name === 'UndecodableFileError';
    return { fileName: file.name, ok: false, reason: isUndecodable ? 'could not be decoded by this browser' : 'could not be analysed' };
  }
  const saved = await apiRequest<{ tracks: { id: string; title: string; bpm: number | null }[] }>('/api/tracks/local', 'POST', { tracks: [analysis] });
  if (!saved.ok) return { fileName: file.name, ok: false, reason: saved.error.message };
  const track = saved.data.tracks[0]!;
  try {
    await keep(track.id, file);
  } catch {
    return { fileName: file.name, ok: false, reason: 'saved, but this browser would not keep its audio (storage full or private mode)' };
  }
  const isQuestion = analysis.bpm !== null && needsConfirmation({ bpm: analysis.bpm, confidence: analysis.tempoConfidence ?? null });
  return { fileName: file.name, ok: true, title: track.title, bpm: analysis.bpm, isQuestion };
}
