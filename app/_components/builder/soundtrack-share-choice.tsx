import { SOUNDTRACK_SHARE_LABELS, SOUNDTRACK_SHARES, type SoundtrackShare } from '@/lib/domain/soundtrack-share';

const HINTS: Record<SoundtrackShare, string> = {
  fit: 'only where their tempo fits the workout (a Run: the walks); the rest are listed with the reason',
  all: 'every one, fitting or not, as in the film',
  none: 'your own tracks only',
};

/** "Rocky IV tracks: where they fit · all of them · none": the soundtrack's place in the montage. */
export function SoundtrackShareChoice({ value, onChange }: { value: SoundtrackShare; onChange: (value: SoundtrackShare) => void }) {
  return (
    <fieldset>
      <legend className="mb-1 font-semibold">Rocky IV tracks</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {SOUNDTRACK_SHARES.map((share) => (
          <label key={share} className="flex items-center gap-1" title={HINTS[share]}>
            <input type="radio" name="soundtrack" value={share} checked={value === share} onChange={() => onChange(share)} />
            {SOUNDTRACK_SHARE_LABELS[share]}
          </label>
        ))}
      </div>
      <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">{HINTS[value]}</p>
    </fieldset>
  );
}
