import { and, eq } from 'drizzle-orm';
import type { Multiplier, PlannedInterval } from '../../lib/domain/types';
import { notFound } from '../../lib/server/errors';
import type { Database } from '../client';
import { intervals, montageEntries } from '../schema';
import { bumpVersion } from './montages';

export interface SwapEntryChange {
  montageId: string;
  ownerId: string;
  /** The version the client last saw; a different current version refuses the swap (409). */
  version: number;
  entryId: string;
  trackId: string;
  multiplier: Multiplier;
  /** The swapped entry's new plan; the caller has checked it covers the new track. */
  intervals: PlannedInterval[];
}

/**
 * Puts `trackId` in the place of one entry, with its multiplier and intervals, in one transaction
 * with the version bump: nothing is written on a stale version or an unknown entry. The later
 * entries' start times follow from the new length (they are derived from the order).
 */
export async function swapEntryTrack(db: Database, change: SwapEntryChange): Promise<number> {
  return db.transaction(async (tx) => {
    const version = await bumpVersion(tx, change);
    const [entry] = await tx
      .update(montageEntries)
      .set({ trackId: change.trackId, multiplier: change.multiplier })
      .where(and(eq(montageEntries.id, change.entryId), eq(montageEntries.montageId, change.montageId)))
      .returning({ id: montageEntries.id });
    if (!entry) throw notFound('Track entry');
    await tx.delete(intervals).where(eq(intervals.entryId, change.entryId));
    await tx.insert(intervals).values(change.intervals.map((i, position) => ({ entryId: change.entryId, position, ...i })));
    return version;
  });
}
