'use client';

/** Opens the browser's print dialog for the card. */
export function PrintButton() {
  return (
    <button type="button" onClick={() => window.print()} className="rounded bg-stone-900 px-3 py-1.5 font-semibold text-white">
      Print the card
    </button>
  );
}
