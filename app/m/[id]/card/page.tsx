import type { Metadata } from 'next';
import { getActiveShareToken } from '@/db/queries/montages';
import { MontageCard } from '../../../_components/card/montage-card';
import { ownMontageOrNotFound } from '../../../_lib/page-owner';
import { shareUrlFor } from '../../../_lib/share-url';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Montage card' };

export default async function MontageCardPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { db, montage } = await ownMontageOrNotFound(id);
  const token = await getActiveShareToken(db, montage.id);
  return <MontageCard montage={montage} shareUrl={token ? await shareUrlFor(token) : null} />;
}
