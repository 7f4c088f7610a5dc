import { getDb } from '@/db/client';
import { removeLocalTrack } from '@/db/queries/tracks';
import { AppError, notFound } from '@/lib/server/errors';
import { handler, json } from '@/lib/server/http';
import { ownerOf } from '@/lib/server/request-owner';
import { isPlausibleId } from '@/lib/server/security/text';

function inUseMessage(ownMontageNames: string[], othersMontages: number): string {
  const places = [
    ...(ownMontageNames.length > 0 ? [`your montage${ownMontageNames.length === 1 ? '' : 's'} ${ownMontageNames.map((n) => `“${n}”`).join(', ')}`] : []),
    ...(othersMontages > 0 ? [`${othersMontages} montage${othersMontages === 1 ? '' : 's'} copied from your shared links`] : []),
  ];
  const advice =
    ownMontageNames.length > 0
      ? `Delete ${ownMontageNames.length === 1 ? 'that montage' : 'those montages'} first`
      : 'Their owners keep it';
  return `This track is still in ${places.join(' and ')}. ${advice}; nothing was removed.`;
}

/** Removes one of the visitor's local tracks (its facts and tempos; the file stays theirs). */
export const DELETE = handler(async (request: Request, context: { params: Promise<{ trackId: string }> }) => {
  const { trackId } = await context.params;
  const db = await getDb();
  // Only an existing owner can have local tracks: a visitor without one is answered 404, and no owner is made.
  const ownerId = await ownerOf(db, request);
  const result = !ownerId || !isPlausibleId(trackId) ? ({ kind: 'not_found' } as const) : await removeLocalTrack(db, { ownerId, trackId });
  if (result.kind === 'not_found') throw notFound('Local track');
  if (result.kind === 'in_use') throw new AppError('conflict', inUseMessage(result.ownMontageNames, result.othersMontages));
  return json({ removed: trackId });
});
