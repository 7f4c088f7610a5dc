import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { listLibraryFilters } from '@/db/queries/library-filters';
import { countLibrary, listLibraryTracks } from '@/db/queries/library-tracks';
import { describeCriteria } from '@/lib/domain/library-filter';
import { describeSaved, savedCriteria } from '@/lib/server/library-criteria';
import { libraryQueryParams, parseLibraryQuery } from '../api/library/schema';
import { ErrorBox } from '../_components/builder/builder-form';
import { LibraryFilterForm } from '../_components/library/library-filter-form';
import { LibraryPagination } from '../_components/library/library-pagination';
import { LibraryTable } from '../_components/library/library-table';
import { SavedFilters } from '../_components/library/saved-filters';
import { TempoLookupButton } from '../_components/library/tempo-lookup-button';
import { pageOwner } from '../_lib/page-owner';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Your library' };

/** The visitor's library, filtered and paged on the server; the URL holds the view. */
export default async function LibraryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const parsed = parseLibraryQuery(await searchParams);
  const db = await getDb();
  const ownerId = await pageOwner(db);
  const query = parsed.ok ? parsed.query : { criteria: { halfDouble: true }, sort: 'title' as const, page: 1, pageSize: 50 };
  const [page, counts, saved] = await Promise.all([
    listLibraryTracks(db, { ownerId, ...query }),
    countLibrary(db, ownerId),
    ownerId ? listLibraryFilters(db, ownerId) : [],
  ]);
  const isFiltered = describeCriteria(query.criteria) !== 'everything';

  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-black">Your library</h1>
        <p className="text-sm text-stone-700 dark:text-stone-300">
          {counts.total.toLocaleString('en')} tracks ({counts.byOrigin.local.toLocaleString('en')} from your files, {counts.byOrigin.spotify.toLocaleString('en')} from
          Spotify, {counts.byOrigin.catalog} from the soundtrack). A tempo range counts half and double time, as a runner&apos;s cadence does: a
          90 BPM song fits 180 steps/min. <Link href="/" className="underline">Build a montage</Link> from all of it or from a saved filter.
        </p>
      </div>
      {!parsed.ok && <ErrorBox message="Part of this address is not a filter Montage understands; showing everything instead." problems={parsed.problems} />}
      <LibraryFilterForm query={query} />
      {counts.missingTempoWithIsrc > 0 && <TempoLookupButton count={counts.missingTempoWithIsrc} />}
      <LibraryPagination query={query} total={page.total} isTotalExact={page.isTotalExact} hasNextPage={page.hasNextPage} shown={page.tracks.length} />
      <LibraryTable
        key={libraryQueryParams(query).toString()}
        rows={page.tracks.map(({ id, title, artist, durationMs, origin, isrc, bpm, tempoSource, tempoSourceNote, tempoQuestionBpm }) => ({
          id,
          title,
          artist,
          durationMs,
          origin,
          isrc,
          bpm,
          tempoSource,
          tempoSourceNote,
          tempoQuestionBpm,
        }))}
      />
      <LibraryPagination query={query} total={page.total} isTotalExact={page.isTotalExact} hasNextPage={page.hasNextPage} shown={page.tracks.length} label="Library pages, again" />
      <SavedFilters
        criteria={query.criteria}
        isFiltered={isFiltered}
        items={saved.map((row) => {
          const criteria = savedCriteria(row);
          return { id: row.id, name: row.name, description: describeSaved(row), href: criteria ? `/library?${libraryQueryParams({ criteria }).toString()}` : null };
        })}
      />
    </div>
  );
}
