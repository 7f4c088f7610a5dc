'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { LibraryCriteria } from '@/lib/domain/library-filter';
import { apiRequest } from '../api';
import { ErrorBox } from '../builder/builder-form';

export interface SavedFilterItem {
  id: string;
  name: string;
  /** What it holds, in words ("160–180 BPM …" or "12 picked tracks"). */
  description: string;
  /** The library view it stands for (a filter), or null for a hand-picked set. */
  href: string | null;
}

/** Saves the filter on screen under a name, and lists the saved ones (open, delete). */
export function SavedFilters({ criteria, items, isFiltered }: { criteria: LibraryCriteria; items: SavedFilterItem[]; isFiltered: boolean }) {
  const router = useRouter();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    const result = await apiRequest('/api/library/filters', 'POST', { kind: 'filter', name, criteria });
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setName('');
    router.refresh();
  }

  async function remove(item: SavedFilterItem) {
    setError(null);
    const result = await apiRequest(`/api/library/filters/${item.id}`, 'DELETE');
    if (!result.ok) setError(result.error.message);
    router.refresh();
  }

  return (
    <section aria-labelledby="saved-filters-heading" className="space-y-2 text-sm">
      <h2 id="saved-filters-heading" className="text-lg font-bold">
        Saved filters and sets
      </h2>
      {isFiltered && (
        <form onSubmit={save} className="flex flex-wrap items-center gap-2">
          <label htmlFor="filter-name">Save this filter as</label>
          <input id="filter-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={80} className="rounded border border-stone-300 px-2 py-1 dark:border-stone-600" />
          <button type="submit" disabled={name.trim() === ''} className="rounded border border-stone-400 px-3 py-1 disabled:opacity-50 dark:border-stone-500">
            Save filter
          </button>
        </form>
      )}
      {error && <ErrorBox message={error} />}
      {items.length === 0 ? (
        <p className="text-stone-600 dark:text-stone-400">None yet. A saved filter or set can be chosen in the builder as what a montage draws from.</p>
      ) : (
        <ul className="divide-y divide-stone-200 rounded border border-stone-200 bg-white dark:border-stone-700 dark:bg-stone-900" aria-label="Saved filters and sets">
          {items.map((item) => (
            <li key={item.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
              <span>
                {item.href ? (
                  <Link href={item.href} className="font-medium underline">
                    {item.name}
                  </Link>
                ) : (
                  <span className="font-medium">{item.name}</span>
                )}{' '}
                <span className="text-stone-600 dark:text-stone-400">— {item.description}</span>
              </span>
              <button type="button" className="underline" aria-label={`Delete ${item.name}`} onClick={() => void remove(item)}>
                delete
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
