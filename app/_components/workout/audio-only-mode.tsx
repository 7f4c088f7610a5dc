'use client';

import { useEffect, useRef, useState } from 'react';
import { aheadCue } from '@/lib/domain/spoken-ahead';
import type { Position, TimelineStep } from '@/lib/domain/timeline';

interface AudioOnlyModeProps {
  steps: readonly TimelineStep[];
  position: Position;
  isRunning: boolean;
  hasStarted: boolean;
  onPause: () => void;
  onResume: () => void;
}

function say(text: string) {
  if (typeof window === 'undefined' || !('speechSynthesis' in window)) return;
  window.speechSynthesis.speak(new SpeechSynthesisUtterance(text));
}

/**
 * The dark workout's audio-only mode: nothing to look at (a black screen with one big button),
 * and every interval announced ten seconds ahead ("Next, sled pull, in 10 seconds") on top of the
 * cue at the boundary, so the phone can stay in a pocket after Start.
 */
export function AudioOnlyMode({ steps, position, isRunning, hasStarted, onPause, onResume }: AudioOnlyModeProps) {
  const [isOn, setIsOn] = useState(false);
  const spokenFor = useRef<number | null>(null);
  const cue = isOn && isRunning ? aheadCue(steps, position) : null;
  const cueIndex = cue?.forIndex ?? null;
  const cueText = cue?.text ?? null;

  useEffect(() => {
    if (cueIndex === null || cueText === null || spokenFor.current === cueIndex) return;
    spokenFor.current = cueIndex;
    say(cueText);
  }, [cueIndex, cueText]);

  if (!isOn) {
    return (
      <button type="button" onClick={() => setIsOn(true)} className="rounded border border-stone-400 px-4 py-3">
        Audio only
      </button>
    );
  }
  return (
    <div role="dialog" aria-modal="true" aria-label="Audio-only workout" className="fixed inset-0 z-50 flex flex-col items-center justify-center gap-6 bg-black p-6 text-stone-400">
      <p className="text-center text-sm">Audio only: every interval is announced ten seconds ahead. Put the phone away.</p>
      <p role="status" aria-live="polite" className="sr-only" data-testid="spoken-ahead">
        {cueText}
      </p>
      {isRunning ? (
        <button type="button" onClick={onPause} className="h-40 w-40 rounded-full border-2 border-stone-600 text-2xl font-bold text-stone-300">
          Pause
        </button>
      ) : (
        <button type="button" onClick={onResume} disabled={position.isFinished} className="h-40 w-40 rounded-full border-2 border-rocky-red text-2xl font-bold text-stone-200 disabled:opacity-40">
          {position.isFinished ? 'Done' : hasStarted ? 'Resume' : 'Start'}
        </button>
      )}
      <button type="button" onClick={() => setIsOn(false)} className="text-sm underline">
        Show the screen
      </button>
    </div>
  );
}
