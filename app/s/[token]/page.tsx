import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { formatDuration } from '@/lib/domain/tempo';
import { getSharedMontage } from '@/lib/server/shared-cache';
import { CopyMontageButton } from '../../_components/copy-montage-button';
import { IntervalList } from '../../_components/interval-list';
import { MontageSummary } from '../../_components/montage-summary';
import { TempoChart } from '../../_components/tempo-chart';
import { multiplierLabel, tempoLabel } from '../../_lib/format';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Shared montage', referrer: 'no-referrer', robots: { index: false } };

export default async function SharedMontagePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const montage = token.length <= 100 ? await getSharedMontage(await getDb(), token) : null;
  if (!montage) notFound();

  return (
    <div className="space-y-5">
      <p className="text-sm text-stone-500">A montage shared with you (read-only)</p>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-black">{montage.name}</h1>
        <div className="flex flex-wrap gap-2">
          <Link href={`/s/${token}/train`} className="rounded bg-rocky-red px-5 py-2 font-bold uppercase tracking-wide text-white">
            Start workout
          </Link>
          <CopyMontageButton token={token} />
        </div>
      </div>
      <MontageSummary montage={montage} />
      <TempoChart
        curveName={montage.curveName}
        curvePoints={montage.curvePoints}
        lengthMs={montage.lengthMin * 60_000}
        unit={montage.mode === 'run' ? 'steps/min' : 'BPM'}
        entries={montage.entries.map((e) => ({ title: e.track.title, startMs: e.startMs, durationMs: e.track.durationMs ?? 0, bpm: e.track.bpm, multiplier: e.multiplier }))}
      />
      <ol className="space-y-3" aria-label="Tracks in order">
        {montage.entries.map((entry, index) => (
          <li key={entry.id} className="rounded-lg border border-stone-200 bg-white p-3">
            <p className="text-xs tabular-nums text-stone-500">
              {index + 1}. at {formatDuration(entry.startMs)}
            </p>
            <h2 className="font-bold">{entry.track.title}</h2>
            <p className="text-sm text-stone-600">
              {entry.track.artist} · {entry.track.durationMs === null ? 'not timed yet' : formatDuration(entry.track.durationMs)} ·{' '}
              {tempoLabel(entry.track.bpm, entry.track.tempoSource)}
              {entry.track.bpm !== null && entry.multiplier !== 1 && <> · {multiplierLabel(entry.multiplier)}</>}
              {entry.track.spotifyId && (
                <>
                  {' '}
                  ·{' '}
                  <a href={`https://open.spotify.com/track/${entry.track.spotifyId}`} className="underline" rel="noreferrer" target="_blank">
                    Listen on Spotify
                  </a>
                </>
              )}
            </p>
            <IntervalList intervals={entry.intervals} />
          </li>
        ))}
      </ol>
    </div>
  );
}
