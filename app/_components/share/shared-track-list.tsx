'use client';

import { unpackIntervals, type PackedIntervals } from '@/lib/domain/packed-intervals';
import { formatDuration } from '@/lib/domain/tempo';
import type { Multiplier } from '@/lib/domain/types';
import { versusSideOf } from '@/lib/domain/versus-side';
import { IntervalList } from '../montage/interval-list';
import { TrackMeta, type TrackMetaProps } from '../montage/track-meta';

/** What the list shows of a track: its title, what `TrackMeta` shows, and its place in the montage. */
export type SharedTrack = TrackMetaProps['track'] & {
  title: string;
  multiplier: Multiplier;
  /** Where the track starts in the montage. */
  startMs: number;
};

/**
 * A shared montage's tracks in order, each with its intervals. A client component although it
 * keeps no state: rendered on the server, the App Router sends a list twice, as HTML and as the
 * element tree in the RSC payload; as a client component the payload holds its props instead, and
 * packed intervals (each exercise and cue once) are a third of that tree. Measured on a 12-track
 * circuit: the page 51 KB → 37 KB, and with it the share page's throughput (`npm run bench:share`).
 */
export function SharedTrackList({ tracks, intervals, isVersus = false }: { tracks: SharedTrack[]; intervals: PackedIntervals; isVersus?: boolean }) {
  const intervalsByTrack = unpackIntervals(intervals);
  // Rocky vs Drago: each track's side, read from its stations here rather than sent again.
  const sideOf = (index: number) => (isVersus ? versusSideOf(intervalsByTrack[index] ?? []) : null);
  return (
    <ol className="space-y-3" aria-label="Tracks in order">
      {tracks.map((track, index) => (
        <li key={index} className="track-card">
          <p className="track-at">
            {`${index + 1}. at ${formatDuration(track.startMs)}`}
            {sideOf(index) && <span data-testid="versus-side">{` · ${sideOf(index)}’s side`}</span>}
          </p>
          <h2>{track.title}</h2>
          <TrackMeta track={track} multiplier={track.multiplier} viewer="guest" />
          <IntervalList intervals={intervalsByTrack[index] ?? []} />
        </li>
      ))}
    </ol>
  );
}
