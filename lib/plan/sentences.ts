import type { ChangeField } from './types';

const MINUS = '\u2212';

/** A signed number as shown to a person: "+10", "−5", with at most one decimal. */
export function signed(delta: number): string {
  const abs = Math.round(Math.abs(delta) * 10) / 10;
  return `${delta < 0 ? MINUS : '+'}${abs}`;
}

function plural(count: number, word: string): string {
  return Math.abs(count) === 1 ? word : `${word}s`;
}

/**
 * The one sentence shown for a changed target: the signed change with its unit first, then why
 * ("+10 s per work interval: the last session was finished at effort 6.").
 */
export function changeSentence(change: { field: ChangeField; exercise?: string; from: number; to: number }, because: string): string {
  const delta = change.to - change.from;
  const what = (() => {
    switch (change.field) {
      case 'workSec':
        return `${signed(delta)} s per work interval`;
      case 'restSec':
        return `${signed(delta)} s per rest`;
      case 'rounds':
        return `${signed(delta)} ${plural(delta, 'round')}`;
      case 'cadenceSpm':
        return `${signed(delta)} steps/min (cadence ${change.to})`;
      case 'loadKg':
        return `${signed(delta)} kg on ${change.exercise} (${change.to} kg)`;
      case 'reps':
        return `${signed(delta)} ${plural(delta, 'rep')} of ${change.exercise} (${change.to})`;
    }
  })();
  return `${what}: ${because}.`;
}
