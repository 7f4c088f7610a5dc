import type { Metadata } from 'next';
import Link from 'next/link';
import { packIntervals } from '@/lib/domain/packed-intervals';
import { CopyMontageButton } from '../../_components/share/copy-montage-button';
import { MontageSummary } from '../../_components/montage/montage-summary';
import { MontageTempoChart } from '../../_components/montage/montage-tempo-chart';
import { SharedTrackList } from '../../_components/share/shared-track-list';
import { previewSummary } from '../../_lib/montage-preview';
import { publicBaseUrl, sharedMontageOrNotFound } from '../../_lib/page-owner';

// Rendered on the first view of each link, then served from Next's cache until the montage or
// the link changes (lib/server/shared-cache.ts expires it). Reads no cookie and no header.
export const dynamicParams = true;
export const revalidate = false;
export async function generateStaticParams(): Promise<{ token: string }[]> {
  return [];
}

/** A shared link previews as the montage itself (its name, length and tempo curve), and stays out of search indexes. */
export async function generateMetadata({ params }: { params: Promise<{ token: string }> }): Promise<Metadata> {
  const { token } = await params;
  const montage = await sharedMontageOrNotFound(token);
  const base = publicBaseUrl();
  const description = `A Rocky IV workout: ${previewSummary(montage)}, tempo-ordered with timed intervals.`;
  const image = { url: `${base}/s/${token}/og`, width: 1200, height: 630, alt: `${montage.name}: tempo over time` };
  return {
    title: montage.name,
    description,
    referrer: 'no-referrer',
    robots: { index: false, follow: false },
    openGraph: { type: 'website', title: montage.name, description, url: `${base}/s/${token}`, siteName: 'Montage', images: [image] },
    // Twitter/X reads the title and description from Open Graph; only the card kind and image are its own.
    twitter: { card: 'summary_large_image', images: [image.url] },
  };
}

export default async function SharedMontagePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const montage = await sharedMontageOrNotFound(token);

  return (
    <div className="space-y-5">
      <p className="text-sm text-stone-600 dark:text-stone-400">A montage shared with you (read-only)</p>
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
      <p className="text-sm">
        <a href={`/api/share/${token}/fit`} download className="underline">
          Download for your watch (.fit workout)
        </a>
        {' · '}
        <Link href={`/s/${token}/card`} className="underline">
          Printable card (dark workout)
        </Link>
      </p>
      <MontageTempoChart montage={montage} />
      <SharedTrackList
        tracks={montage.entries.map(({ startMs, multiplier, track: { title, artist, durationMs, bpm, tempoSource, spotifyId } }) => ({
          title,
          artist,
          durationMs,
          bpm,
          tempoSource,
          spotifyId,
          multiplier,
          startMs,
        }))}
        intervals={packIntervals(montage.entries.map((entry) => entry.intervals))}
        isVersus={montage.mode === 'versus'}
      />
    </div>
  );
}
