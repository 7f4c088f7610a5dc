import Link from 'next/link';
import { getDb } from '@/db/client';
import { listMontagesByOwner } from '@/db/queries/montages';
import { listLibraryFilters } from '@/db/queries/library-filters';
import { describeSaved } from '@/lib/server/library-criteria';
import { countLibrary, listRecentLocalTracks } from '@/db/queries/library-tracks';
import { listCatalogTracks } from '@/db/queries/tracks';
import { formatDuration } from '@/lib/domain/tempo';
import { MODE_LABELS } from '@/lib/domain/workout';
import { BuilderForm } from './_components/builder/builder-form';
import { LibrarySummary } from './_components/library/library-summary';
import { LocalFiles } from './_components/library/local-files';
import { ForgetDeviceButton } from './_components/owner/forget-device-button';
import { TempoLookupButton } from './_components/library/tempo-lookup-button';
import { SpotifyPanel } from './_components/spotify/spotify-panel';
import { tempoLabel } from './_lib/format';
import { pageOwner } from './_lib/page-owner';

export const dynamic = 'force-dynamic';

/** Audio files listed on the home page (the newest); the library page lists them all, by page. */
const RECENT_FILES_SHOWN = 10;

export default async function HomePage() {
  const db = await getDb();
  const ownerId = await pageOwner(db);
  // The page's weight does not grow with the library: counts, the latest few files and a link.
  const [catalog, mine, counts, recentLocal, savedFilters] = await Promise.all([
    listCatalogTracks(db, ownerId),
    ownerId ? listMontagesByOwner(db, ownerId) : [],
    countLibrary(db, ownerId),
    ownerId ? listRecentLocalTracks(db, ownerId, RECENT_FILES_SHOWN) : [],
    ownerId ? listLibraryFilters(db, ownerId) : [],
  ]);
  const timedMs = catalog.reduce((sum, t) => sum + (t.durationMs ?? 0), 0);

  return (
    <div className="space-y-8">
      <section>
        <h1 className="text-3xl font-black uppercase tracking-tight">Train like it&apos;s 1985.</h1>
        <p className="mt-2 max-w-2xl text-stone-700 dark:text-stone-300">
          Montage orders the Rocky IV soundtrack by tempo to fit your workout and pairs every track with a timed interval. No
          account needed.
        </p>
      </section>

      <BuilderForm poolSources={savedFilters.map((f) => ({ id: f.id, name: f.name, description: describeSaved(f) }))} />

      <LocalFiles
        tracks={recentLocal.map(({ id, title, artist, durationMs, bpm, tempoSource, tempoSourceNote, tempoQuestionBpm }) => ({ id, title, artist, durationMs, bpm, tempoSource, tempoSourceNote, tempoQuestionBpm }))}
        totalCount={counts.byOrigin.local}
      />
      <LibrarySummary counts={counts} />
      <TempoLookupButton count={counts.missingTempoWithIsrc} />

      <SpotifyPanel />

      {mine.length > 0 && (
        <section aria-labelledby="mine-heading">
          <h2 id="mine-heading" className="text-xl font-bold">
            Your montages
          </h2>
          <ul className="mt-2 divide-y divide-stone-200 rounded border border-stone-200 bg-white dark:border-stone-700 dark:bg-stone-900">
            {mine.map((m) => (
              <li key={m.id}>
                <Link href={`/m/${m.id}`} className="flex justify-between px-3 py-2 hover:bg-stone-100">
                  <span className="font-medium">{m.name}</span>
                  <span className="text-sm text-stone-500 dark:text-stone-400">
                    {MODE_LABELS[m.mode]} · {m.lengthMin} min
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="catalog-heading">
        <h2 id="catalog-heading" className="text-xl font-bold">
          The soundtrack
        </h2>
        <p className="text-sm text-stone-600 dark:text-stone-400">
          Rocky IV (Original Motion Picture Soundtrack), Scotti Bros. 1985 — {formatDuration(timedMs)} of timed music. Unknown
          values stay unknown until a source gives them.
        </p>
        {/* A region the keyboard can reach and scroll: the table is wider than a phone. */}
        <div className="mt-2 overflow-x-auto" tabIndex={0} role="region" aria-label="Soundtrack table (scrolls sideways)">
          <table className="w-full min-w-[32rem] border-collapse bg-white text-sm dark:bg-stone-900">
            <thead>
              <tr className="border-b border-stone-300 text-left dark:border-stone-600">
                <th scope="col" className="p-2">#</th>
                <th scope="col" className="p-2">Title</th>
                <th scope="col" className="p-2">Artist</th>
                <th scope="col" className="p-2">Length</th>
                <th scope="col" className="p-2">Tempo</th>
              </tr>
            </thead>
            <tbody>
              {catalog.map((t) => (
                <tr key={t.id} className="border-b border-stone-100">
                  <td className="p-2 tabular-nums">{t.catalogNumber}</td>
                  <td className="p-2 font-medium">{t.title}</td>
                  <td className="p-2">{t.artist}</td>
                  <td className="p-2 tabular-nums" title={t.durationSource ?? undefined}>
                    {t.durationMs === null ? <em>not timed yet</em> : formatDuration(t.durationMs)}
                  </td>
                  <td className="p-2" title={t.tempoSourceNote ?? undefined}>
                    {tempoLabel(t.bpm, t.tempoSource)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="mt-1 text-xs text-stone-500 dark:text-stone-400">
          Lengths: LP SZ 40203 (Wikipedia). Tempos: Spotify audio features as published in TidyTuesday 2021-09-14; may be off by
          ×2.
        </p>
      </section>

      {ownerId && (
        <section aria-labelledby="device-heading" className="space-y-2">
          <h2 id="device-heading" className="text-xl font-bold">
            This device
          </h2>
          <p className="text-sm text-stone-600 dark:text-stone-400">
            Montage knows this browser by a cookie, with no account. On a shared or borrowed device, make it forget you.
          </p>
          <ForgetDeviceButton />
        </section>
      )}
    </div>
  );
}
