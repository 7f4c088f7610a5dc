import Link from 'next/link';
import { libraryQueryParams, type LibraryQuery } from '@/app/api/library/schema';

/**
 * "Tracks 51–100 of 10,000" ("of about 15,000" when the total is an estimate) with links to the
 * neighbouring pages; the filter stays in each link.
 */
export function LibraryPagination({
  query,
  total,
  isTotalExact = true,
  hasNextPage,
  shown,
  label = 'Library pages',
}: {
  query: LibraryQuery;
  total: number;
  isTotalExact?: boolean;
  hasNextPage: boolean;
  /** Tracks on this page. */
  shown: number;
  label?: string;
}) {
  const about = isTotalExact ? '' : 'about ';
  const first = (query.page - 1) * query.pageSize + 1;
  const last = first + shown - 1;
  // An estimate never says fewer tracks than this page shows.
  const count = Math.max(total, last + (hasNextPage ? 1 : 0));
  const pageCount = Math.max(1, Math.ceil(count / query.pageSize));
  const href = (page: number) => {
    const params = libraryQueryParams({ ...query, page });
    const search = params.toString();
    return search === '' ? '/library' : `/library?${search}`;
  };
  return (
    <nav aria-label={label} className="flex flex-wrap items-center justify-between gap-2 text-sm">
      <p data-testid="library-range" className="tabular-nums">
        {shown === 0 ? (query.page === 1 ? 'No track matches.' : 'No track on this page.') : `Tracks ${first.toLocaleString('en')}–${last.toLocaleString('en')} of ${about}${count.toLocaleString('en')}`}
        {shown > 0 && ` · page ${query.page} of ${about}${pageCount.toLocaleString('en')}`}
      </p>
      <div className="flex gap-3">
        {query.page > 1 && (
          <Link href={href(query.page - 1)} rel="prev" className="underline">
            Previous page
          </Link>
        )}
        {hasNextPage && (
          <Link href={href(query.page + 1)} rel="next" className="underline">
            Next page
          </Link>
        )}
      </div>
    </nav>
  );
}
