export interface PoolSourceOption {
  /** A saved filter or set's id. */
  id: string;
  name: string;
  description: string;
}

/** "Draw from": everything, or one of the visitor's saved filters and sets. Hidden when there are none. */
export function PoolSourceSelect({ options, value, onChange }: { options: PoolSourceOption[]; value: string; onChange: (value: string) => void }) {
  if (options.length === 0) return null;
  return (
    <label className="flex flex-wrap items-center gap-2">
      Draw from
      <select name="filterId" value={value} onChange={(e) => onChange(e.target.value)} className="rounded border border-stone-300 px-2 py-1 dark:border-stone-600">
        <option value="">everything in your library</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name} ({o.description})
          </option>
        ))}
      </select>
      <span className="text-sm text-stone-600 dark:text-stone-400">The soundtrack&apos;s anchors join whatever you choose.</span>
    </label>
  );
}
