import type { Metadata } from 'next';
import { isSpotifyConfigured } from '@/lib/server/auth';
import { env } from '@/lib/server/env';
import { FollowAlong } from '../../../_components/workout/follow-along';
import { followAlongEntries, followAlongTimeline } from '../../../_lib/follow-along-entries';
import { OfflineReady } from '../../../_components/workout/offline-ready';
import { sharedMontageOrNotFound } from '../../../_lib/page-owner';

// Rendered on the first view of each link, then served from Next's cache until the montage or
// the link changes (lib/server/shared-cache.ts expires it). Reads no cookie and no header.
export const dynamicParams = true;
export const revalidate = false;
export async function generateStaticParams(): Promise<{ token: string }[]> {
  return [];
}

export async function generateMetadata({ params }: { params: Promise<{ token: string }> }): Promise<Metadata> {
  const { token } = await params;
  const montage = await sharedMontageOrNotFound(token);
  return { title: `Workout: ${montage.name}`, referrer: 'no-referrer', robots: { index: false, follow: false } };
}

export default async function SharedTrainPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const montage = await sharedMontageOrNotFound(token);
  return (
    <div className="space-y-4">
      <FollowAlong
        title={montage.name}
        timeline={followAlongTimeline(montage.entries)}
        backHref={`/s/${token}`}
        entries={followAlongEntries(montage.entries)}
        spotifyEmbedBaseUrl={env.SPOTIFY_EMBED_BASE_URL}
        canFollowSpotifyApp={isSpotifyConfigured()}
        session={{ id: null, name: montage.name, mode: montage.mode, version: montage.version }}
      />
      <OfflineReady isEnabled={env.NODE_ENV === 'production'} />
    </div>
  );
}
