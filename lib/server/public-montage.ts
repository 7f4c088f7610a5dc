import type { MontageView } from '../../db/queries/montages';

export type PublicMontage = Omit<MontageView, 'ownerId'>;

/** What a share link reveals: the montage, never who owns it. */
export function toPublicMontage(montage: MontageView): PublicMontage {
  const { ownerId: _ownerId, ...rest } = montage;
  return rest;
}
