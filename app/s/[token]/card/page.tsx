import type { Metadata } from 'next';
import { MontageCard } from '../../../_components/card/montage-card';
import { sharedMontageOrNotFound } from '../../../_lib/page-owner';
import { shareUrlFor } from '../../../_lib/share-url';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Montage card', referrer: 'no-referrer' };

export default async function SharedCardPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const montage = await sharedMontageOrNotFound(token);
  return <MontageCard montage={montage} shareUrl={await shareUrlFor(token)} />;
}
