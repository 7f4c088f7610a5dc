import { TEMPO_SOURCE_LABELS } from '@/lib/domain/tempo-provenance';
import { TEMPO_SOURCE_FILTERS, TRACK_ORIGINS, type TempoSourceFilter, type TrackOrigin } from '@/lib/domain/library-filter';
import type { LibraryQuery } from '@/app/api/library/schema';

const SOURCE_LABELS: Record<TempoSourceFilter, string> = { ...TEMPO_SOURCE_LABELS, unknown: 'tempo unknown' };
export const ORIGIN_LABELS: Record<TrackOrigin, string> = { catalog: 'the soundtrack', spotify: 'Spotify', local: 'your files' };

/**
 * The library's filter as a plain GET form: applying it changes the URL, so any view can be
 * bookmarked or shared, and it works before any script has loaded.
 */
export function LibraryFilterForm({ query }: { query: LibraryQuery }) {
  const c = query.criteria;
  return (
    <form method="get" action="/library" className="space-y-3 rounded-lg border border-stone-200 bg-white p-4 dark:border-stone-700 dark:bg-stone-900" aria-label="Filter the library">
      <div className="flex flex-wrap items-end gap-4">
        <label className="flex flex-col text-sm">
          <span className="font-semibold">Title or artist</span>
          <input
            type="search"
            name="q"
            defaultValue={c.q ?? ''}
            maxLength={100}
            aria-describedby="library-search-hint"
            className="rounded border border-stone-300 px-2 py-1 dark:border-stone-600"
          />
          <span id="library-search-hint" className="text-xs text-stone-600 dark:text-stone-400">
            One or two letters find titles and artists that start with them.
          </span>
        </label>
        <label className="flex flex-col text-sm">
          <span className="font-semibold">Tempo from</span>
          <input type="number" name="min" min={30} max={300} defaultValue={c.minTempo ?? ''} className="w-24 rounded border border-stone-300 px-2 py-1 dark:border-stone-600" />
        </label>
        <label className="flex flex-col text-sm">
          <span className="font-semibold">Tempo to</span>
          <input type="number" name="max" min={30} max={300} defaultValue={c.maxTempo ?? ''} className="w-24 rounded border border-stone-300 px-2 py-1 dark:border-stone-600" />
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="exact" value="1" defaultChecked={!c.halfDouble} />
          Exact tempo only (no half/double time)
        </label>
        <label className="flex flex-col text-sm">
          <span className="font-semibold">Sort by</span>
          <select name="sort" defaultValue={query.sort} className="rounded border border-stone-300 px-2 py-1 dark:border-stone-600">
            <option value="title">Title</option>
            <option value="artist">Artist</option>
            <option value="tempo">Tempo, slowest first</option>
            <option value="-tempo">Tempo, fastest first</option>
          </select>
        </label>
      </div>
      <fieldset className="flex flex-wrap gap-3 text-sm">
        <legend className="font-semibold">Tempo from</legend>
        {TEMPO_SOURCE_FILTERS.map((s) => (
          <label key={s} className="flex items-center gap-1">
            <input type="checkbox" name="source" value={s} defaultChecked={c.sources?.includes(s) ?? false} />
            {SOURCE_LABELS[s]}
          </label>
        ))}
      </fieldset>
      <fieldset className="flex flex-wrap gap-3 text-sm">
        <legend className="font-semibold">Tracks from</legend>
        {TRACK_ORIGINS.map((o) => (
          <label key={o} className="flex items-center gap-1">
            <input type="checkbox" name="origin" value={o} defaultChecked={c.origins?.includes(o) ?? false} />
            {ORIGIN_LABELS[o]}
          </label>
        ))}
      </fieldset>
      {query.pageSize !== 50 && <input type="hidden" name="pageSize" value={query.pageSize} />}
      <div className="flex gap-3">
        <button type="submit" className="rounded bg-stone-900 px-4 py-1.5 font-semibold text-white">
          Apply filter
        </button>
        <a href="/library" className="self-center text-sm underline">
          Clear
        </a>
      </div>
    </form>
  );
}
