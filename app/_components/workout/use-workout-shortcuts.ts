'use client';

import { useEffect, useRef } from 'react';

export interface WorkoutShortcuts {
  onToggleRunning: () => void;
  onPrevious: () => void;
  onNext: () => void;
  onToggleVoice: () => void;
}

/** Keys that a focused control answers itself: the page's shortcut must not answer them again. */
function isOwnedByControl(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return true;
  return key === ' ' && (target.tagName === 'BUTTON' || target.tagName === 'A');
}

/** Space starts or pauses, ← and → move between intervals, V turns the voice on or off. */
export function useWorkoutShortcuts(shortcuts: WorkoutShortcuts) {
  const latest = useRef(shortcuts);
  useEffect(() => {
    latest.current = shortcuts;
  });
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || isOwnedByControl(event.target, event.key)) return;
      const action = {
        ' ': latest.current.onToggleRunning,
        ArrowLeft: latest.current.onPrevious,
        ArrowRight: latest.current.onNext,
        v: latest.current.onToggleVoice,
        V: latest.current.onToggleVoice,
      }[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
