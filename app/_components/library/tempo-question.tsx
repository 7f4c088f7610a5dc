'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { questionLabel } from '@/lib/domain/tempo-confidence';
import { apiRequest } from '../api';

/**
 * A detected tempo the detector is unsure of, asked as a question ("≈ 113 BPM? tap to check")
 * with a button that confirms it as the owner's own value. Until then the track's tempo is
 * unknown to the sequencer; tapping or typing another value answers the question too.
 */
export function TempoQuestion({ trackId, title, questionBpm }: { trackId: string; title: string; questionBpm: number }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const bpm = Math.round(questionBpm * 10) / 10;

  async function confirm() {
    setIsSaving(true);
    setError(null);
    // previousBpm null: the tempo the owner sees is unknown until they answer.
    const result = await apiRequest(`/api/tracks/${encodeURIComponent(trackId)}/tempo`, 'PUT', { bpm, source: 'manual', previousBpm: null });
    setIsSaving(false);
    if (result.ok) router.refresh();
    else setError(result.error.message);
  }

  return (
    <span>
      <span data-testid="tempo">{questionLabel(questionBpm)}</span>{' '}
      <button type="button" className="ml-1 underline" disabled={isSaving} aria-label={`Confirm ${bpm} BPM for ${title}`} onClick={() => void confirm()}>
        yes, {bpm}
      </button>
      {error !== null && (
        <span role="alert" className="block text-red-700 dark:text-red-400">
          {error}
        </span>
      )}
    </span>
  );
}
