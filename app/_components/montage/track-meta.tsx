import { formatDuration } from '@/lib/domain/tempo';
import type { Multiplier, TempoSource } from '@/lib/domain/types';
import { multiplierLabel, tempoLabel, type Viewer } from '../../_lib/format';

export interface TrackMetaProps {
  track: { artist: string; durationMs: number | null; bpm: number | null; tempoSource: TempoSource | null; spotifyId?: string | null };
  multiplier: Multiplier;
  viewer?: Viewer;
}

/** "Artist · 3:51 · 98.1 BPM · catalog fact · double time ×2": what a track is and how it plays. */
export function TrackMeta({ track, multiplier, viewer = 'owner' }: TrackMetaProps) {
  const length = track.durationMs === null ? 'not timed yet' : formatDuration(track.durationMs);
  const timing = track.bpm !== null && multiplier !== 1 ? ` · ${multiplierLabel(multiplier)}` : '';
  return (
    <p className="track-meta">
      {`${track.artist} · ${length} · `}
      <span data-testid="tempo">{tempoLabel(track.bpm, track.tempoSource, viewer)}</span>
      {track.spotifyId ? `${timing} · ` : timing}
      {track.spotifyId && (
        <a href={`https://open.spotify.com/track/${track.spotifyId}`} rel="noreferrer" target="_blank">
          Listen on Spotify
        </a>
      )}
    </p>
  );
}
