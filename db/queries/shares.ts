import { and, eq, isNull } from 'drizzle-orm';
import { notFound } from '../../lib/server/errors';
import type { Database, Transaction } from '../client';
import { montages, shareLinks } from '../schema';
import { createMontage, getMontageById, type MontageView } from './montages';

export interface ShareParams {
  montageId: string;
  ownerId: string;
}

async function assertOwned(tx: Transaction, params: ShareParams): Promise<void> {
  const [owned] = await tx
    .select({ id: montages.id })
    .from(montages)
    .where(and(eq(montages.id, params.montageId), eq(montages.ownerId, params.ownerId)));
  if (!owned) throw notFound('Montage');
}

/** The montage's active share token, creating one with `newToken` if it has none. */
export async function ensureShareLink(db: Database, params: ShareParams & { newToken: string }): Promise<string> {
  return db.transaction(async (tx) => {
    await assertOwned(tx, params);
    await tx.insert(shareLinks).values({ token: params.newToken, montageId: params.montageId }).onConflictDoNothing();
    const [active] = await tx
      .select({ token: shareLinks.token })
      .from(shareLinks)
      .where(and(eq(shareLinks.montageId, params.montageId), isNull(shareLinks.revokedAt)));
    return active!.token;
  });
}

/** Revokes every active link of the montage; returns how many were revoked. */
export async function revokeShareLinks(db: Database, params: ShareParams): Promise<number> {
  return db.transaction(async (tx) => {
    await assertOwned(tx, params);
    const revoked = await tx
      .update(shareLinks)
      .set({ revokedAt: new Date() })
      .where(and(eq(shareLinks.montageId, params.montageId), isNull(shareLinks.revokedAt)))
      .returning({ token: shareLinks.token });
    return revoked.length;
  });
}

/** The montage behind an active share token, or null for an unknown or revoked token. */
export async function getMontageByShareToken(db: Database, token: string): Promise<MontageView | null> {
  const [link] = await db
    .select({ montageId: shareLinks.montageId })
    .from(shareLinks)
    .where(and(eq(shareLinks.token, token), isNull(shareLinks.revokedAt)));
  return link ? getMontageById(db, link.montageId) : null;
}

/**
 * Copies a shared montage, with its tracks and intervals, into the owner's montages. The owner is
 * asked for only once the link is known to be live, so an unknown token makes no owner.
 */
export async function copySharedMontage(db: Database, token: string, owner: () => Promise<string>): Promise<string> {
  const source = await getMontageByShareToken(db, token);
  if (!source) throw notFound('Shared montage');
  return createMontage(db, {
    ownerId: await owner(),
    name: `${source.name} (copy)`.slice(0, 80),
    mode: source.mode,
    lengthMin: source.lengthMin,
    cadenceSpm: source.cadenceSpm,
    hiitWorkSec: source.hiitWorkSec,
    hiitRestSec: source.hiitRestSec,
    curveName: source.curveName,
    curvePoints: source.curvePoints,
    soundtrackShare: source.soundtrackShare,
    soundtrackLeftOut: source.soundtrackLeftOut,
    // What the sharer set by hand (tracks no catalog knows) goes with the copy.
    ownTempos: source.entries.flatMap(({ track }) =>
      track.bpm !== null && (track.tempoSource === 'manual' || track.tempoSource === 'tap')
        ? [{ trackId: track.id, bpm: track.bpm, source: track.tempoSource, sourceNote: 'copied from a shared montage' }]
        : [],
    ),
    entries: source.entries.map((e) => ({
      trackId: e.track.id,
      multiplier: e.multiplier,
      intervals: e.intervals.map(({ offsetMs, durationMs, kind, exercise, intensity, cue }) => ({
        offsetMs,
        durationMs,
        kind,
        exercise,
        intensity,
        cue,
      })),
    })),
  });
}

/** Which montages' links: one montage, one owner's montages, or every montage. */
export type ShareScope = { montageId: string } | { ownerId: string } | 'all';

/** The active share tokens in `scope` (the links whose public pages may be cached). */
export async function listActiveShareTokens(db: Database, scope: ShareScope): Promise<string[]> {
  const active = isNull(shareLinks.revokedAt);
  const where =
    scope === 'all' ? active : 'montageId' in scope ? and(active, eq(shareLinks.montageId, scope.montageId)) : and(active, eq(montages.ownerId, scope.ownerId));
  const rows = await db.select({ token: shareLinks.token }).from(shareLinks).innerJoin(montages, eq(montages.id, shareLinks.montageId)).where(where);
  return rows.map((r) => r.token);
}
