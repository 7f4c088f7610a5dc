'use client';

import { useRouter } from 'next/navigation';
import { apiRequest } from '../api';
import { ConfirmButton } from '../confirm-button';
import { forgetOfflinePages } from '../workout/offline-ready';
import { forgetThisDevice } from './forget-device';

/**
 * "Forget this device": ends this browser's owner session on the server (the cookie alone no
 * longer proves anything, even if copied), drops the offline copies of its workout pages, and opens
 * the home page as a new visitor.
 */
export function ForgetDeviceButton() {
  const router = useRouter();
  return (
    <ConfirmButton
      label="Forget this device"
      question="Forget this device? This browser will no longer open your montages, files or progress; share links you made keep working."
      confirmLabel="Yes, forget it"
      busyLabel="Forgetting…"
      cancelLabel="Keep me here"
      groupLabel="Confirm forgetting this device"
      onConfirm={async () => {
        const problem = await forgetThisDevice({ endSession: () => apiRequest('/api/session', 'DELETE'), forgetOfflinePages });
        if (problem) return problem;
        // The page is rendered again with no owner: a new visitor's home page.
        router.replace('/');
        router.refresh();
        return null;
      }}
    />
  );
}
