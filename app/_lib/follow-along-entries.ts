import type { EntryView } from '@/db/queries/montages';
import type { TimelineInput } from '@/lib/domain/timeline';
import type { FollowAlongEntry } from '../_components/workout/follow-along';

/** Where each track sits on the workout clock, and where its music can come from. */
export function followAlongEntries(entries: readonly EntryView[]): FollowAlongEntry[] {
  return entries.map((e) => ({ trackId: e.track.id, startMs: e.startMs, durationMs: e.track.durationMs ?? 0, spotifyId: e.track.spotifyId }));
}

/** What the workout page needs to lay the intervals on its clock: no ids, sources or tempos. */
export function followAlongTimeline(entries: readonly EntryView[]): TimelineInput[] {
  return entries.map((e) => ({
    track: { title: e.track.title, artist: e.track.artist, durationMs: e.track.durationMs },
    intervals: e.intervals.map(({ offsetMs, durationMs, kind, exercise, intensity, cue }) => ({ offsetMs, durationMs, kind, exercise, intensity, cue })),
  }));
}
