import type { Metadata } from 'next';
import { getDb } from '@/db/client';
import { getProgress } from '@/db/queries/progress';
import { ProgressView } from '../_components/progress/progress-view';
import { SessionSync } from '../_components/progress/session-sync';
import { pageOwner } from '../_lib/page-owner';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Progress' };

const EMPTY = { weeks: [], completed: 0, abandoned: 0, totalActiveMs: 0, entries: [], recent: [] };

/** The visitor's workouts at a glance: streak, minutes per week, completed vs abandoned, logged exercises. */
export default async function ProgressPage() {
  const db = await getDb();
  const ownerId = await pageOwner(db);
  const data = ownerId ? await getProgress(db, ownerId) : EMPTY;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-black">Your progress</h1>
      <SessionSync />
      <ProgressView data={data} today={new Date()} />
    </div>
  );
}
