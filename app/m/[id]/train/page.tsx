import type { Metadata } from 'next';
import { isSpotifyConfigured } from '@/lib/server/auth';
import { env } from '@/lib/server/env';
import { FollowAlong } from '../../../_components/workout/follow-along';
import { followAlongEntries, followAlongTimeline } from '../../../_lib/follow-along-entries';
import { OfflineReady } from '../../../_components/workout/offline-ready';
import { ownMontageOrNotFound } from '../../../_lib/page-owner';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { montage } = await ownMontageOrNotFound((await params).id);
  return { title: `Workout: ${montage.name}`, robots: { index: false } };
}

export default async function TrainPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { montage } = await ownMontageOrNotFound(id);
  return (
    <div className="space-y-4">
      <FollowAlong
        title={montage.name}
        timeline={followAlongTimeline(montage.entries)}
        backHref={`/m/${montage.id}`}
        entries={followAlongEntries(montage.entries)}
        spotifyEmbedBaseUrl={env.SPOTIFY_EMBED_BASE_URL}
        canFollowSpotifyApp={isSpotifyConfigured()}
        montageId={montage.id}
        session={{ id: montage.id, name: montage.name, mode: montage.mode, version: montage.version }}
      />
      <OfflineReady isEnabled={env.NODE_ENV === 'production'} />
    </div>
  );
}
