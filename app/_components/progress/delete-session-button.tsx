'use client';

import { useRouter } from 'next/navigation';
import { apiRequest } from '../api';
import { ConfirmButton } from '../confirm-button';

/** Deletes a recorded session after one confirmation. */
export function DeleteSessionButton({ sessionId, label }: { sessionId: string; label: string }) {
  const router = useRouter();
  return (
    <ConfirmButton
      variant="inline"
      label="Delete"
      accessibleLabel={`Delete the session ${label}`}
      question="Delete this session?"
      confirmLabel="Yes, delete"
      busyLabel="Deleting…"
      cancelLabel="Keep"
      groupLabel="Confirm deletion"
      onConfirm={async () => {
        const result = await apiRequest(`/api/sessions/${sessionId}`, 'DELETE');
        if (!result.ok) return result.error.message;
        router.refresh();
        return null;
      }}
    />
  );
}
