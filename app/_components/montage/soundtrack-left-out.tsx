import { leftOutLabel, SOUNDTRACK_SHARE_LABELS } from '@/lib/domain/soundtrack-share';
import { MODE_NOUNS } from '@/lib/domain/workout';
import type { PublicMontage } from '@/lib/server/public-montage';

/** The soundtrack's place as chosen, and the soundtrack tracks the build left out, each with the reason. */
export function SoundtrackLeftOut({ montage }: { montage: Pick<PublicMontage, 'mode' | 'soundtrackShare' | 'soundtrackLeftOut'> }) {
  const noun = MODE_NOUNS[montage.mode];
  return (
    <section aria-labelledby="soundtrack-heading" className="text-sm text-stone-700 dark:text-stone-300">
      <h2 id="soundtrack-heading" className="font-semibold">
        Rocky IV tracks: {SOUNDTRACK_SHARE_LABELS[montage.soundtrackShare]}
      </h2>
      {montage.soundtrackLeftOut.length > 0 && (
        <ul className="mt-1 list-disc pl-5" aria-label="Soundtrack tracks left out">
          {montage.soundtrackLeftOut.map((track) => (
            <li key={track.trackId}>{leftOutLabel(track, noun)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
