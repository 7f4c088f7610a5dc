import type { EntryView } from '@/db/queries/montages';
import type { FollowAlongEntry } from '../_components/workout/follow-along';

/** Where each track sits on the workout clock, and where its music can come from. */
export function followAlongEntries(entries: readonly EntryView[]): FollowAlongEntry[] {
  return entries.map((e) => ({ trackId: e.track.id, startMs: e.startMs, durationMs: e.track.durationMs ?? 0, spotifyId: e.track.spotifyId }));
}
