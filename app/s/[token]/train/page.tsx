import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { buildTimeline } from '@/lib/domain/timeline';
import { getSharedMontage } from '@/lib/server/shared-cache';
import { FollowAlong } from '../../../_components/follow-along';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Workout', referrer: 'no-referrer' };

export default async function SharedTrainPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const montage = token.length <= 100 ? await getSharedMontage(await getDb(), token) : null;
  if (!montage) notFound();
  return <FollowAlong title={montage.name} steps={buildTimeline(montage.entries)} backHref={`/s/${token}`} />;
}
