import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { getActiveShareToken, getMontageForOwner } from '@/db/queries/montages';
import { listPoolTracks } from '@/db/queries/tracks';
import { isUuid } from '@/lib/server/http';
import { MontageSummary } from '../../_components/montage-summary';
import { MontageWorkbench } from '../../_components/montage-workbench';
import { SharePanel } from '../../_components/share-panel';
import { TempoChart } from '../../_components/tempo-chart';
import { pageOwner } from '../../_lib/page-owner';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Your montage' };

export default async function MontagePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const db = await getDb();
  const ownerId = await pageOwner(db);
  const montage = ownerId && isUuid(id) ? await getMontageForOwner(db, id, ownerId) : null;
  if (!montage || !ownerId) notFound();
  const [shareToken, pool] = await Promise.all([getActiveShareToken(db, montage.id), listPoolTracks(db, ownerId)]);
  const untimed = pool.filter((t) => t.durationMs === null);

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-black">{montage.name}</h1>
        <Link href={`/m/${montage.id}/train`} className="rounded bg-rocky-red px-5 py-2 font-bold uppercase tracking-wide text-white">
          Start workout
        </Link>
      </div>
      <MontageSummary montage={montage} />
      <TempoChart
        curveName={montage.curveName}
        curvePoints={montage.curvePoints}
        lengthMs={montage.lengthMin * 60_000}
        unit={montage.mode === 'run' ? 'steps/min' : 'BPM'}
        entries={montage.entries.map((e) => ({
          title: e.track.title,
          startMs: e.startMs,
          durationMs: e.track.durationMs ?? 0,
          bpm: e.track.bpm,
          multiplier: e.multiplier,
        }))}
      />
      <SharePanel montageId={montage.id} initialToken={shareToken} />
      <MontageWorkbench
        montageId={montage.id}
        name={montage.name}
        version={montage.version}
        entries={montage.entries.map((e) => ({
          id: e.id,
          startMs: e.startMs,
          multiplier: e.multiplier,
          track: {
            id: e.track.id,
            title: e.track.title,
            artist: e.track.artist,
            durationMs: e.track.durationMs,
            bpm: e.track.bpm,
            tempoSource: e.track.tempoSource,
          },
          intervals: e.intervals.map(({ offsetMs, durationMs, kind, exercise, intensity, cue }) => ({ offsetMs, durationMs, kind, exercise, intensity, cue })),
        }))}
      />
      {untimed.length > 0 && (
        <p className="text-sm text-stone-600">
          Not timed yet, so left out of the workout until its length is known: {untimed.map((t) => `“${t.title}”`).join(', ')}.
        </p>
      )}
    </div>
  );
}
