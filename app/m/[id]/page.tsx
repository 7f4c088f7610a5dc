import type { Metadata } from 'next';
import Link from 'next/link';
import { getActiveShareToken } from '@/db/queries/montages';
import { listUntimedTracks } from '@/db/queries/library-tracks';
import { listTracksMissingTempo } from '@/db/queries/tracks';
import { getUserByOwner } from '@/db/queries/users';
import { isSpotifyConfigured } from '@/lib/server/auth';
import { MontageSummary } from '../../_components/montage/montage-summary';
import { MontageTempoChart } from '../../_components/montage/montage-tempo-chart';
import { SoundtrackLeftOut } from '../../_components/montage/soundtrack-left-out';
import { DeleteMontageButton } from '../../_components/editor/delete-montage-button';
import { MontageWorkbench } from '../../_components/editor/montage-workbench';
import { SaveToSpotify } from '../../_components/spotify/save-to-spotify';
import { SharePanel } from '../../_components/share/share-panel';
import { TempoLookupButton } from '../../_components/library/tempo-lookup-button';
import { ownMontageOrNotFound } from '../../_lib/page-owner';
import { versusSideOf } from '@/lib/domain/versus-side';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { montage } = await ownMontageOrNotFound((await params).id);
  return { title: montage.name, robots: { index: false } };
}

export default async function MontagePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { db, ownerId, montage } = await ownMontageOrNotFound(id);
  const [shareToken, untimed, spotifyUser, missingTempo] = await Promise.all([
    getActiveShareToken(db, montage.id),
    listUntimedTracks(db, ownerId),
    isSpotifyConfigured() ? getUserByOwner(db, ownerId) : null,
    listTracksMissingTempo(
      db,
      ownerId,
      montage.entries.map((e) => e.track.id),
    ),
  ]);

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-black">{montage.name}</h1>
        <Link href={`/m/${montage.id}/train`} className="rounded bg-rocky-red px-5 py-2 font-bold uppercase tracking-wide text-white">
          Start workout
        </Link>
      </div>
      <MontageSummary montage={montage} />
      <MontageTempoChart montage={montage} />
      <SoundtrackLeftOut montage={montage} />
      <SharePanel montageId={montage.id} initialToken={shareToken} />
      <p className="text-sm">
        <a href={`/api/montages/${montage.id}/fit`} download className="underline">
          Download for your watch (.fit workout)
        </a>
        {' · '}
        <a href={`/m/${montage.id}/card`} className="underline">
          Printable card (dark workout)
        </a>
      </p>
      <TempoLookupButton trackIds={missingTempo.map((t) => t.id)} count={missingTempo.length} />
      {spotifyUser && !spotifyUser.needsReconnect && <SaveToSpotify montageId={montage.id} />}
      <MontageWorkbench
        montageId={montage.id}
        name={montage.name}
        version={montage.version}
        curve={{ name: montage.curveName, points: montage.curvePoints }}
        tempoUnit={montage.mode === 'run' ? 'spm' : 'BPM'}
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
            spotifyId: e.track.spotifyId,
          },
          intervals: e.intervals.map(({ offsetMs, durationMs, kind, exercise, intensity, cue }) => ({ offsetMs, durationMs, kind, exercise, intensity, cue })),
          side: montage.mode === 'versus' ? versusSideOf(e.intervals) : null,
        }))}
      />
      {untimed.length > 0 && (
        <p className="text-sm text-stone-600 dark:text-stone-400">
          Not timed yet, so left out of the workout until its length is known: {untimed.map((t) => `“${t.title}”`).join(', ')}.
        </p>
      )}
      <DeleteMontageButton montageId={montage.id} name={montage.name} />
    </div>
  );
}
