import Link from 'next/link';
import type { LibraryCounts } from '@/db/queries/library-tracks';

/** How big the visitor's library is, with a way into it: counts only, whatever its size. */
export function LibrarySummary({ counts }: { counts: LibraryCounts }) {
  const own = counts.byOrigin.local + counts.byOrigin.spotify;
  return (
    <section aria-labelledby="library-summary-heading" className="space-y-1">
      <h2 id="library-summary-heading" className="text-xl font-bold">
        Your library
      </h2>
      <p className="text-sm text-stone-700 dark:text-stone-300" data-testid="library-counts">
        {counts.total.toLocaleString('en')} tracks: {counts.byOrigin.catalog} from the soundtrack, {counts.byOrigin.local.toLocaleString('en')} from your
        files, {counts.byOrigin.spotify.toLocaleString('en')} from Spotify; {counts.tempoUnknown.toLocaleString('en')} of unknown tempo.
      </p>
      <p>
        <Link href="/library" className="font-semibold underline">
          {own > 0 ? 'Browse your library by tempo' : 'Browse the library by tempo'}
        </Link>
      </p>
    </section>
  );
}
