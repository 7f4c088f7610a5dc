'use client';

import { useEffect, useRef, useState, type ReactNode } from 'react';

export interface ConfirmButtonProps {
  /** The first button's text ("Delete montage"). */
  label: string;
  /** Its accessible name when the text alone is ambiguous in a list ("Delete the session Mon 3 Nov"). */
  accessibleLabel?: string;
  /** What the second step asks ("Delete “Siberia” for good? Its share link stops working."). */
  question: ReactNode;
  /** The confirming button ("Yes, delete it"), and its text while the action runs ("Deleting…"). */
  confirmLabel: string;
  busyLabel: string;
  /** The button that steps back ("Keep it"). */
  cancelLabel: string;
  /** Names the confirmation group for screen readers ("Confirm deletion"). */
  groupLabel: string;
  /**
   * Runs the action; resolves to an error message to show, or null when it succeeded (the caller
   * navigates or refreshes; the confirmation closes).
   */
  onConfirm: () => Promise<string | null>;
  /** `inline` for a row of a table or list: smaller, an underlined text button. */
  variant?: 'block' | 'inline';
}

/**
 * A destructive action behind a second, explicit click: the first button turns into a question
 * with a confirming and a cancelling button. The keyboard stays put: asking focuses the cancelling
 * button (so Enter twice does nothing harmful) and cancelling returns focus to the first button.
 */
export function ConfirmButton({ label, accessibleLabel, question, confirmLabel, busyLabel, cancelLabel, groupLabel, onConfirm, variant = 'block' }: ConfirmButtonProps) {
  const [isAsking, setIsAsking] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  /** Where focus goes after the next render: set by a user's step, never on the first render. */
  const focusNext = useRef<'trigger' | 'cancel' | null>(null);

  useEffect(() => {
    const target = focusNext.current;
    focusNext.current = null;
    if (target === 'cancel') cancel.current?.focus();
    if (target === 'trigger') trigger.current?.focus();
  }, [isAsking]);

  async function confirm() {
    setIsBusy(true);
    setError(null);
    const failure = await onConfirm();
    setIsBusy(false);
    if (failure === null) setIsAsking(false);
    else setError(failure);
  }

  const isInline = variant === 'inline';
  const pad = isInline ? 'px-2 py-1' : 'min-h-11 px-3 py-1.5';
  return (
    <div className={isInline ? 'inline-flex flex-col gap-1 text-sm' : 'space-y-2 text-sm'}>
      {isAsking ? (
        <p className="flex flex-wrap items-center gap-2" role="group" aria-label={groupLabel}>
          {question}
          <button type="button" onClick={() => void confirm()} disabled={isBusy} className={`rounded bg-red-800 font-semibold text-white disabled:opacity-50 ${pad}`}>
            {isBusy ? busyLabel : confirmLabel}
          </button>
          <button
            type="button"
            ref={cancel}
            onClick={() => {
              focusNext.current = 'trigger';
              setIsAsking(false);
              setError(null);
            }}
            disabled={isBusy}
            className={`rounded border border-stone-400 dark:border-stone-500 ${pad}`}
          >
            {cancelLabel}
          </button>
        </p>
      ) : (
        <button
          type="button"
          ref={trigger}
          onClick={() => {
            focusNext.current = 'cancel';
            setIsAsking(true);
          }}
          aria-label={accessibleLabel}
          className={
            isInline
              ? 'text-left text-sm text-red-900 underline dark:text-red-300'
              : 'min-h-11 rounded border border-red-300 px-3 py-1.5 text-red-900 dark:border-red-800 dark:text-red-200'
          }
        >
          {label}
        </button>
      )}
      {error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
          {error}
        </p>
      )}
    </div>
  );
}
