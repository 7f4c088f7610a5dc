import Link from 'next/link';
import { libraryQueryParams, type LibraryQuery } from '@/app/api/library/schema';

/** "Tracks 51–100 of 10,000" with links to the neighbouring pages; the filter stays in each link. */
export function LibraryPagination({ query, total, label = 'Library pages' }: { query: LibraryQuery; total: number; label?: string }) {
  const pageCount = Math.max(1, Math.ceil(total / query.pageSize));
  const first = total === 0 ? 0 : (query.page - 1) * query.pageSize + 1;
  const last = Math.min(total, query.page * query.pageSize);
  const href = (page: number) => {
    const params = libraryQueryParams({ ...query, page });
    const search = params.toString();
    return search === '' ? '/library' : `/library?${search}`;
  };
  return (
    <nav aria-label={label} className="flex flex-wrap items-center justify-between gap-2 text-sm">
      <p data-testid="library-range" className="tabular-nums">
        {total === 0 ? 'No track matches.' : `Tracks ${first.toLocaleString('en')}–${last.toLocaleString('en')} of ${total.toLocaleString('en')}`}
        {total > 0 && ` · page ${query.page} of ${pageCount.toLocaleString('en')}`}
      </p>
      <div className="flex gap-3">
        {query.page > 1 && (
          <Link href={href(query.page - 1)} rel="prev" className="underline">
            Previous page
          </Link>
        )}
        {query.page < pageCount && (
          <Link href={href(query.page + 1)} rel="next" className="underline">
            Next page
          </Link>
        )}
      </div>
    </nav>
  );
}
