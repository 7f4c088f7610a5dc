import { and, eq, inArray } from 'drizzle-orm';
import type { Database, Transaction } from '../client';
import { tempoLookups, trackTempos } from '../schema';

export type TempoLookupProvider = (typeof tempoLookups.$inferSelect)['provider'];

export interface CachedTempoLookup {
  isrc: string;
  /** Null: the provider does not know this recording's tempo. */
  bpm: number | null;
  providerTrackId: string | null;
  fetchedAt: Date;
}

/** What `provider` already answered for these ISRCs, by ISRC. */
export async function getCachedTempoLookups(db: Database, provider: TempoLookupProvider, isrcs: readonly string[]): Promise<Map<string, CachedTempoLookup>> {
  if (isrcs.length === 0) return new Map();
  const rows = await db
    .select()
    .from(tempoLookups)
    .where(and(eq(tempoLookups.provider, provider), inArray(tempoLookups.isrc, [...isrcs])));
  return new Map(rows.map((r) => [r.isrc, { isrc: r.isrc, bpm: r.bpm, providerTrackId: r.providerTrackId, fetchedAt: r.fetchedAt }]));
}

/** Tempos outside what `track_tempos` accepts are cached but never used. */
export const USABLE_BPM = { min: 30, max: 300 } as const;

export function isUsableBpm(bpm: number | null): bpm is number {
  return bpm !== null && bpm >= USABLE_BPM.min && bpm <= USABLE_BPM.max;
}

export interface RecordTempoLookupParams {
  provider: TempoLookupProvider;
  isrc: string;
  bpm: number | null;
  providerTrackId: string | null;
  /** Tracks with this ISRC that get the tempo as a shared 'lookup' value. */
  trackIds: readonly string[];
  /** Source note of those tempo rows, e.g. "Deezer track 3135556, bpm by ISRC". */
  note: string;
}

/** Caches a provider's answer for an ISRC and gives a usable tempo to its tracks, in one transaction. */
export async function recordTempoLookup(db: Database, params: RecordTempoLookupParams): Promise<void> {
  const values = { bpm: params.bpm, providerTrackId: params.providerTrackId, fetchedAt: new Date() };
  await db.transaction(async (tx) => {
    await tx
      .insert(tempoLookups)
      .values({ provider: params.provider, isrc: params.isrc, ...values })
      .onConflictDoUpdate({ target: [tempoLookups.provider, tempoLookups.isrc], set: values });
    if (isUsableBpm(params.bpm)) await insertLookupTempos(tx, { trackIds: params.trackIds, bpm: params.bpm, note: params.note });
  });
}

export interface SetLookupTempoParams {
  trackIds: readonly string[];
  bpm: number;
  note: string;
}

/** Stores a looked-up tempo on tracks as a shared 'lookup' value (a public fact, no one's own), in one transaction. */
export async function setLookupTempo(db: Database, params: SetLookupTempoParams): Promise<void> {
  await db.transaction((tx) => insertLookupTempos(tx, params));
}

async function insertLookupTempos(tx: Transaction, params: SetLookupTempoParams): Promise<void> {
  for (const trackId of params.trackIds) {
    await tx
      .insert(trackTempos)
      .values({ trackId, ownerId: null, bpm: params.bpm, source: 'lookup', sourceNote: params.note })
      .onConflictDoUpdate({
        target: [trackTempos.trackId, trackTempos.source, trackTempos.ownerId],
        set: { bpm: params.bpm, sourceNote: params.note, createdAt: new Date() },
      });
  }
}
