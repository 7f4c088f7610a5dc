'use client';

import { useRouter } from 'next/navigation';
import { apiRequest } from '../api';
import { ConfirmButton } from '../confirm-button';

/** Deletes the montage after a second, explicit click (its share link stops working too). */
export function DeleteMontageButton({ montageId, name }: { montageId: string; name: string }) {
  const router = useRouter();
  return (
    <ConfirmButton
      label="Delete montage"
      question={<>Delete “{name}” for good? Its share link stops working.</>}
      confirmLabel="Yes, delete it"
      busyLabel="Deleting…"
      cancelLabel="Keep it"
      groupLabel="Confirm deletion"
      onConfirm={async () => {
        const result = await apiRequest(`/api/montages/${montageId}`, 'DELETE');
        if (!result.ok) return result.error.message;
        router.push('/');
        router.refresh();
        return null;
      }}
    />
  );
}
