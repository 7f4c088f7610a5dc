'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { flushSessions, pendingSessions } from '../workout/session-outbox';

/**
 * Sends the sessions this device still keeps (recorded offline, or cut off when a tab closed) and
 * shows them on the page once the server has them.
 */
export function SessionSync() {
  const router = useRouter();
  const [waiting, setWaiting] = useState(0);

  useEffect(() => {
    let isCurrent = true;
    const sync = async () => {
      if (pendingSessions().length === 0) return;
      const left = await flushSessions();
      if (!isCurrent) return;
      setWaiting(left);
      router.refresh();
    };
    void sync();
    const onOnline = () => void sync();
    window.addEventListener('online', onOnline);
    return () => {
      isCurrent = false;
      window.removeEventListener('online', onOnline);
    };
  }, [router]);

  if (waiting === 0) return null;
  return (
    <p role="status" className="rounded border border-amber-300 bg-amber-50 p-2 text-sm">
      {waiting} workout{waiting === 1 ? '' : 's'} recorded on this device will be sent when you are back online.
    </p>
  );
}
