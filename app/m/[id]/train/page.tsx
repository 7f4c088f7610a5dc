import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { getMontageForOwner } from '@/db/queries/montages';
import { buildTimeline } from '@/lib/domain/timeline';
import { isUuid } from '@/lib/server/http';
import { FollowAlong } from '../../../_components/follow-along';
import { pageOwner } from '../../../_lib/page-owner';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Workout' };

export default async function TrainPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const db = await getDb();
  const ownerId = await pageOwner(db);
  const montage = ownerId && isUuid(id) ? await getMontageForOwner(db, id, ownerId) : null;
  if (!montage) notFound();
  return <FollowAlong title={montage.name} steps={buildTimeline(montage.entries)} backHref={`/m/${montage.id}`} />;
}
